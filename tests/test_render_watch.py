"""``litcat render --out``: only files whose content changes are written, and ``--watch`` keeps
the folder up to date after each save, as ``mkdocs serve`` does for the MkDocs site."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from litcat.cli import Env, main
from litcat.cli.folder import OwnedFolder

from .conftest import REPO

PAGE = "papers/okafor2023radar/index.md"


def render(catalog: Path, out: Path, *extra: str, sleep: Callable[[float], None] = print) -> Result:
    env = Env(root=catalog, sleep=sleep)
    args = [
        "--root",
        str(catalog),
        "render",
        "--out",
        str(out),
        "--templates",
        str(REPO / "templates"),
    ]
    return CliRunner().invoke(main, [*args, *extra], obj=env)


def save(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_a_second_render_leaves_unchanged_files_alone(catalog_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = render(catalog_dir, out)
    assert first.exit_code == 0, first.output
    # The record schema shows no record: the change below leaves it as it was.
    page = out / "schema" / "record.json"
    os.utime(page, ns=(1_000_000_000, 1_000_000_000))
    save(catalog_dir / "papers" / "berg2021flyways.yaml", "Flyways Revisited", "New Flyways")
    second = render(catalog_dir, out)
    assert second.exit_code == 0, second.output
    assert page.stat().st_mtime_ns == 1_000_000_000
    assert "New Flyways" in (out / "papers/berg2021flyways/index.md").read_text(encoding="utf-8")
    assert "changed)" in second.stderr and "(0 changed)" not in second.stderr


def test_watch_follows_saves_reports_a_broken_record_and_recovers(
    catalog_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    record = catalog_dir / "papers" / "okafor2023radar.yaml"
    gone = catalog_dir / "papers" / "tanaka2020global.yaml"
    good = record.read_text(encoding="utf-8")
    seen: list[str] = []

    def steps(seconds: float) -> None:
        # Each pause of the watch loop: look at the folder, then make the next save.
        seen.append((out / PAGE).read_text(encoding="utf-8"))
        step = len(seen)
        if step == 1:
            save(record, "title: ", "title: Saved ")
        elif step == 2:
            save(record, "year: 2023\n", "year: twenty\n")
        elif step == 4:
            record.write_text(good.replace("title: ", "title: Fixed "), encoding="utf-8")
            save(record, "", "")
            gone.unlink()
        elif step == 5:
            raise KeyboardInterrupt

    result = render(catalog_dir, out, "--watch", "--interval", "0.1", sleep=steps)
    assert result.exit_code == 0, result.output
    assert "Saved " not in seen[0] and "Saved " in seen[1]
    # The broken record is reported once, with its place, while the folder keeps the last pages.
    assert result.stdout.count("papers/okafor2023radar.yaml:") == 1
    assert ": year:" in result.stdout
    assert "Saved " in seen[2] and "Saved " in seen[3]
    assert "Fixed " in seen[4]
    assert not (out / "papers/tanaka2020global/index.md").exists()


# -- deletions reach the folder ----------------------------------------------------------------


def test_a_later_render_removes_the_pages_of_deleted_and_renamed_records(
    catalog_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert render(catalog_dir, out).exit_code == 0
    (out / "notes.md").write_text("mine", encoding="utf-8")
    renamed, deleted = out / PAGE, out / "papers/tanaka2020global/index.md"
    assert renamed.is_file() and deleted.is_file()
    papers = catalog_dir / "papers"
    (papers / "okafor2023radar.yaml").rename(papers / "okafor2023weather.yaml")
    (papers / "tanaka2020global.yaml").unlink()
    again = render(catalog_dir, out)
    assert again.exit_code == 0, again.output
    assert not renamed.exists() and not renamed.parent.exists()
    assert not deleted.exists() and not deleted.parent.exists()
    assert (out / "papers/okafor2023weather/index.md").is_file()
    assert (out / "notes.md").read_text(encoding="utf-8") == "mine"
    assert "removed 2 files that the catalog no longer makes" in again.stderr


def test_a_render_removes_nothing_it_did_not_write(catalog_dir: Path, tmp_path: Path) -> None:
    """A folder written before litcat kept its list, or a list edited by hand (absolute
    paths, ``..``, a folder that is a link): nothing outside what litcat wrote is removed."""
    out = tmp_path / "out"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    keep = outside / "index.md"
    keep.write_text("mine", encoding="utf-8")
    (tmp_path / "keep.md").write_text("mine", encoding="utf-8")
    out.mkdir()
    (out / "papers").mkdir()
    (out / "papers" / "old").mkdir()
    unlisted = out / "papers" / "old" / "index.md"
    unlisted.write_text("written by hand", encoding="utf-8")
    (out / "linked").symlink_to(outside, target_is_directory=True)
    assert render(catalog_dir, out).exit_code == 0
    manifest = out / ".litcat-files"
    hostile = f"../keep.md\n{keep}\nlinked/index.md\n"
    manifest.write_text(hostile + manifest.read_text(encoding="utf-8"), encoding="utf-8")
    again = render(catalog_dir, out)
    assert again.exit_code == 0, again.output
    assert keep.read_text(encoding="utf-8") == "mine"
    assert (tmp_path / "keep.md").read_text(encoding="utf-8") == "mine"
    assert unlisted.read_text(encoding="utf-8") == "written by hand"
    assert (out / "linked").is_symlink()


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_render_writes_nothing_through_a_link_leading_outside(
    catalog_dir: Path, tmp_path: Path, engine: str
) -> None:
    """``out/papers`` a link to another folder (the catalog's own papers/, say): the run stops
    with a message naming it, and nothing is written there."""
    out = tmp_path / "out"
    out.mkdir()
    papers = catalog_dir / "papers"
    before = {p.name: p.read_bytes() for p in papers.iterdir()}
    linked = "docs/papers" if engine == "zensical" else "papers"
    (out / linked).parent.mkdir(parents=True, exist_ok=True)
    (out / linked).symlink_to(papers, target_is_directory=True)
    result = render(catalog_dir, out, *(["--engine", "zensical"] if engine == "zensical" else []))
    assert result.exit_code == 1, result.output
    assert "a folder on its way is a link leading outside" in result.stderr
    assert "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in papers.iterdir()} == before
    # A link that stays inside the folder is written through.
    (out / linked).unlink()
    (out / "real").mkdir()
    (out / linked).symlink_to(out / "real", target_is_directory=True)
    again = render(catalog_dir, out, *(["--engine", "zensical"] if engine == "zensical" else []))
    assert again.exit_code == 0, again.output
    assert any((out / "real").rglob("index.md"))


def test_a_render_stopped_halfway_still_knows_what_it_wrote(
    catalog_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list names the files before they are written: a run that fails after writing some
    leaves none that a later run cannot remove."""
    out = tmp_path / "out"
    real_put = OwnedFolder.put
    count = 0

    def failing_put(self: OwnedFolder, path: str, data: str | bytes) -> int:
        nonlocal count
        count += 1
        if count == 5:
            raise OSError(28, "No space left on device")
        return real_put(self, path, data)

    monkeypatch.setattr(OwnedFolder, "put", failing_put)
    assert render(catalog_dir, out).exit_code != 0
    monkeypatch.undo()
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    listed = set((out / ".litcat-files").read_text(encoding="utf-8").splitlines())
    assert written - {".litcat-files"} <= listed
