"""No injection: a catalog whose every text field and link holds a script-injection payload
builds (strictly), and every page, feed, download and the search index carry each payload
whole, as text, without any markup a payload could have created.

The browser half of this check is in ``test_injection_browser.py``.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bibtexparser.entrypoint import parse_string

from litcat.core.loader import load_catalog
from tests.injection import build
from tests.injection.inspect import EVIL_HOST, TOKEN, misplaced, normalize, read_page


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[build.Plan, Path]:
    return build.build_site(tmp_path_factory.getbasetemp() / "injection")


def site_files(site: Path, suffix: str) -> list[Path]:
    return sorted(p for p in site.rglob(f"*{suffix}") if p.is_file())


def test_payload_catalog_is_valid(tmp_path: Path) -> None:
    """The payloads are valid record text: the site must cope with them, not the validator."""
    plan = build.plan()
    build.write_catalog(tmp_path, plan)
    catalog = load_catalog(tmp_path)
    assert catalog.problems == []
    assert len(catalog.papers) == build.RECORDS
    every = {p for group in ("one_line", "multi_line") for p in build.payloads()[group]}
    placed = {value.rsplit(" ", 1)[0] for value in plan.values.values()}
    assert every <= placed


def test_every_html_page_shows_payloads_as_text(built: tuple[build.Plan, Path]) -> None:
    plan, site = built
    for path in site_files(site, ".html"):
        page = read_page(path.read_text(encoding="utf-8"))
        where = path.relative_to(site).as_posix()
        assert page.problems == [], where
        assert misplaced(page.text, plan.values) == [], where


def test_every_value_reaches_the_site(built: tuple[build.Plan, Path]) -> None:
    """Each value shows on some page, or at least in the catalog download."""
    plan, site = built
    seen: set[str] = set()
    for path in site_files(site, ".html"):
        seen |= set(TOKEN.findall(read_page(path.read_text(encoding="utf-8")).text))
    on_pages = set(seen)
    data = json.loads((site / "downloads" / "catalog.json").read_text(encoding="utf-8"))
    seen |= {TOKEN.findall(s)[-1] for s in strings(data) if TOKEN.search(s)}
    assert seen == set(plan.values), [plan.where[t] for t in sorted(set(plan.values) - seen)]
    record_tokens = {t for t, w in plan.where.items() if w.startswith("papers/")}
    assert record_tokens <= on_pages


def page_text(site: Path, page: str) -> str:
    return read_page((site / page).read_text(encoding="utf-8")).text


def test_each_page_carries_its_own_values(built: tuple[build.Plan, Path]) -> None:
    plan, site = built
    for pid in plan.records:
        text = page_text(site, f"papers/{pid}/index.html")
        for token, where in plan.where.items():
            if where.startswith(f"papers/{pid}.yaml"):
                assert normalize(plan.values[token]) in text, (pid, where)
    home = page_text(site, "index.html")
    taxonomy = page_text(site, "taxonomy/index.html")
    for token, where in plan.where.items():
        if where.endswith(".label") and ".nodes." in where:
            assert plan.values[token] in taxonomy, where
        if where.startswith("taxonomy.yaml dimensions.") and where.count(".") == 2:
            assert normalize(plan.values[token]) in taxonomy, where
    assert TOKEN.search(home)
    assert misplaced(home, plan.values) == []
    for info_dim in ("method/radar", "taxon/geese", "scale/global"):
        node = page_text(site, f"taxonomy/{info_dim}/index.html")
        assert misplaced(node, plan.values) == []
        assert TOKEN.search(node)


def xml_text(element: ET.Element) -> str:
    parts = [element.text or "", *(xml_text(child) for child in element), element.tail or ""]
    return " ".join(parts)


def test_feeds_are_well_formed_and_carry_titles_as_text(built: tuple[build.Plan, Path]) -> None:
    plan, site = built
    feeds = site_files(site / "feeds", ".xml")
    assert feeds
    for path in feeds:
        root = ET.fromstring(path.read_bytes())  # raises on a payload that broke the XML
        text = xml_text(root)
        assert misplaced(text, plan.values) == [], path.name
        hrefs = " ".join(e.attrib.get("href", "") for e in root.iter())
        assert EVIL_HOST not in hrefs, path.name
    everything = xml_text(ET.fromstring((site / "feeds" / "catalog.xml").read_bytes()))
    for token, where in plan.where.items():
        if where.endswith(" title"):
            assert plan.values[token] in everything, where


def strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for v in data.values() for s in strings(v)]
    if isinstance(data, list):
        return [s for v in data for s in strings(v)]
    return []


def test_search_index_holds_the_text(built: tuple[build.Plan, Path]) -> None:
    """The index holds HTML that the search box renders: it must be escaped like a page."""
    plan, site = built
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = []
    for doc in index["docs"]:
        for key in ("title", "text"):
            page = read_page(doc[key])
            assert page.problems == [], doc["location"]
            text.append(page.text)
    assert misplaced(" ".join(text), plan.values) == []
    for token, where in plan.where.items():
        if where.endswith(" title"):
            assert token in " ".join(text), where


def test_downloads_hold_every_record_value_exactly(built: tuple[build.Plan, Path]) -> None:
    plan, site = built
    downloads = site / "downloads"
    record_values = {v for t, v in plan.values.items() if plan.where[t].startswith("papers/")}
    data = json.loads((downloads / "catalog.json").read_text(encoding="utf-8"))
    assert record_values <= set(strings(data))
    csl = json.loads((downloads / "catalog.csl.json").read_text(encoding="utf-8"))
    titles = {v for t, v in plan.values.items() if plan.where[t].endswith(" title")}
    assert titles <= set(strings(csl))
    rows = list(csv.reader(io.StringIO((downloads / "catalog.csv").read_text(encoding="utf-8"))))
    cells = {cell for row in rows for part in row for cell in part.split("; ")}
    for value in titles:
        # A spreadsheet would run a cell starting with = + - @ as a formula.
        assert value in cells or "'" + value in cells, value
    assert not any(c[:1] in "=+-@" for c in cells if TOKEN.search(c))
    library = parse_string((downloads / "catalog.bib").read_text(encoding="utf-8"))
    assert library.failed_blocks == []
    assert sorted(entry.key for entry in library.entries) == sorted(plan.records)
