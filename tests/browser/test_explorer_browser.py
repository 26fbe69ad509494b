"""The explorer and the comparison tables in a real browser, against the built invented catalog.

One build and one server for the module; each test opens its own page. The catalog is the
invented one plus a record whose text is markup, to show that it stays text on the page.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import bibtexparser
import pytest

from litcat.exports import bibtex_entry, csl_item
from litcat.loader import load_catalog
from tests.browser import launch, sync_playwright
from tests.conftest import CATALOG

from .harness import ARTIFACTS, Server, build_site

HOSTILE = """\
title: '<img src=x onerror="document.title=1">Markup & {braces} in a title'
authors:
  - Zoë <b>Bold</b>
year: 2019
venue: Proceedings of <i>Workshops</i>
tags:
  method:
    - citizen-science
attributes:
  setting: field
summary: A record whose text looks like markup; it must stay text.
added: 2024-07-01
"""


@pytest.fixture(scope="module")
def catalog_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("catalog")
    shutil.copytree(CATALOG, root, dirs_exist_ok=True)
    (root / "papers" / "zz2019markup.yaml").write_text(HOSTILE, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(catalog_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    out = build_site(catalog_root, tmp_path_factory.mktemp("site"))
    with Server(out) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == [], errors


def open_explorer(page: Any, site: Server, query: str = "") -> None:
    page.goto(site.url("explorer/" + query))
    page.wait_for_selector(".lx-ready")


def status(page: Any) -> str:
    return str(page.inner_text(".lx-status"))


def titles(page: Any) -> list[str]:
    return [str(t) for t in page.locator(".lx-rows .lx-title a").all_inner_texts()]


def facet(page: Any, dimension: str, value: str) -> Any:
    label = page.locator(".lx-facet", has=page.locator(f"legend:text-is('{dimension}')"))
    return label.locator("label", has_text=value).first


def count_of(page: Any, dimension: str, value: str) -> int:
    return int(facet(page, dimension, value).locator(".lx-count").inner_text())


def test_facets_filter_and_count(page: Any, site: Server) -> None:
    open_explorer(page, site)
    assert status(page) == "6 of 6 papers"
    assert count_of(page, "Method", "Tracking") == 4
    facet(page, "Method", "Tracking").click()
    assert status(page) == "4 of 6 papers"
    # A filter on a parent matches its children: GPS tags and weather radar are tracking.
    assert sorted(titles(page)) == [
        "A Global Atlas of Waterbird Stopovers",
        "Counting Nocturnal Songbird Passage with Weather Radar",
        "Flyways Revisited: GPS Tracks of Arctic Geese",
        "Magnetic Compass Tests in Caged Songbirds",
    ]
    # Counts follow the filters; a facet's own values count as if chosen alone in it.
    assert count_of(page, "Scale", "Global") == 1
    assert count_of(page, "Method", "Citizen science") == 3
    facet(page, "Taxon", "Songbirds").click()
    assert status(page) == "2 of 6 papers"
    facet(page, "Taxon", "Waterbirds").click()
    assert status(page) == "4 of 6 papers"
    facet(page, "Setting", "Laboratory").click()
    assert titles(page) == ["Magnetic Compass Tests in Caged Songbirds"]
    assert "method=tracking&taxon=songbirds,waterbirds&setting=lab" in page.url


def test_the_url_holds_the_whole_view(page: Any, site: Server) -> None:
    query = "?taxon=waterbirds&data_available=true&year=2020-2021&sort=title&q=gps"
    open_explorer(page, site, query)
    view = (status(page), titles(page))
    assert view == ("2 of 6 papers", [
        "A Global Atlas of Waterbird Stopovers",
        "Flyways Revisited: GPS Tracks of Arctic Geese",
    ])
    assert facet(page, "Taxon", "Waterbirds").locator("input").is_checked()
    assert facet(page, "Data available", "Yes").locator("input").is_checked()
    assert page.input_value(".lx-q") == "gps"
    assert (page.input_value(".lx-low"), page.input_value(".lx-high")) == ("2020", "2021")
    assert page.input_value(".lx-sort") == "title"
    page.select_option(".lx-sort", "title-desc")
    page.reload()
    page.wait_for_selector(".lx-ready")
    assert (status(page), titles(page)) == (view[0], view[1][::-1])
    assert page.url.endswith(query.replace("sort=title", "sort=title-desc"))


def test_search_folds_accents_and_reads_summaries(page: Any, site: Server) -> None:
    open_explorer(page, site)
    page.fill(".lx-q", "emile")
    page.wait_for_function("() => /^1 of/.test(document.querySelector('.lx-status').textContent)")
    assert titles(page) == ["Flyways Revisited: GPS Tracks of Arctic Geese"]
    page.fill(".lx-q", "reflectivity")
    page.wait_for_function("() => /^1 of/.test(document.querySelector('.lx-status').textContent)")
    assert titles(page) == ["Counting Nocturnal Songbird Passage with Weather Radar"]
    page.fill(".lx-q", "nexrad")
    page.wait_for_url("**q=nexrad")
    assert titles(page) == ["Counting Nocturnal Songbird Passage with Weather Radar"]


def _download(page: Any, button: str) -> str:
    with page.expect_download() as info:
        page.click(button)
    return Path(info.value.path()).read_text(encoding="utf-8")


def test_export_matches_litcat_exports(page: Any, site: Server, catalog_root: Path) -> None:
    catalog = load_catalog(catalog_root)
    open_explorer(page, site, "?method=tracking,citizen-science&year=-2023")
    chosen = [catalog.papers[pid] for pid in sorted(catalog.papers) if catalog.papers[pid].year <= 2023]
    assert page.inner_text(".lx-n") == str(len(chosen)) == "5"
    bibtex = _download(page, ".lx-bib")
    assert bibtex == "\n".join(bibtex_entry(p) for p in chosen)
    library = bibtexparser.parse_string(bibtex)
    assert [e.key for e in library.entries] == [p.id for p in chosen]
    assert library.failed_blocks == []
    markup = next(e for e in library.entries if e.key == "zz2019markup")
    assert markup.fields_dict["author"].value == "Zoë <b>Bold</b>"
    csl = json.loads(_download(page, ".lx-csl"))
    assert csl == [csl_item(p) for p in chosen]


def test_record_text_stays_text(page: Any, site: Server) -> None:
    open_explorer(page, site, "?q=markup")
    assert titles(page) == ['<img src=x onerror="document.title=1">Markup & {braces} in a title']
    assert page.locator(".lx img").count() == 0
    assert page.locator(".lx-rows b, .lx-rows i").count() == 0
    assert page.title() != "1"


def test_a_matrix_cell_opens_the_explorer_on_it(page: Any, site: Server) -> None:
    page.goto(site.url(""))
    cells = page.locator("a[href*='explorer/?']")
    links = [(cells.nth(i).get_attribute("href"), cells.nth(i).inner_text()) for i in range(cells.count())]
    assert links, "the home page has no matrix cell linking to the explorer"
    href, count = next((h, c) for h, c in links if "method=tracking" in h and "taxon=songbirds" in h)
    page.locator(f"a[href='{href}']").first.click()
    page.wait_for_selector(".lx-ready")
    assert status(page) == f"{count.strip()} of 6 papers" == "2 of 6 papers"
    assert facet(page, "Method", "Tracking").locator("input").is_checked()
    assert facet(page, "Taxon", "Songbirds").locator("input").is_checked()
    # Every other cell agrees with the explorer on its count.
    for href, count in links:
        page.goto(site.url(href.split("explorer/", 1)[1].join(["explorer/", ""])))
        page.wait_for_selector(".lx-ready")
        assert status(page).split(" of ")[0] == count.strip(), href


def test_keyboard_only(page: Any, site: Server) -> None:
    open_explorer(page, site)
    page.focus(".lx-facet input")
    page.keyboard.press("Space")
    assert status(page) == "4 of 6 papers"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.locator(".lx-facet input").nth(1).is_checked()
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_comparison_table_sorts_by_its_headers(page: Any, site: Server) -> None:
    page.goto(site.url("compare/method/tracking/"))
    table = page.locator("table[data-litcat-compare]")
    years = lambda: table.locator("tbody tr td:nth-child(2)").all_inner_texts()  # noqa: E731
    assert years() == ["2024", "2023", "2021", "2020"]
    header = table.locator("thead button", has_text="Year")
    header.click()
    assert years() == ["2020", "2021", "2023", "2024"]
    assert table.locator("thead th").nth(1).get_attribute("aria-sort") == "ascending"
    header.focus()
    page.keyboard.press("Enter")
    assert years() == ["2024", "2023", "2021", "2020"]
    samples = table.locator("thead button", has_text="Sample size")
    samples.click()
    column = 2 + [h.strip() for h in table.locator("thead th").all_inner_texts()][2:].index("Sample size")
    cells = table.locator(f"tbody tr td:nth-child({column + 1})").all_inner_texts()
    assert cells == ["12", "48", "", ""]
    csv_href = page.locator("a[download]").get_attribute("href")
    assert page.request.get(site.url(f"compare/method/tracking/{csv_href}")).ok


def test_no_console_errors_on_any_page(page: Any, site: Server) -> None:
    pages = sorted(site.root.rglob("index.html"))
    assert len(pages) > 20
    for html in pages:
        path = html.parent.relative_to(site.root).as_posix()
        page.goto(site.url("" if path == "." else path + "/"))
        page.wait_for_load_state("load")
    # The page fixture fails the test on any console error or uncaught exception.


def test_screenshots(page: Any, site: Server) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    open_explorer(page, site, "?method=tracking")
    page.screenshot(path=str(ARTIFACTS / "explorer-light.png"), full_page=True)
    page.emulate_media(color_scheme="dark")
    page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    page.screenshot(path=str(ARTIFACTS / "explorer-dark.png"), full_page=True)
    assert (ARTIFACTS / "explorer-light.png").stat().st_size > 10_000
