"""``litcat render``: its failure paths (the pages themselves are compared in test_site)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from litcat.cli import main

from .conftest import REPO


def test_render_refuses_a_broken_catalog(catalog_dir: Path, tmp_path: Path) -> None:
    (catalog_dir / "papers" / "bad2024x.yaml").write_text("title: x\nyear: 1\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ["--root", str(catalog_dir), "render", "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--templates", str(REPO / "templates")])
    assert result.exit_code == 1, result.output
    assert "papers/bad2024x.yaml:1:1:" in result.output
    assert not out.exists()


def test_render_needs_templates(catalog_dir: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["--root", str(catalog_dir), "render", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2
    assert "no templates folder" in result.output


def test_render_writes_pages_and_files(catalog_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["--root", str(catalog_dir), "render", "--out", str(out)]
    result = CliRunner().invoke(main, [*args, "--templates", str(REPO / "templates")])
    assert result.exit_code == 0, result.output
    assert (
        (out / "papers" / "berg2021flyways" / "index.md")
        .read_text(encoding="utf-8")
        .startswith("---\ntitle: 'Flyways Revisited: GPS Tracks of Arctic Geese'\n")
    )
    assert (out / "downloads" / "catalog.bib").is_file()
    assert not list(out.rglob("*.tmp"))
