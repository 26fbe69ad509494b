"""Exports: BibTeX, CSL-JSON, CSV and JSON, as functions and as ``litcat export``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares import LatexDecodingMiddleware

from litcat.core.loader import load_catalog
from litcat.formats import bibtex, csl, tables
from litcat.formats.exports import EXPORTS
from litcat.intake.bibtex import parse_bibtex

from .conftest import Cli, WriteRecord


def test_bibtex_parses_back_into_the_same_entries(catalog_dir: Path) -> None:
    catalog = load_catalog(catalog_dir)
    library = parse_string(bibtex.to_bibtex(catalog), append_middleware=[LatexDecodingMiddleware()])
    assert not library.failed_blocks
    by_key = {entry.key: entry for entry in library.entries}
    assert sorted(by_key) == sorted(catalog.papers)
    berg = by_key["berg2021flyways"]
    assert berg.entry_type == "article"
    assert berg.fields_dict["title"].value == "Flyways Revisited: GPS Tracks of Arctic Geese"
    assert berg.fields_dict["author"].value == "Anna Berg and Jonas Lind and Émile Durand"
    assert berg.fields_dict["eprint"].value == "2101.01234"
    assert berg.fields_dict["year"].value == "2022"  # the venue's year, as the venue is cited
    assert berg.fields_dict["origdate"].value == "2021"
    okafor = by_key["okafor2023radar"]
    assert okafor.entry_type == "inproceedings"
    assert okafor.fields_dict["author"].value.endswith(" and others")


def test_bibtex_escapes_latex_specials(catalog_dir: Path, write_record: WriteRecord) -> None:
    write_record(
        "amp2024test.yaml",
        "title: 'R&D at 100% {speed} #1 $x$ a_b'\nauthors:\n  - A. Person\nyear: 2024\n"
        "tags:\n  method:\n    - radar\nadded: 2024-01-01\n",
    )
    catalog = load_catalog(catalog_dir)
    entry = bibtex.bibtex_entry(catalog.papers["amp2024test"])
    assert r"R\&D at 100\% \{speed\} \#1 \$x\$ a\_b" in entry
    library = parse_string(entry, append_middleware=[LatexDecodingMiddleware()])
    assert library.entries[0].fields_dict["title"].value == "R&D at 100% {speed} #1 $x$ a_b"


def test_csl_json_items(catalog_dir: Path) -> None:
    items = json.loads(csl.to_csl_json(load_catalog(catalog_dir)))
    item = next(i for i in items if i["id"] == "berg2021flyways")
    assert item["type"] == "article-journal"
    assert item["author"][2] == {"family": "Durand", "given": "Émile"}
    # The journal version of 2022 is the one cited; the first public version was of 2021.
    assert item["issued"] == {"date-parts": [[2022]]}
    assert item["original-date"] == {"date-parts": [[2021]]}
    assert csl.csl_name("Ludwig van der Berg") == {"family": "van der Berg", "given": "Ludwig"}
    assert csl.csl_name("Plato") == {"literal": "Plato"}


def test_csv_has_one_row_per_paper_and_defuses_formulas(
    catalog_dir: Path, write_record: WriteRecord
) -> None:
    write_record(
        "formula2024x.yaml",
        "title: '=HYPERLINK(\"http://evil\")'\nauthors:\n  - A. Person\nyear: 2024\n"
        "added: 2024-01-01\n",
    )
    rows = list(csv.DictReader(io.StringIO(tables.to_csv(load_catalog(catalog_dir)))))
    assert len(rows) == 6
    by_id = {r["id"]: r for r in rows}
    assert by_id["formula2024x"]["title"].startswith("'=")
    assert by_id["berg2021flyways"]["method"] == "gps-tags"
    assert by_id["berg2021flyways"]["species"] == "Barnacle goose; Greylag goose"


def test_json_export_is_deterministic_and_complete(catalog_dir: Path) -> None:
    catalog = load_catalog(catalog_dir)
    text = tables.to_json(catalog)
    assert text == tables.to_json(load_catalog(catalog_dir))
    data = json.loads(text)
    assert [p["id"] for p in data["papers"]] == sorted(catalog.papers)
    assert data["papers"][0]["tags"]["method"] == ["gps-tags"]
    assert {d["id"] for d in data["taxonomy"]["dimensions"]} == {"method", "taxon", "scale"}


REPO = Path(__file__).parent.parent


@pytest.mark.parametrize("fmt", sorted(EXPORTS))
def test_export_prints_what_the_site_serves(cli: Cli, catalog_dir: Path, fmt: str) -> None:
    result = cli(catalog_dir, "export", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert result.stdout == EXPORTS[fmt].render(load_catalog(catalog_dir))


def test_export_to_a_file(cli: Cli, catalog_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "catalog.json"
    target.parent.mkdir()
    target.write_text("old")
    result = cli(catalog_dir, "export", "--format", "json", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert "wrote 5 papers" in result.stderr
    assert len(json.loads(target.read_text())["papers"]) == 5
    assert [p.name for p in target.parent.iterdir()] == ["catalog.json"]  # no temporary left


def test_export_refuses_a_catalog_with_errors(cli: Cli, catalog_dir: Path, tmp_path: Path) -> None:
    (catalog_dir / "papers/broken2024x.yaml").write_text("title: [unclosed\n")
    target = tmp_path / "catalog.bib"
    result = cli(catalog_dir, "export", "--format", "bibtex", "-o", str(target))
    assert result.exit_code == 1, result.output
    assert "the catalog has 1 errors" in result.output
    assert not target.exists()


def test_export_needs_a_known_format(cli: Cli, catalog_dir: Path) -> None:
    result = cli(catalog_dir, "export", "--format", "ris")
    assert result.exit_code == 2, result.output
    assert "'ris' is not one of" in result.output


def _round_trip(cli: Cli, root: Path) -> None:
    catalog = load_catalog(root)
    assert catalog.papers
    text = cli(root, "export", "--format", "bibtex").stdout
    assert len(parse_string(text).entries) == len(catalog.papers)
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
        # The venue's year comes back as venue_year (given or read from the venue's name).
        assert data.get("venue_year", data["year"]) == paper.citation_year(), entry.key
        assert data.get("arxiv") == paper.arxiv, entry.key
        assert data.get("doi") == paper.doi, entry.key


def test_exported_bibtex_parses_back_into_the_same_entries(cli: Cli, catalog_dir: Path) -> None:
    _round_trip(cli, catalog_dir)


@pytest.mark.skipif(not (REPO / "papers").is_dir(), reason="no papers/ in this checkout")
def test_the_catalogs_bibtex_parses_back_into_the_same_entries(cli: Cli) -> None:
    _round_trip(cli, REPO)
