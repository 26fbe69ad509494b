"""Writing records: the canonical text reads back as it was, writes are atomic and never
overwrite unless asked, and ``fmt`` keeps every field and refuses to drop a comment silently."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from litcat.core.loader import load_catalog, load_record
from litcat.core.reading.reader import parse
from litcat.store.writer import record_text, write_atomic

from .conftest import CATALOG, Cli, WriteRecord, finished

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


def test_fmt_keeps_every_field(cli: Cli, catalog_dir: Path) -> None:
    path = catalog_dir / "papers" / "messy.yaml"
    path.write_text(MESSY, encoding="utf-8")
    before = load_catalog(catalog_dir).papers["messy"]
    code, output = finished(cli(catalog_dir, "fmt"))
    assert code == 0, output
    assert "reformatted papers/messy.yaml" in output
    after_text = path.read_text(encoding="utf-8")
    assert after_text.startswith("# yaml-language-server: $schema=../schema.json\ntitle: 'null'\n")
    assert load_catalog(catalog_dir).papers["messy"] == before
    assert finished(cli(catalog_dir, "fmt", "--check"))[0] == 0
    assert path.read_text(encoding="utf-8") == after_text


def test_fmt_refuses_to_drop_a_comment(cli: Cli, catalog_dir: Path) -> None:
    path = catalog_dir / "papers" / "commented.yaml"
    text = MESSY.replace("year: '2023'\n", "year: '2023'  # from the PDF, not the web page\n")
    path.write_text(text, encoding="utf-8")
    code, output = finished(cli(catalog_dir, "fmt"))
    assert code == 1
    assert "papers/commented.yaml: not formatted: comments on line 13 would be lost" in output
    assert path.read_text(encoding="utf-8") == text
    code, output = finished(cli(catalog_dir, "fmt", "--drop-comments"))
    assert code == 0, output
    assert "# from the PDF" not in path.read_text(encoding="utf-8")


def test_fmt_leaves_a_broken_record_byte_for_byte(cli: Cli, catalog_dir: Path) -> None:
    path = catalog_dir / "papers" / "broken.yaml"
    text = MESSY.replace("year: '2023'", "year: sometime")
    path.write_text(text, encoding="utf-8")
    code, output = finished(cli(catalog_dir, "fmt"))
    assert code == 1
    assert "errors left records unformatted" in output
    assert path.read_text(encoding="utf-8") == text


def test_fmt_check_changes_nothing(cli: Cli, catalog_dir: Path) -> None:
    path = catalog_dir / "papers" / "messy.yaml"
    path.write_text(MESSY, encoding="utf-8")
    code, output = finished(cli(catalog_dir, "fmt", "--check"))
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


def test_fmt_sees_a_comment_after_a_block_scalar_indicator(cli: Cli, catalog_dir: Path) -> None:
    """The block scalar's token starts at ``|``: a comment there once went unnoticed."""
    path = catalog_dir / "papers" / "block.yaml"
    text = MESSY.replace("notes: |\n", "notes: | # written from the PDF\n")
    path.write_text(text, encoding="utf-8")
    code, output = finished(cli(catalog_dir, "fmt"))
    assert code == 1
    assert "papers/block.yaml: not formatted: comments on line 16 would be lost" in output
    assert path.read_text(encoding="utf-8") == text


def test_every_test_record_is_canonical() -> None:
    catalog = load_catalog(CATALOG)
    for pid, paper in catalog.papers.items():
        original = (CATALOG / catalog.files[pid]).read_text(encoding="utf-8")
        assert record_text(paper, catalog.taxonomy) == original, pid


def test_record_to_yaml_to_record_is_identity() -> None:
    catalog = load_catalog(CATALOG)
    for paper in catalog.papers.values():
        text = record_text(paper, catalog.taxonomy)
        doc = parse(text.encode(), "x.yaml")
        again = load_record(doc, paper.id, catalog.taxonomy)
        assert doc.problems == []
        assert again == paper


def test_fmt_check_lists_files_and_fmt_rewrites_them(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord
) -> None:
    path = write_record(
        "messy2024x.yaml",
        "added: 2024-01-02\nyear: '2024'\ntitle: Messy\nauthors: [B. Person]\n"
        "arxiv: https://arxiv.org/abs/2310.10010v3\nauthors_incomplete: false\n"
        "tags: {method: [gps]}\n",
    )
    check = cli(catalog_dir, "fmt", "--check")
    assert check.exit_code == 1, check.output
    assert check.stdout == "would reformat papers/messy2024x.yaml\n"
    assert path.read_text(encoding="utf-8").startswith("added:")  # --check changes nothing
    result = cli(catalog_dir, "fmt")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == (
        "title: Messy\nauthors:\n  - B. Person\nyear: 2024\narxiv: '2310.10010'\n"
        "tags:\n  method:\n    - gps-tags\nadded: 2024-01-02\n"
    )
    again = cli(catalog_dir, "fmt", "--check")
    assert again.exit_code == 0, again.output


def test_fmt_keeps_the_schema_header_line(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord
) -> None:
    header = "# yaml-language-server: $schema=https://example.org/schema/record.json\n"
    body = (CATALOG / "papers" / "lind2024lab.yaml").read_text(encoding="utf-8")
    path = write_record("lind2024lab.yaml", header + body.replace("year: 2024", "year: '2024'"))
    result = cli(catalog_dir, "fmt")
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == header + body


def test_hash_inside_a_value_is_not_a_comment(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord
) -> None:
    path = write_record(
        "hash2024x.yaml",
        "title: 'C# and F#: a #1 study'\nauthors:\n  - D. Person\nyear: 2024\n"
        "added: 2024-01-01\nsummary:  Uses issue#12 numbering.\n",
    )
    result = cli(catalog_dir, "fmt")
    assert result.exit_code == 0, result.output
    assert "summary: Uses issue#12 numbering." in path.read_text(encoding="utf-8")


def test_fmt_removes_the_invisible_characters_no_text_needs(cli: Cli, catalog_dir: Path) -> None:
    """Soft hyphens and zero-width spaces copied from a PDF fail a strict build: fmt drops
    them (a zero-width joiner, which Persian and emoji need, stays a warning to look at)."""
    path = catalog_dir / "papers" / "berg2021flyways.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Flyways", "Fly\u00adways\u200b"), encoding="utf-8")
    assert cli(catalog_dir, "validate", "--strict").exit_code == 1
    assert cli(catalog_dir, "fmt").exit_code == 0
    assert path.read_text(encoding="utf-8") == text
    assert cli(catalog_dir, "validate", "--strict").exit_code == 0


def test_fmt_keeps_an_invisible_character_the_record_needs(cli: Cli, catalog_dir: Path) -> None:
    """An author written as one soft hyphen would be empty without it: fmt leaves it for the
    contributor to see (validate --strict names it) instead of writing an invalid record."""
    path = catalog_dir / "papers" / "berg2021flyways.yaml"
    text = path.read_text(encoding="utf-8")
    author = text.split("authors:\n", 1)[1].splitlines()[0]
    path.write_text(text.replace(author, "  - \u00ad", 1), encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    assert cli(catalog_dir, "validate").exit_code == 0
    assert cli(catalog_dir, "fmt").exit_code == 0
    assert path.read_text(encoding="utf-8") == before
    strict = cli(catalog_dir, "validate", "--strict")
    assert strict.exit_code == 1
    assert "U+00AD" in strict.output
