"""Comparison tables and the explorer's page, as the renderer produces them (no browser)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import yaml

from litcat.core.loader import load_catalog
from litcat.render import Producer, RenderContext, RenderOptions, as_text
from litcat.render import compare as compare_producer
from litcat.render import explorer as explorer_producer
from tests.conftest import CATALOG, REPO, WriteRecord


def _pages(ctx: RenderContext, producer: Producer) -> dict[str, str]:
    return {path: as_text(out) for path, out in producer.everything(ctx)}


def _context(root: Path) -> RenderContext:
    catalog = load_catalog(root)
    assert catalog.ok, catalog.problems
    return RenderContext(catalog, RenderOptions(templates_dir=REPO / "templates"))


def _compare_only(root: Path, kept: str) -> None:
    """Mark every attribute but ``kept`` as not compared."""
    path = root / "taxonomy.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for attr in data["attributes"]:
        if attr["id"] != kept:
            attr["compare"] = False
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def _table(ctx: RenderContext, dim: str, node: str) -> compare_producer.Table | None:
    info = ctx.taxonomy.node(dim, node)
    assert info is not None
    return compare_producer.table(ctx, info)


def test_a_table_holds_the_node_and_its_sub_nodes_newest_first() -> None:
    ctx = _context(CATALOG)
    table = _table(ctx, "method", "tracking")
    assert table is not None
    assert [r.paper.id for r in table.rows] == [
        "lind2024lab",
        "okafor2023radar",
        "berg2021flyways",
        "tanaka2020global",
    ]
    assert [a.id for a in table.columns] == [
        "instrument",
        "species",
        "data_available",
        "setting",
        "sample_size",
    ]
    berg = table.rows[2].cells
    assert [c.text for c in berg] == [
        "Solar GPS loggers",
        "Barnacle goose; Greylag goose",
        "yes",
        "Field",
        "48",
    ]
    assert berg[4].sort == "48"
    assert [c.text for c in table.rows[0].cells] == ["", "", "", "Laboratory", "12"]
    assert table.left_out == 0


def test_only_compared_attributes_count(catalog_dir: Path) -> None:
    _compare_only(catalog_dir, "sample_size")
    ctx = _context(catalog_dir)
    assert _table(ctx, "method", "radar") is None
    # A paper with a code link or a short name has a row even when it records no column.
    citizen = _table(ctx, "method", "citizen-science")
    assert citizen is not None
    assert [r.paper.id for r in citizen.rows] == ["silva2022citizen", "tanaka2020global"]
    tracking = _table(ctx, "method", "tracking")
    assert tracking is not None
    assert [r.paper.id for r in tracking.rows] == [
        "lind2024lab",
        "berg2021flyways",
        "tanaka2020global",
    ]
    assert tracking.left_out == 1
    radar = ctx.taxonomy.node("method", "radar")
    assert radar is not None
    assert compare_producer.node_links(ctx, radar) == []
    pages = _pages(ctx, compare_producer.PRODUCER)
    assert "compare/method/radar/index.md" not in pages
    assert "compare/method/tracking/index.md" in pages
    assert "1 more paper records none of these columns" in pages["compare/method/tracking/index.md"]


def test_node_pages_link_to_their_table() -> None:
    ctx = _context(CATALOG)
    geese = ctx.taxonomy.node("taxon", "geese")
    assert geese is not None
    links = compare_producer.node_links(ctx, geese)
    assert [(link.label, link.path) for link in links] == [
        ("Comparison table", "compare/taxon/geese/index.md")
    ]


def test_csv_rows_are_raw_values_and_never_formulas(
    write_record: WriteRecord, catalog_dir: Path
) -> None:
    write_record(
        "zz2020formula.yaml",
        "title: '=HYPERLINK(\"http://example.org\")'\nauthors:\n  - A Person\nyear: 2020\n"
        "tags:\n  method:\n    - radar\nattributes:\n  instrument: '@SUM(A1)'\n  species:\n"
        "    - Robin\n    - Wren\n  data_available: false\nadded: 2024-01-01\n",
    )
    ctx = _context(catalog_dir)
    pages = _pages(ctx, compare_producer.PRODUCER)
    rows = list(csv.reader(io.StringIO(pages["compare/method/radar.csv"])))
    head = ["id", "title", "short_name", "year", "url", "code", *ctx.taxonomy.attribute_ids()]
    assert rows[0] == head
    # Newest first, as on the page.
    assert rows[1][:4] == [
        "okafor2023radar",
        "Counting Nocturnal Songbird Passage with Weather Radar",
        "",
        "2023",
    ]
    assert rows[2] == [
        "zz2020formula",
        '\'=HYPERLINK("http://example.org")',
        "",
        "2020",
        "",
        "",
        "'@SUM(A1)",
        "Robin; Wren",
        "false",
        "",
        "",
    ]
    page = pages["compare/method/radar/index.md"]
    assert "&#34;http://example.org&#34;" in page or "&quot;http://example.org&quot;" in page
    assert '<a class="md-button" href="../radar.csv" download>' in page


def test_the_index_lists_every_table_by_dimension() -> None:
    ctx = _context(CATALOG)
    index = _pages(ctx, compare_producer.PRODUCER)["compare/index.md"]
    for node in ("tracking", "gps-tags", "radar", "citizen-science", "geese", "global"):
        assert f"{node}/" in index
    assert index.index('id="dim-method"') < index.index('id="dim-taxon"')


def test_the_explorer_page_points_at_its_data() -> None:
    ctx = _context(CATALOG)
    pages = _pages(ctx, explorer_producer.PRODUCER)
    assert set(pages) == {"explorer/index.md", "explorer/data.json", "explorer/details.json"}
    page = pages["explorer/index.md"]
    assert 'data-data="data.json"' in page
    assert 'data-details="details.json"' in page
    assert 'data-papers="../papers/{id}/"' in page
    assert "- toc" in page.split("---")[1]


def test_a_catalog_without_attributes_says_so(catalog_dir: Path) -> None:
    """The index of a catalog that declares no attributes says how to get tables, rather
    than 'side by side on .'."""
    path = catalog_dir / "taxonomy.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.pop("attributes")
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    for pid in ("berg2021flyways", "silva2022citizen", "tanaka2020global", "lind2024lab"):
        record = catalog_dir / "papers" / f"{pid}.yaml"
        loaded = yaml.safe_load(record.read_text(encoding="utf-8"))
        loaded.pop("attributes", None)
        record.write_text(yaml.safe_dump(loaded, sort_keys=False), encoding="utf-8")
    record = catalog_dir / "papers" / "okafor2023radar.yaml"
    loaded = yaml.safe_load(record.read_text(encoding="utf-8"))
    loaded.pop("attributes", None)
    record.write_text(yaml.safe_dump(loaded, sort_keys=False), encoding="utf-8")
    index = _pages(_context(catalog_dir), compare_producer.PRODUCER)["compare/index.md"]
    assert "side by side on ." not in index
    assert "declares no attributes" in index
