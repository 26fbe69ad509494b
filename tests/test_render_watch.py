"""``litcat render --out``: only files whose content changes are written, and ``--watch`` keeps
the folder up to date after each save, as ``mkdocs serve`` does for the MkDocs site."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from litcat.cli import Env, main

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
