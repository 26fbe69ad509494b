from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware

from litcat.core.loader import load_catalog
from litcat.formats import bibtex, csl, tables

from .conftest import WriteRecord


def test_bibtex_parses_back_into_the_same_entries(catalog_dir: Path) -> None:
    catalog = load_catalog(catalog_dir)
    library = bibtexparser.parse_string(
        bibtex.to_bibtex(catalog), append_middleware=[LatexDecodingMiddleware()]
    )
    assert not library.failed_blocks
    by_key = {entry.key: entry for entry in library.entries}
    assert sorted(by_key) == sorted(catalog.papers)
    berg = by_key["berg2021flyways"]
    assert berg.entry_type == "article"
    assert berg.fields_dict["title"].value == "Flyways Revisited: GPS Tracks of Arctic Geese"
    assert berg.fields_dict["author"].value == "Anna Berg and Jonas Lind and Émile Durand"
    assert berg.fields_dict["eprint"].value == "2101.01234"
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
    library = bibtexparser.parse_string(entry, append_middleware=[LatexDecodingMiddleware()])
    assert library.entries[0].fields_dict["title"].value == "R&D at 100% {speed} #1 $x$ a_b"


def test_csl_json_items(catalog_dir: Path) -> None:
    items = json.loads(csl.to_csl_json(load_catalog(catalog_dir)))
    item = next(i for i in items if i["id"] == "berg2021flyways")
    assert item["type"] == "article-journal"
    assert item["author"][2] == {"family": "Durand", "given": "Émile"}
    assert item["issued"] == {"date-parts": [[2021]]}
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
