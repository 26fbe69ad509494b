"""What the generated pages tell a reader: where papers and nodes come from, how to cite the
origin and the catalog, the year that is not over, and paper lists with names and tags.

The browser side of the same pages (axe-core, phones, the explorer) is in
tests/browser/test_reader_browser.py.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
from bibtexparser.entrypoint import parse_string

from litcat.core.loader import load_catalog
from litcat.formats.bibtex import catalog_entry
from litcat.plugin.theme import build_date
from litcat.render import RenderOptions, render_site
from litcat.render.charts import NARROW, WIDE, Series, grouped_bars

from .conftest import CATALOG, REPO

BUILT = dt.date(2026, 1, 15)
OPTIONS = RenderOptions(REPO / "templates", site_name="Birds & Co", today=BUILT)


def render(catalog: Path = CATALOG, options: RenderOptions = OPTIONS) -> dict[str, str]:
    loaded = load_catalog(catalog)
    assert loaded.ok, loaded.problems
    return render_site(loaded, options)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render()


def without_origins(catalog_dir: Path) -> Path:
    """The invented catalog as a catalog that grew from no list: no origins anywhere."""
    taxonomy = catalog_dir / "taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8")
    text = re.sub(r"^ *origin: atlas\n", "", "groups:" + text.split("groups:", 1)[1], flags=re.M)
    taxonomy.write_text(text, encoding="utf-8")
    record = catalog_dir / "papers" / "berg2021flyways.yaml"
    text = record.read_text(encoding="utf-8").replace("origin: atlas\n", "")
    record.write_text(text.replace("added_tags:\n  scale:", "  scale:"), encoding="utf-8")
    return catalog_dir


def section(page: str, heading: str) -> str:
    return page.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]


def test_home_links_the_explorer_and_compare(pages: dict[str, str]) -> None:
    intro = pages["index.md"].split("## ", 1)[0]
    assert '<a href="explorer/">Explorer</a>' in intro
    assert '<a href="compare/">Compare</a>' in intro


def test_home_says_where_the_papers_come_from(pages: dict[str, str]) -> None:
    part = section(pages["index.md"], "Where the papers come from")
    assert "An invented published list of migration studies" in part
    assert (
        '<li><strong>1</strong> from <a href="https://example.org/atlas">the migration atlas</a>'
        in part
    )
    assert "<li><strong>4</strong> added by this catalog since</li>" in part
    # The catalog's own additions, the latest first, and all of them in the explorer.
    latest = re.findall(r'href="papers/([a-z0-9]+)/"', part)
    assert latest == ["lind2024lab", "okafor2023radar", "silva2022citizen", "tanaka2020global"]
    assert "added 2024-06-01" in part
    assert '<a href="explorer/?_origin=catalog">All 4 papers this catalog added</a>' in part


def test_home_offers_to_cite_the_origin_and_the_catalog(pages: dict[str, str]) -> None:
    part = section(pages["index.md"], "How to cite")
    assert part.index("<h3>Cite the migration atlas</h3>") < part.index(
        "<h3>Cite this catalog</h3>"
    )
    assert "```bibtex\n@book{atlas2019," in part
    assert "```bibtex\n@misc{birdsco2026," in part


def test_a_catalog_without_origins_says_nothing_of_them(catalog_dir: Path) -> None:
    pages = render(without_origins(catalog_dir))
    home = pages["index.md"]
    assert "Where the papers come from" not in home
    assert "<h3>Cite this catalog</h3>" in home
    assert home.count("<h3>Cite ") == 1
    assert "litcat-badge" not in pages["taxonomy/index.md"]
    assert "litcat-origin" not in pages["taxonomy/method/radar/index.md"]


def test_the_taxonomy_marks_the_nodes_the_catalog_added(pages: dict[str, str]) -> None:
    page = pages["taxonomy/index.md"]
    assert (
        '5 of the 9 nodes come from <a href="https://example.org/atlas">the migration atlas</a>;'
        ' the 4 marked <span class="litcat-badge">added</span> are this catalog\'s own.'
    ) in page
    marked = re.findall(
        r'>([^<]+)</a> <span class="litcat-count"[^>]*>\d+</span> <span class="litcat-badge">'
        r"added<span",
        page,
    )
    assert marked == ["Citizen science", "Geese", "Continental", "Global"]


def test_a_node_page_says_where_its_node_comes_from(pages: dict[str, str]) -> None:
    assert "This node comes from <a" in pages["taxonomy/method/tracking/index.md"]
    added = pages["taxonomy/method/citizen-science/index.md"]
    assert "This catalog added this node: the migration atlas does not have it." in added


def test_paper_lists_show_short_names_and_tags(pages: dict[str, str]) -> None:
    page = pages["taxonomy/method/tracking/index.md"]
    row = next(line for line in page.splitlines() if "papers/berg2021flyways/" in line)
    assert '<span class="litcat-short">FlyTrack</span>' in row
    assert '<span class="litcat-tag-list">GPS tags · Geese · Continental</span>' in row
    assert '<td class="litcat-venue">Journal of Avian Movement</td>' in row


@pytest.mark.parametrize(
    ("today", "partial"),
    [(dt.date(2024, 7, 2), True), (dt.date(2026, 1, 15), False), (None, False)],
)
def test_trends_mark_the_year_that_is_not_over(today: dt.date | None, partial: bool) -> None:
    options = RenderOptions(REPO / "templates", today=today)
    page = render(options=options)["trends.md"]
    assert ("2024 is not over." in page) is partial
    assert ("up to 2024-07-02" in page) is partial
    assert ('text-anchor="middle">2024*</text>' in page) is partial
    assert ("Songbirds, 2024 (so far): 1 paper" in page) is partial
    assert ('<th scope="row">2024 (so far)</th>' in page) is partial
    assert ("litcat-partial" in page) is partial


def test_charts_come_in_a_wide_and_a_narrow_drawing() -> None:
    years = list(range(1990, 2027))
    svg = str(grouped_bars("T", years, [Series("All", dict.fromkeys(years, 2))], partial=2026))
    for frame in (WIDE, NARROW):
        drawing = svg.split(f'litcat-chart-{frame.name}"', 1)[1].split("</svg>", 1)[0]
        assert f'font-size="{frame.font}"' in drawing
        labels = re.findall(r'x="([\d.]+)" y="[\d.]+" text-anchor="middle">(\d+)\*?<', drawing)
        xs = [float(x) for x, _ in labels]
        # Labels are thinned out so that none touches the next; the last year keeps its own.
        gaps = [b - a for a, b in itertools.pairwise(xs)]
        assert min(gaps) >= 5 * frame.font * 0.62
        assert labels[-1][1] == "2026"
        assert len(labels) < len(years)


def test_the_catalog_cites_itself_in_bibtex() -> None:
    entry = catalog_entry("Birds & Co {atlas}", "https://birds.example.org/", BUILT)
    library = parse_string(entry)
    assert library.failed_blocks == []
    (found,) = library.entries
    assert found.key == "birdscoatlas2026"
    fields = {f.key: f.value for f in found.fields}
    assert fields == {
        "title": r"Birds \& Co \{atlas\}",
        "year": "2026",
        "note": "Literature catalog, version of 2026-01-15",
        "url": "https://birds.example.org/",
    }
    assert "year" not in catalog_entry("Birds", None, None)


def test_the_build_date_follows_source_date_epoch() -> None:
    assert build_date({"SOURCE_DATE_EPOCH": "1719878400"}) == dt.date(2024, 7, 2)
    assert build_date({"SOURCE_DATE_EPOCH": "soon"}) == dt.date.today()
    assert build_date({}) == dt.date.today()
