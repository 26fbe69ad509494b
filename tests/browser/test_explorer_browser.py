"""The explorer and the comparison tables in a real browser, against the built invented catalog.

The fixtures (one build and one server per module, a page per test that fails on any console
error) are in this folder's conftest.py.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bibtexparser.entrypoint import parse_string

from litcat.core.loader import load_catalog
from litcat.formats.bibtex import bibtex_entry
from litcat.formats.csl import csl_item
from tests.browser import expect

pytestmark = pytest.mark.browser


def open_explorer(page: Any, site: Any, query: str = "") -> None:
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


def test_facets_filter_and_count(page: Any, site: Any) -> None:
    open_explorer(page, site)
    assert status(page) == "7 of 7 papers"
    assert count_of(page, "Method", "Tracking") == 4
    facet(page, "Method", "Tracking").click()
    assert status(page) == "4 of 7 papers"
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
    assert status(page) == "2 of 7 papers"
    facet(page, "Taxon", "Waterbirds").click()
    assert status(page) == "4 of 7 papers"
    facet(page, "Setting", "Laboratory").click()
    assert titles(page) == ["Magnetic Compass Tests in Caged Songbirds"]
    assert "method=tracking&taxon=songbirds,waterbirds&setting=lab" in page.url


def test_the_url_holds_the_whole_view(page: Any, site: Any) -> None:
    query = "?taxon=waterbirds&data_available=true&search=gps&year=2020-2021&sort=title"
    open_explorer(page, site, query)
    view = (status(page), titles(page))
    assert view == (
        "2 of 7 papers",
        [
            "A Global Atlas of Waterbird Stopovers",
            "Flyways Revisited: GPS Tracks of Arctic Geese",
        ],
    )
    assert facet(page, "Taxon", "Waterbirds").locator("input").is_checked()
    assert facet(page, "Data available", "Yes").locator("input").is_checked()
    assert page.input_value(".lx-q") == "gps"
    # Material's own search box, which takes ?q=, stays closed.
    assert not page.locator("input[data-md-toggle=search]").is_checked()
    assert (page.input_value(".lx-low"), page.input_value(".lx-high")) == ("2020", "2021")
    assert page.input_value(".lx-sort") == "title"
    page.select_option(".lx-sort", "title-desc")
    page.reload()
    page.wait_for_selector(".lx-ready")
    assert (status(page), titles(page)) == (view[0], view[1][::-1])
    assert page.url.endswith(query.replace("sort=title", "sort=title-desc"))


def test_search_folds_accents_and_reads_summaries(page: Any, site: Any) -> None:
    open_explorer(page, site)
    rows = page.locator(".lx-rows .lx-title a")
    page.fill(".lx-q", "emile")
    expect(rows).to_have_text(["Flyways Revisited: GPS Tracks of Arctic Geese"])
    # Summaries and text attributes come with the details, fetched on the first search.
    page.fill(".lx-q", "reflectivity")
    expect(rows).to_have_text(["Counting Nocturnal Songbird Passage with Weather Radar"])
    page.fill(".lx-q", "solar loggers")
    expect(rows).to_have_text(["Flyways Revisited: GPS Tracks of Arctic Geese"])
    page.fill(".lx-q", "barn swallow")
    expect(rows).to_have_text(["What Volunteers See: Citizen Reports of Early Arrivals"])
    assert page.url.endswith("?search=barn%20swallow")


def _download(page: Any, button: str) -> str:
    with page.expect_download() as info:
        page.click(button)
    return Path(info.value.path()).read_text(encoding="utf-8")


def test_export_matches_litcat_exports(page: Any, site: Any, catalog_root: Path) -> None:
    catalog = load_catalog(catalog_root)
    open_explorer(page, site, "?year=-2023")
    chosen = [
        catalog.papers[pid] for pid in sorted(catalog.papers) if catalog.papers[pid].year <= 2023
    ]
    assert page.inner_text(".lx-n") == str(len(chosen)) == "6"
    bibtex = _download(page, ".lx-bib")
    assert bibtex == "\n".join(bibtex_entry(p) for p in chosen)
    library = parse_string(bibtex)
    assert [e.key for e in library.entries] == [p.id for p in chosen]
    assert library.failed_blocks == []
    markup = next(e for e in library.entries if e.key == "zz2019markup")
    assert markup.fields_dict["author"].value == "Zoë <b>Bold</b>"
    unknown = next(e for e in library.entries if e.key == "zz2018unknown")
    assert unknown.fields_dict["author"].value == "others"
    assert "Authors unknown" in page.locator(".lx-rows tr", has_text="Whose Authors").inner_text()
    csl = json.loads(_download(page, ".lx-csl"))
    assert csl == [csl_item(p) for p in chosen]


def test_record_text_stays_text(page: Any, site: Any) -> None:
    open_explorer(page, site, "?search=markup")
    assert titles(page) == ['<img src=x onerror="document.title=1">Markup & {braces} in a title']
    assert page.locator(".lx img").count() == 0
    assert page.locator(".lx-rows b, .lx-rows i").count() == 0
    assert page.title() != "1"


def test_a_matrix_cell_opens_the_explorer_on_it(page: Any, site: Any) -> None:
    page.goto(site.url(""))
    cells = page.locator(".litcat-heatmap a[href*='explorer/?']")
    links = [
        (cells.nth(i).get_attribute("href"), cells.nth(i).inner_text())
        for i in range(cells.count())
    ]
    assert links, "the home page has no matrix cell linking to the explorer"
    href, count = next(
        (h, c) for h, c in links if "method=tracking" in h and "taxon=songbirds" in h
    )
    page.locator(f"a[href='{href}']").first.click()
    page.wait_for_selector(".lx-ready")
    assert status(page) == f"{count.strip()} of 7 papers" == "2 of 7 papers"
    assert facet(page, "Method", "Tracking").locator("input").is_checked()
    assert facet(page, "Taxon", "Songbirds").locator("input").is_checked()
    # Every other cell agrees with the explorer on its count.
    for href, count in links:
        page.goto(site.url(href.split("explorer/", 1)[1].join(["explorer/", ""])))
        page.wait_for_selector(".lx-ready")
        assert status(page).split(" of ")[0] == count.strip(), href


def test_instant_navigation_away_and_back(page: Any, site: Any) -> None:
    page.goto(site.url(""))
    page.locator("a[href$='explorer/?method=radar&taxon=songbirds']").click()
    page.wait_for_selector(".lx-ready")
    assert status(page) == "1 of 7 papers"
    facet(page, "Taxon", "Songbirds").click()
    assert status(page) == "1 of 7 papers"
    # A paper page, reached and left without reloading the scripts.
    page.locator(".lx-rows .lx-title a").first.click()
    page.wait_for_url("**/papers/okafor2023radar/")
    assert page.locator(".lx").count() == 0
    page.go_back()
    page.wait_for_selector(".lx-ready")
    assert page.url.endswith("explorer/?method=radar")
    assert page.locator(".lx-facet").count() == 7
    assert status(page) == "1 of 7 papers"
    facet(page, "Method", "Weather radar").click()
    assert status(page) == "7 of 7 papers"


def test_long_lists_show_a_page_at_a_time(page: Any, site: Any) -> None:
    open_explorer(page, site)
    # A page of two rows instead of a hundred, so that the invented catalog needs three.
    page.evaluate("window.litcatExplorer.PAGE = 2")
    facet(page, "Method", "Tracking").click()
    assert status(page) == "4 of 7 papers (showing 2)"
    assert len(titles(page)) == 2
    page.click(".lx-more")
    assert status(page) == "4 of 7 papers"
    assert len(titles(page)) == 4
    assert page.locator(".lx-more").is_hidden()


def test_keyboard_only(page: Any, site: Any) -> None:
    open_explorer(page, site)
    page.focus(".lx-facet input")
    page.keyboard.press("Space")
    assert status(page) == "4 of 7 papers"
    # Each value's Exclude button comes next, then the next value.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Exclude Tracking"
    page.keyboard.press("Space")
    assert status(page) == "3 of 7 papers"
    assert not page.locator(".lx-facet input").first.is_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.locator(".lx-facet input").nth(1).is_checked()
    # The explorer's own focus ring, not the browser's default.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


def test_comparison_table_sorts_by_its_headers(page: Any, site: Any) -> None:
    page.goto(site.url("compare/method/tracking/"))
    table = page.locator("table[data-litcat-compare]")

    def years() -> list[str]:
        texts: list[str] = table.locator("tbody tr td:nth-child(3)").all_inner_texts()
        return texts

    assert years() == ["2024", "2023", "2021", "2020"]
    header = table.locator("thead button", has_text="Year")
    header.click()
    assert years() == ["2020", "2021", "2023", "2024"]
    assert table.locator("thead th").nth(2).get_attribute("aria-sort") == "ascending"
    header.focus()
    page.keyboard.press("Enter")
    assert years() == ["2024", "2023", "2021", "2020"]
    samples = table.locator("thead button", has_text="Sample size")
    samples.click()
    column = 2 + [h.strip() for h in table.locator("thead th").all_inner_texts()][2:].index(
        "Sample size"
    )
    cells = table.locator(f"tbody tr td:nth-child({column + 1})").all_inner_texts()
    assert cells == ["12", "48", "", ""]
    csv_url = page.locator("a[download]").evaluate("a => a.href")
    assert csv_url == site.url("compare/method/tracking.csv")
    assert page.request.get(csv_url).text().startswith("id,title,short_name,year,url,code,")


def test_no_console_errors_on_any_page(page: Any, site: Any) -> None:
    pages = sorted(site.root.rglob("index.html"))
    assert len(pages) > 20
    for html in pages:
        path = html.parent.relative_to(site.root).as_posix()
        page.goto(site.url("" if path == "." else path + "/"))
        page.wait_for_load_state("load")
    # The page fixture fails the test on any console error or uncaught exception.


def test_screenshots(page: Any, site: Any, artifacts: Path) -> None:
    """Pictures of the explorer in both palettes, for a person to look at."""
    # Material keeps the palette it chose last; forget it so that it follows the system.
    page.add_init_script("localStorage.clear()")
    for scheme, palette in (("light", "default"), ("dark", "slate")):
        page.emulate_media(color_scheme=scheme)
        open_explorer(page, site, "?method=tracking")
        assert page.get_attribute("body", "data-md-color-scheme") == palette
        shot = artifacts / f"explorer-{scheme}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000


@pytest.mark.parametrize("width", [1280, 1024])
def test_the_results_fit_the_page_without_scrolling_sideways(
    browser: Any, site: Any, width: int
) -> None:
    """A long title or short name wraps inside its cell: the table stays as wide as its
    column, so Venue is never cut off at a desktop width."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        open_explorer(page, site)
        fit = page.evaluate(
            """() => {
              const wrap = document.querySelector('.lx-results .md-typeset__scrollwrap');
              const table = wrap.querySelector('table').getBoundingClientRect();
              const article = document.querySelector('article').getBoundingClientRect();
              return {scroll: wrap.scrollWidth - wrap.clientWidth,
                      past: table.right - article.right};
            }"""
        )
        assert fit["scroll"] <= 1 and fit["past"] <= 1, fit
    finally:
        context.close()


def test_a_search_in_the_link_is_ready_with_the_summaries_searched(page: Any, site: Any) -> None:
    """Summaries come in a second file: the view opened from a link is ready only once they
    are searched too ("shift" is a word of one summary and of no title). The summaries are
    held back a moment, as a slow network would."""

    def slowly(route: Any) -> None:
        page.wait_for_timeout(400)
        route.continue_()

    page.route("**/explorer/details.json", slowly)
    open_explorer(page, site, "?search=shift")
    assert (status(page), titles(page)) == (
        "1 of 7 papers",
        ["Flyways Revisited: GPS Tracks of Arctic Geese"],
    )
