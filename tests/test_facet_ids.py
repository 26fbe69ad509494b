"""The explorer's facets share one namespace: dimensions, attributes and its built-in facets.

A dimension and an attribute of the same id would mix in one facet (and one URL parameter); a
taxonomy id taking ``_code`` or ``_origin`` would mix with the facets every catalog has.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from litcat.core.loader import load_catalog
from litcat.formats.explorer import explorer_data

from .conftest import CATALOG


def with_taxonomy(catalog_dir: Path, old: str, new: str) -> list[str]:
    path = catalog_dir / "taxonomy.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return [p.format_text() for p in load_catalog(catalog_dir).problems if p.is_error]


@pytest.mark.parametrize("facet", ["_code", "_origin", "_x", "q", "year", "sort"])
def test_a_dimension_cannot_take_a_reserved_facet_id(catalog_dir: Path, facet: str) -> None:
    errors = with_taxonomy(catalog_dir, "  - id: scale\n", f"  - id: {facet}\n")
    if facet.startswith("_"):
        assert any(e.startswith("taxonomy.yaml:60:9: dimensions.2.id: ") for e in errors), errors
    else:
        # q, year and sort are the explorer's own parameters.
        assert any("dimensions.2.id" in e and "reserved" in e for e in errors), errors


@pytest.mark.parametrize("facet", ["_code", "_origin", "q", "year", "sort"])
def test_an_attribute_cannot_take_a_reserved_facet_id(catalog_dir: Path, facet: str) -> None:
    errors = with_taxonomy(catalog_dir, "  - id: instrument\n", f"  - id: {facet}\n")
    assert any("attributes.0.id" in e for e in errors), errors


@pytest.mark.parametrize("dimension", ["method", "taxon", "scale"])
def test_an_attribute_named_like_any_dimension_is_refused(
    catalog_dir: Path, dimension: str
) -> None:
    errors = with_taxonomy(catalog_dir, "  - id: instrument\n", f"  - id: {dimension}\n")
    assert any(
        re.search(rf"attributes\.0\.id: attribute id '{dimension}' is also a dimension's id", e)
        for e in errors
    ), errors


def test_the_explorers_facet_ids_are_unique() -> None:
    ids = [facet["id"] for facet in explorer_data(load_catalog(CATALOG))["facets"]]
    assert len(ids) == len(set(ids))
    assert {"_code", "_origin"} <= set(ids)
