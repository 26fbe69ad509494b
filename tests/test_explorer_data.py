"""The explorer's data that ``litcat.formats.explorer`` writes, on the invented catalog."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from litcat.core.loader import load_catalog
from litcat.core.rules.catalog import EXPLORER_PARAMETERS
from litcat.formats.explorer import DATA_FILE, DETAILS_FILE, explorer_files
from tests.conftest import CATALOG, REPO, WriteRecord


def _load(root: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    catalog = load_catalog(root)
    assert catalog.ok, catalog.problems
    files = explorer_files(catalog)
    assert set(files) == {DATA_FILE, DETAILS_FILE}
    return json.loads(files[DATA_FILE]), json.loads(files[DETAILS_FILE])


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return _load(CATALOG)[0]


def _values(data: dict[str, Any]) -> list[tuple[str, str]]:
    """Every facet value as (facet, value), in the order value indexes count them."""
    return [(f["id"], v[0]) for f in data["facets"] for v in f["values"]]


def _row(data: dict[str, Any], paper_id: str) -> list[Any]:
    return next(row for row in data["papers"] if row[0] == paper_id)


def test_facets_are_the_dimensions_then_the_bool_and_choice_attributes(
    data: dict[str, Any],
) -> None:
    assert [(f["id"], f["kind"]) for f in data["facets"]] == [
        ("method", "dimension"),
        ("taxon", "dimension"),
        ("scale", "dimension"),
        ("data_available", "bool"),
        ("setting", "choice"),
        ("_code", "choice"),
        ("_origin", "choice"),
    ]
    method = data["facets"][0]["values"]
    assert method == [
        ["tracking", "Tracking", -1],
        ["gps-tags", "GPS tags", 0],
        ["radar", "Weather radar", 0],
        ["citizen-science", "Citizen science", -1],
    ]
    assert data["facets"][3]["values"] == [["true", "Yes", -1], ["false", "No", -1]]
    assert [v[1] for v in data["facets"][4]["values"]] == ["Field", "Laboratory", "Both"]
    assert [v[0] for v in data["facets"][5]["values"]] == ["released", "announced"]
    assert data["facets"][6]["values"] == [
        ["atlas", "The migration atlas", -1],
        ["catalog", "Added by this catalog", -1],
    ]


def test_a_paper_row_names_its_own_values_by_index(data: dict[str, Any]) -> None:
    values = _values(data)
    _, title, authors, year, venue, chosen, short, cited = _row(data, "berg2021flyways")
    assert (short, cited) == ("FlyTrack", 2022)
    assert title == "Flyways Revisited: GPS Tracks of Arctic Geese"
    assert [data["names"][a] for a in authors] == ["Anna Berg", "Jonas Lind", "Émile Durand"]
    assert year == 2021
    assert data["venues"][venue] == ["Journal of Avian Movement", "article"]
    # Only the record's own values: the browser adds the ancestors (tracking, waterbirds).
    assert [values[v] for v in chosen] == [
        ("method", "gps-tags"),
        ("taxon", "geese"),
        ("scale", "continental"),
        ("data_available", "true"),
        ("setting", "field"),
        ("_code", "released"),
        ("_origin", "atlas"),
    ]


def test_strings_are_stored_once_and_rows_follow_id_order(data: dict[str, Any]) -> None:
    assert [row[0] for row in data["papers"]] == sorted(row[0] for row in data["papers"])
    assert len(data["names"]) == len(set(data["names"]))
    assert data["names"].count("Jonas Lind") == 1
    lind = data["names"].index("Jonas Lind")
    assert lind in _row(data, "berg2021flyways")[2]
    assert lind in _row(data, "lind2024lab")[2]


def test_missing_facts_and_incomplete_authors(data: dict[str, Any]) -> None:
    lab = _row(data, "lind2024lab")
    assert lab[4] == -1
    values = _values(data)
    assert ("data_available", "true") not in [values[v] for v in lab[5]]
    radar = _row(data, "okafor2023radar")
    assert radar[2][-1] == -1
    assert data["venues"][radar[4]] == ["Radar Ecology Workshop", "inproceedings"]
    assert ("data_available", "false") in [values[v] for v in radar[5]]


def test_details_follow_the_rows() -> None:
    data, details = _load(CATALOG)
    assert len(details["papers"]) == len(data["papers"])
    assert len(details["given"]) == len(data["names"])
    by_id = {row[0]: more for row, more in zip(data["papers"], details["papers"], strict=True)}
    summary, text, arxiv, doi, url = by_id["berg2021flyways"]
    assert summary.startswith("GPS logs of two goose species")
    assert text == "Solar GPS loggers · Barnacle goose · Greylag goose"
    assert (arxiv, doi, url) == (
        "2101.01234",
        "10.5555/jam.2021.17",
        "https://arxiv.org/abs/2101.01234",
    )
    assert by_id["lind2024lab"] == [
        "",
        "",
        "",
        "10.5555/cage.2024.3",
        "https://doi.org/10.5555/cage.2024.3",
    ]
    assert by_id["silva2022citizen"][4] == "https://example.org/papers/silva2022.pdf"
    assert details["given"][data["names"].index("Émile Durand")] == 1


def test_aliases_hostile_text_and_name_particles(
    catalog_dir: Path, write_record: WriteRecord
) -> None:
    write_record(
        "zz2020odd.yaml",
        "title: '</script><b>Odd</b> & \"quoted\"'\n"
        "authors:\n  - Ludwig van der Berg\n  - Plato\n"
        "year: 2020\ntags:\n  method:\n    - gps\nattributes:\n  setting: both\n"
        "added: 2024-01-01\n",
    )
    data, details = _load(catalog_dir)
    row = _row(data, "zz2020odd")
    assert row[1] == '</script><b>Odd</b> & "quoted"'
    values = _values(data)
    assert [values[v] for v in row[5]] == [
        ("method", "gps-tags"),
        ("setting", "both"),
        ("_origin", "catalog"),
    ]
    given = {data["names"][i]: details["given"][i] for i in row[2]}
    assert given == {"Ludwig van der Berg": 1, "Plato": 0}


def test_the_files_are_compact_json() -> None:
    catalog = load_catalog(CATALOG)
    for text in explorer_files(catalog).values():
        parsed = json.loads(text)
        assert parsed["format"] == 2
        assert text == json.dumps(parsed, ensure_ascii=False, separators=(",", ":"))


def test_the_explorer_and_the_taxonomy_check_reserve_the_same_parameters() -> None:
    """A facet named like one of the explorer's own URL parameters could not be linked to."""
    script = (REPO / "src" / "litcat" / "assets" / "explorer" / "core.js").read_text(
        encoding="utf-8"
    )
    reserved = re.search(r"var RESERVED = \{([^}]*)\}", script)
    assert reserved is not None
    assert set(re.findall(r"(\w+): 1", reserved.group(1))) == EXPLORER_PARAMETERS
