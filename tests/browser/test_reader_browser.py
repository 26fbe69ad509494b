"""What a reader meets, in Chromium: axe-core on every kind of page in both palettes, phones
(cards, a sticky first column, legible charts), and the explorer's details (include and
exclude, Back and Forward, the empty result, skip links, "Copy link", a page opened from a
file).

Screenshots go to tests/artifacts/ for a person to look at. The fixtures (one build of the
invented catalog per module, served on 127.0.0.1) are in this folder's conftest.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.browser import axe_violations, expect

pytestmark = pytest.mark.browser

PHONE = 390
# One page of each kind, plus the explorer with an exclusion and nothing found.
PAGES = {
    "home": "",
    "taxonomy": "taxonomy/",
    "node": "taxonomy/method/tracking/",
    "paper": "papers/berg2021flyways/",
    "explorer": "explorer/",
    "explorer, nothing found": "explorer/?method=-radar&search=zzzz",
    "comparison tables": "compare/",
    "comparison": "compare/method/tracking/",
    "trends": "trends/",
    "downloads": "downloads/",
}
SCHEMES = {"light": "default", "dark": "slate"}


@contextmanager
def opened(browser: Any, width: int, scheme: str) -> Iterator[Any]:
    """A page of ``width`` CSS pixels in ``scheme``; fails on any console error."""
    context = browser.new_context(
        viewport={"width": width, "height": 844}, color_scheme=scheme, accept_downloads=True
    )
    # Material keeps the palette it chose last; forget it so that it follows the system.
    context.add_init_script("localStorage.clear()")
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        yield page
    finally:
        context.close()
    assert errors == [], errors


def visit(page: Any, site: Any, path: str) -> None:
    page.goto(site.url(path))
    page.wait_for_load_state("load")
    if path.startswith("explorer/"):
        page.wait_for_selector(".lx-ready")


def status(page: Any) -> Any:
    return page.locator(".lx-status")


def titles(page: Any) -> list[str]:
    return [str(t) for t in page.locator(".lx-rows .lx-title a").all_inner_texts()]


def value_item(page: Any, dimension: str, value: str) -> Any:
    facet = page.locator(".lx-facet", has=page.locator(f"legend:text-is('{dimension}')"))
    return facet.locator("li", has=page.locator(f".lx-label:text-is('{value}')"))


def include(page: Any, dimension: str, value: str) -> None:
    value_item(page, dimension, value).locator("label").click()


def exclude(page: Any, dimension: str, value: str) -> None:
    value_item(page, dimension, value).locator(".lx-not").click()


# -- accessibility ----------------------------------------------------------------------------


@pytest.mark.parametrize("width", [1280, PHONE])
@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_no_axe_violations_on_any_page(browser: Any, site: Any, scheme: str, width: int) -> None:
    """axe-core finds nothing on litcat's pages, Material's interface around them included
    (assets/litcat.js names its search dialog and code tool bars; litcat.css darkens its
    copyright line), nor in the search dialog once it shows results."""
    found: dict[str, list[str]] = {}
    with opened(browser, width, scheme) as page:
        for name, path in PAGES.items():
            visit(page, site, path)
            assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
            problems = axe_violations(page)
            if problems:
                found[name] = problems
        visit(page, site, "")
        box = page.locator("input.md-search__input")
        # On a phone the box hides behind the header's search button.
        button = page.locator("label.md-header__button[for=__search]")
        (button if width == PHONE else box).click()
        box.fill("geese")
        box.press("End")
        page.locator(".md-search-result__item").first.wait_for(state="visible")
        page.wait_for_timeout(1000)
        problems = axe_violations(page)
        if problems:
            found["search"] = problems
    assert found == {}


# -- phones -----------------------------------------------------------------------------------

# For each row of a list: how it is laid out and where it ends, and whether the page scrolls
# sideways.
LAYOUT = """(rows) => ({
  rows: [...document.querySelectorAll(rows)].map(r => ({
    display: getComputedStyle(r).display, right: r.getBoundingClientRect().right})),
  header: document.querySelector(rows).closest("table").tHead.getBoundingClientRect().height,
  sideways: document.scrollingElement.scrollWidth > innerWidth,
})"""


def assert_cards(page: Any, rows: str) -> None:
    layout = page.evaluate(LAYOUT, rows)
    assert layout["rows"], rows
    assert {r["display"] for r in layout["rows"]} == {"flex"}
    assert max(r["right"] for r in layout["rows"]) <= PHONE
    assert layout["header"] <= 1
    assert not layout["sideways"]


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_explorer_rows_are_cards_on_a_phone(
    browser: Any, site: Any, artifacts: Path, scheme: str
) -> None:
    with opened(browser, PHONE, scheme) as page:
        visit(page, site, "explorer/?sort=title")
        assert_cards(page, ".lx-rows tr")
        card = page.locator(".lx-rows tr", has_text="Flyways Revisited").inner_text()
        for part in ("FlyTrack", "2021", "Journal of Avian Movement", "GPS tags", "Geese"):
            assert part in card
        # The filters start folded, so the first card is on the first screen.
        first = page.locator(".lx-rows tr").first.bounding_box()
        assert first is not None and first["y"] < 844
        page.screenshot(path=str(artifacts / f"explorer-{PHONE}-{scheme}.png"), full_page=True)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_paper_lists_are_cards_on_a_phone(
    browser: Any, site: Any, artifacts: Path, scheme: str
) -> None:
    with opened(browser, PHONE, scheme) as page:
        visit(page, site, "taxonomy/method/tracking/")
        assert_cards(page, ".litcat-papers tbody tr")
        card = page.locator(".litcat-papers tr", has_text="Flyways Revisited").inner_text()
        for part in ("FlyTrack", "2021", "Journal of Avian Movement", "GPS tags", "code"):
            assert part in card
        page.locator(".litcat-papers").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"node-{PHONE}-{scheme}.png"))
        visit(page, site, "papers/tanaka2020global/")
        assert_cards(page, ".litcat-papers tbody tr")
        page.locator(".litcat-papers").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"related-{PHONE}-{scheme}.png"))


# The first cell of the table and one further right, before and after the table scrolls.
SCROLLED = """() => {
  const table = document.querySelector("table[data-litcat-compare]");
  const first = table.tBodies[0].rows[0].cells[0], far = table.tBodies[0].rows[0].cells[4];
  let box = first.parentElement;
  while (box && !(["auto", "scroll"].includes(getComputedStyle(box).overflowX)
                  && box.scrollWidth > box.clientWidth)) box = box.parentElement;
  const before = [first.getBoundingClientRect().left, far.getBoundingClientRect().left];
  box.scrollLeft = 150;
  const after = [first.getBoundingClientRect().left, far.getBoundingClientRect().left];
  return [before, after, box.getBoundingClientRect().left];
}"""


def test_comparison_tables_keep_their_first_column_on_a_phone(
    browser: Any, site: Any, artifacts: Path
) -> None:
    with opened(browser, PHONE, "light") as page:
        visit(page, site, "compare/method/tracking/")
        (first, far), (first_after, far_after), edge = page.evaluate(SCROLLED)
        assert far_after == pytest.approx(far - 150, abs=1)
        # The paper's cell stops at the edge of the scrolling box and stays in view.
        assert first_after == pytest.approx(edge, abs=1)
        assert first - first_after < 20
        page.locator("table[data-litcat-compare]").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"compare-{PHONE}.png"))


# The height on screen of every label of the chart that is shown, and whether two touch.
LABELS = """() => {
  const shown = [...document.querySelectorAll("svg.litcat-chart")]
    .filter(svg => getComputedStyle(svg).display !== "none");
  const boxes = shown.map(svg => [...svg.querySelectorAll("text")]
    .map(t => t.getBoundingClientRect()));
  const touch = boxes.some(list => list.some((a, i) => list.slice(i + 1).some(b =>
    a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)));
  return {charts: shown.map(svg => svg.getAttribute("class")),
          heights: boxes.flat().map(b => b.height), touch: touch};
}"""


@pytest.mark.parametrize("width", [1280, PHONE])
def test_chart_labels_are_legible(browser: Any, site: Any, artifacts: Path, width: int) -> None:
    with opened(browser, width, "light") as page:
        visit(page, site, "trends/")
        found = page.evaluate(LABELS)
        frame = "narrow" if width == PHONE else "wide"
        assert found["charts"] == [f"litcat-chart litcat-chart-{frame}"] * 4
        assert min(found["heights"]) >= 10
        assert not found["touch"]
        # The catalog's last year is the build's: not over, and marked so.
        assert "2024 is not over." in page.inner_text(".md-content")
        page.screenshot(path=str(artifacts / f"trends-{width}.png"))


# -- the explorer -----------------------------------------------------------------------------


def test_short_terms_match_at_the_start_of_words(page: Any, site: Any) -> None:
    visit(page, site, "explorer/?sort=title")
    rows = page.locator(".lx-rows .lx-title a")
    # "ar" is inside "radar", "early" and "Stopovers", but only starts "Arctic" and "Arrivals".
    page.fill(".lx-q", "ar")
    expect(rows).to_have_text(
        [
            "Flyways Revisited: GPS Tracks of Arctic Geese",
            "What Volunteers See: Citizen Reports of Early Arrivals",
        ]
    )
    # Longer terms match anywhere, and short names are searched too.
    page.fill(".lx-q", "ways")
    expect(rows).to_have_text(["Flyways Revisited: GPS Tracks of Arctic Geese"])
    page.fill(".lx-q", "flytrack")
    expect(rows).to_have_text(["Flyways Revisited: GPS Tracks of Arctic Geese"])


def test_each_value_can_be_included_or_excluded(page: Any, site: Any) -> None:
    visit(page, site, "explorer/")
    exclude(page, "Method", "Weather radar")
    expect(status(page)).to_have_text("6 of 7 papers")
    assert page.url.endswith("?method=-radar")
    radar = value_item(page, "Method", "Weather radar")
    assert radar.locator(".lx-not").get_attribute("aria-pressed") == "true"
    # An excluded value counts the papers that it hides.
    assert radar.locator(".lx-count").inner_text() == "1"
    include(page, "Taxon", "Songbirds")
    expect(status(page)).to_have_text("2 of 7 papers")
    assert sorted(titles(page)) == [
        "Magnetic Compass Tests in Caged Songbirds",
        "What Volunteers See: Citizen Reports of Early Arrivals",
    ]
    # Including an excluded value undoes its exclusion, and the other way round.
    include(page, "Method", "Weather radar")
    expect(status(page)).to_have_text("1 of 7 papers")
    assert radar.locator(".lx-not").get_attribute("aria-pressed") == "false"
    exclude(page, "Method", "Weather radar")
    expect(status(page)).to_have_text("2 of 7 papers")
    assert not radar.locator("input").is_checked()
    # Excluding a parent hides the papers of its children too.
    exclude(page, "Method", "Tracking")
    expect(status(page)).to_have_text("1 of 7 papers")
    assert titles(page) == ["What Volunteers See: Citizen Reports of Early Arrivals"]
    page.reload()
    page.wait_for_selector(".lx-ready")
    expect(status(page)).to_have_text("1 of 7 papers")
    assert value_item(page, "Method", "Tracking").locator(".lx-not").get_attribute(
        "aria-pressed"
    ) == ("true")


def test_back_and_forward_step_through_filter_changes(page: Any, site: Any) -> None:
    visit(page, site, "explorer/")
    include(page, "Method", "Tracking")
    expect(status(page)).to_have_text("4 of 7 papers")
    include(page, "Taxon", "Songbirds")
    expect(status(page)).to_have_text("2 of 7 papers")
    # The keystrokes of one search are one step.
    page.locator(".lx-q").press_sequentially("radar", delay=30)
    expect(status(page)).to_have_text("1 of 7 papers")
    page.go_back()
    expect(status(page)).to_have_text("2 of 7 papers")
    assert page.input_value(".lx-q") == ""
    page.go_back()
    expect(status(page)).to_have_text("4 of 7 papers")
    assert not value_item(page, "Taxon", "Songbirds").locator("input").is_checked()
    page.go_back()
    expect(status(page)).to_have_text("7 of 7 papers")
    assert page.url == site.url("explorer/")
    page.go_forward()
    expect(status(page)).to_have_text("4 of 7 papers")
    assert value_item(page, "Method", "Tracking").locator("input").is_checked()
    assert page.url.endswith("explorer/?method=tracking")


def test_an_empty_result_says_so_and_offers_to_clear(page: Any, site: Any) -> None:
    visit(page, site, "explorer/?method=-tracking&taxon=geese")
    expect(status(page)).to_have_text("0 of 7 papers")
    empty = page.locator(".lx-empty")
    expect(empty).to_be_visible()
    expect(empty).to_contain_text("No paper matches these filters.")
    expect(page.locator(".lx-results table")).to_be_hidden()
    assert page.locator(".lx-bib").is_disabled()
    empty.locator("button", has_text="clear all filters").click()
    expect(status(page)).to_have_text("7 of 7 papers")
    expect(empty).to_be_hidden()
    assert page.url == site.url("explorer/")
    assert page.evaluate("document.activeElement.classList.contains('lx-q')")


def tab_to(page: Any, text: str, most: int) -> int:
    """Presses Tab until the focused element reads ``text``; how many presses it took."""
    for presses in range(1, most + 1):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == text:
            return presses
    raise AssertionError(f"{text!r} not reached in {most} Tabs")


def test_skip_links_lead_to_the_filters_and_the_results(page: Any, site: Any) -> None:
    visit(page, site, "explorer/")
    # Right after Material's "Skip to content": before the header and the navigation.
    assert tab_to(page, "Skip to the filters", 3) <= 3
    # Hidden until focused, like Material's own.
    expect(page.locator(".lx-skip").first).to_have_css("opacity", "1")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "lx-filters"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.value") == "tracking"
    page.keyboard.press("Space")
    expect(status(page)).to_have_text("4 of 7 papers")
    visit(page, site, "explorer/")
    tab_to(page, "Skip to the results", 4)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "lx-results"
    # The links belong to the explorer: another page does not keep them.
    page.locator(".lx-rows .lx-title a").first.click()
    page.wait_for_url("**/papers/**")
    assert page.locator(".lx-skip").count() == 0


def test_copy_link_copies_what_is_shown(page: Any, site: Any) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    visit(page, site, "explorer/?taxon=songbirds&sort=title")
    exclude(page, "Method", "Weather radar")
    expect(status(page)).to_have_text("2 of 7 papers")
    page.click(".lx-copy")
    expect(page.locator(".lx-note")).to_have_text("Link copied")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == page.url == site.url("explorer/?method=-radar&taxon=songbirds&sort=title")


def test_opened_from_a_file_it_says_it_must_be_served(page: Any, site: Any) -> None:
    page.goto((site.root / "explorer" / "index.html").as_uri())
    note = page.locator(".lx-file")
    expect(note).to_be_visible()
    expect(note).to_contain_text("The explorer needs to be served.")
    expect(note).to_contain_text("python3 -m http.server")
    expect(page.locator(".lx-bar")).to_be_hidden()
