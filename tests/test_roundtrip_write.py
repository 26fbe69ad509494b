"""Nothing lost when writing: atomic replacement, no overwrite unless asked, and ``fmt`` that
keeps every field and refuses to drop a comment silently."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from litcat.cli import main
from litcat.core.loader import load_catalog
from litcat.store.writer import write_atomic

OLD = "title: Old\n"


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def record(tmp_path: Path) -> Path:
    path = tmp_path / "papers" / "kept.yaml"
    path.parent.mkdir()
    path.write_text(OLD, encoding="utf-8")
    path.chmod(0o644)
    return path


def test_write_replaces_and_keeps_the_mode(record: Path) -> None:
    write_atomic(record, "title: New\n")
    assert record.read_text(encoding="utf-8") == "title: New\n"
    assert stat.S_IMODE(record.stat().st_mode) == 0o644
    assert leftovers(record.parent) == []


def test_new_file_gets_the_usual_mode_not_a_private_one(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.yaml", "x: 1\n", overwrite=False)
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "new.yaml").stat().st_mode) == 0o644


def test_failure_while_writing_leaves_the_old_file(
    record: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(record, "title: New\n" * 1000)
    assert record.read_text(encoding="utf-8") == OLD
    assert leftovers(record.parent) == []


def test_text_that_cannot_be_encoded_leaves_the_old_file(record: Path) -> None:
    with pytest.raises(UnicodeEncodeError):
        write_atomic(record, "title: half written\n" * 500 + "\ud800")
    assert record.read_text(encoding="utf-8") == OLD
    assert leftovers(record.parent) == []


def test_interrupt_during_rename_leaves_the_old_file(
    record: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(self: Path, target: Path) -> Path:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(record, "title: New\n")
    assert record.read_text(encoding="utf-8") == OLD
    assert leftovers(record.parent) == []


def test_no_overwrite_never_replaces(record: Path) -> None:
    with pytest.raises(FileExistsError):
        write_atomic(record, "title: New\n", overwrite=False)
    assert record.read_text(encoding="utf-8") == OLD
    assert leftovers(record.parent) == []


def test_no_overwrite_refuses_a_file_that_appears_during_the_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check is the link itself, so a record created by someone else meanwhile wins."""
    target = tmp_path / "race.yaml"
    real_fsync = os.fsync

    def someone_else_writes(fd: int) -> None:
        real_fsync(fd)
        target.write_text(OLD, encoding="utf-8")

    monkeypatch.setattr(os, "fsync", someone_else_writes)
    with pytest.raises(FileExistsError):
        write_atomic(target, "title: Mine\n", overwrite=False)
    assert target.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path) == []


# -- fmt --------------------------------------------------------------------------------------

MESSY = """\
# yaml-language-server: $schema=../schema.json
added: 2024-05-01
summary: "Every field, in the wrong order, with odd quoting."
sources: [https://example.org/src]
attributes: {sample_size: '7', species: [Mallard], setting: field, data_available: yes,
  instrument: "Radar"}
tags: {taxon: [geese], method: [radar]}
links: {video: 'https://example.org/v', paper: https://example.org/p}
doi: HTTPS://DOI.ORG/10.5555/Messy.1
arxiv: arXiv:2310.10010v2
venue_confirmed: false
venue: 'yes'
year: '2023'
authors_incomplete: true
authors: [Ada Case, "Bo: Case"]
notes: |
  Two lines
  of notes.
title: 'null'
"""


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["--root", str(root), *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_fmt_keeps_every_field(catalog_dir: Path) -> None:
    path = catalog_dir / "papers" / "messy.yaml"
    path.write_text(MESSY, encoding="utf-8")
    before = load_catalog(catalog_dir).papers["messy"]
    code, output = run(catalog_dir, "fmt")
    assert code == 0, output
    assert "reformatted papers/messy.yaml" in output
    after_text = path.read_text(encoding="utf-8")
    assert after_text.startswith("# yaml-language-server: $schema=../schema.json\ntitle: 'null'\n")
    assert load_catalog(catalog_dir).papers["messy"] == before
    assert run(catalog_dir, "fmt", "--check")[0] == 0
    assert path.read_text(encoding="utf-8") == after_text


def test_fmt_refuses_to_drop_a_comment(catalog_dir: Path) -> None:
    path = catalog_dir / "papers" / "commented.yaml"
    text = MESSY.replace("year: '2023'\n", "year: '2023'  # from the PDF, not the web page\n")
    path.write_text(text, encoding="utf-8")
    code, output = run(catalog_dir, "fmt")
    assert code == 1
    assert "papers/commented.yaml: not formatted: comments on line 13 would be lost" in output
    assert path.read_text(encoding="utf-8") == text
    code, output = run(catalog_dir, "fmt", "--drop-comments")
    assert code == 0, output
    assert "# from the PDF" not in path.read_text(encoding="utf-8")


def test_hash_inside_a_value_is_not_a_comment(catalog_dir: Path) -> None:
    path = catalog_dir / "papers" / "hash.yaml"
    path.write_text(MESSY.replace("title: 'null'", "title: 'C# and #hashtags'"), "utf-8")
    code, output = run(catalog_dir, "fmt")
    assert code == 0, output
    assert "title: 'C# and #hashtags'\n" in path.read_text(encoding="utf-8")


def test_fmt_leaves_a_broken_record_byte_for_byte(catalog_dir: Path) -> None:
    path = catalog_dir / "papers" / "broken.yaml"
    text = MESSY.replace("year: '2023'", "year: sometime")
    path.write_text(text, encoding="utf-8")
    code, output = run(catalog_dir, "fmt")
    assert code == 1
    assert "errors left records unformatted" in output
    assert path.read_text(encoding="utf-8") == text


def test_fmt_check_changes_nothing(catalog_dir: Path) -> None:
    path = catalog_dir / "papers" / "messy.yaml"
    path.write_text(MESSY, encoding="utf-8")
    code, output = run(catalog_dir, "fmt", "--check")
    assert code == 1
    assert "would reformat papers/messy.yaml" in output
    assert path.read_text(encoding="utf-8") == MESSY


# -- every writer goes through write_atomic ---------------------------------------------------

SRC = Path(__file__).parent.parent / "src" / "litcat"
DIRECT_WRITE = re.compile(
    r"\.write_(?:text|bytes)\(|\bopen\([^)]*['\"][^'\"]*[wax][^'\"]*['\"]|os\.(?:rename|replace)\("
)


def test_every_write_in_the_package_is_atomic() -> None:
    """A new command that writes a file directly would bypass the temporary file and rename."""
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if DIRECT_WRITE.search(line):
                offenders.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert offenders == []


def test_fmt_sees_a_comment_after_a_block_scalar_indicator(catalog_dir: Path) -> None:
    """The block scalar's token starts at ``|``: a comment there once went unnoticed."""
    path = catalog_dir / "papers" / "block.yaml"
    text = MESSY.replace("notes: |\n", "notes: | # written from the PDF\n")
    path.write_text(text, encoding="utf-8")
    code, output = run(catalog_dir, "fmt")
    assert code == 1
    assert "papers/block.yaml: not formatted: comments on line 16 would be lost" in output
    assert path.read_text(encoding="utf-8") == text
