from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest
from click.testing import CliRunner, Result

from litcat.cli import main
from litcat.core.loader import load_catalog
from litcat.formats.exports import EXPORTS
from litcat.intake.bibtex import parse_bibtex

REPO = Path(__file__).parent.parent


def run(catalog: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--root", str(catalog), *args])


@pytest.mark.parametrize("fmt", sorted(EXPORTS))
def test_export_prints_what_the_site_serves(catalog_dir: Path, fmt: str) -> None:
    result = run(catalog_dir, "export", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPORTS[fmt].render(load_catalog(catalog_dir))


def test_export_to_a_file(catalog_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "catalog.json"
    target.parent.mkdir()
    target.write_text("old")
    result = run(catalog_dir, "export", "--format", "json", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "wrote 5 papers" in result.stderr
    assert len(json.loads(target.read_text())["papers"]) == 5
    assert [p.name for p in target.parent.iterdir()] == ["catalog.json"]  # no temporary left


def test_export_refuses_a_catalog_with_errors(catalog_dir: Path, tmp_path: Path) -> None:
    (catalog_dir / "papers/broken2024x.yaml").write_text("title: [unclosed\n")
    target = tmp_path / "catalog.bib"
    result = run(catalog_dir, "export", "--format", "bibtex", "-o", str(target))
    assert result.exit_code == 1, result.output
    assert "the catalog has 1 errors" in result.output
    assert not target.exists()


def test_export_needs_a_known_format(catalog_dir: Path) -> None:
    result = run(catalog_dir, "export", "--format", "ris")
    assert result.exit_code == 2, result.output
    assert "'ris' is not one of" in result.output


def _round_trip(root: Path) -> None:
    catalog = load_catalog(root)
    assert catalog.papers
    text = run(root, "export", "--format", "bibtex").stdout
    assert len(bibtexparser.parse_string(text).entries) == len(catalog.papers)
    parsed = parse_bibtex(text)
    assert not parsed.failed
    assert sorted(e.key for e in parsed.entries) == sorted(catalog.papers)
    for entry in parsed.entries:
        paper = catalog.papers[entry.key]
        data = entry.data
        assert data.get("title") == paper.title, entry.key
        assert data.get("authors", []) == paper.authors, entry.key
        assert data.get("authors_incomplete", False) == paper.authors_incomplete, entry.key
        assert data.get("year") == paper.year, entry.key
        assert data.get("venue") == paper.venue, entry.key
        assert data.get("arxiv") == paper.arxiv, entry.key
        assert data.get("doi") == paper.doi, entry.key


def test_exported_bibtex_parses_back_into_the_same_entries(catalog_dir: Path) -> None:
    _round_trip(catalog_dir)


@pytest.mark.skipif(not (REPO / "papers").is_dir(), reason="no papers/ in this checkout")
def test_the_catalogs_bibtex_parses_back_into_the_same_entries() -> None:
    _round_trip(REPO)
