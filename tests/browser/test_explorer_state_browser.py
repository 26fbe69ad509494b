"""The explorer in a browser: URL state read against its own keys, BibTeX as litcat writes it.

``?sort=constructor`` once picked ``Object.prototype.constructor`` as the sort, and a facet
whose id was ``toString`` was skipped as reserved. The BibTeX the explorer makes is compared
with :func:`litcat.formats.bibtex.bibtex_entry` on records built to be hard to write.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from litcat.core.loader import load_catalog
from litcat.core.models import Paper
from litcat.formats.bibtex import bibtex_entry
from litcat.formats.explorer import explorer_data, explorer_details
from litcat.intake.bibtex import parse_bibtex

pytestmark = pytest.mark.browser

PROTOTYPE = [
    "constructor",
    "__proto__",
    "toString",
    "hasOwnProperty",
    "valueOf",
    "__defineGetter__",
]


def open_explorer(page: Any, site: Any, query: str = "") -> None:
    page.goto(site.url("explorer/" + query))
    page.wait_for_selector(".lx-ready")


@pytest.mark.parametrize("name", PROTOTYPE)
def test_prototype_names_in_the_url_change_nothing(page: Any, site: Any, name: str) -> None:
    open_explorer(page, site)
    everything = page.inner_text(".lx-status")
    order = page.locator(".lx-rows .lx-title a").all_inner_texts()
    for query in (f"?sort={name}", f"?{name}=x", f"?{name}=constructor&sort={name}"):
        open_explorer(page, site, query)
        assert page.inner_text(".lx-status") == everything == "7 of 7 papers", query
        assert page.locator(".lx-rows .lx-title a").all_inner_texts() == order, query
        assert page.input_value(".lx-sort") == "year", query


@pytest.mark.parametrize("name", PROTOTYPE)
def test_a_prototype_name_in_the_url_does_not_hide_a_real_filter(
    page: Any, site: Any, name: str
) -> None:
    open_explorer(page, site, f"?{name}=1&taxon=waterbirds&sort={name}")
    assert page.inner_text(".lx-status") == "3 of 7 papers"


@pytest.mark.parametrize("facet_id", [*PROTOTYPE, "q"])
def test_facets_named_like_prototype_keys_are_read(page: Any, site: Any, facet_id: str) -> None:
    """A facet whose id is a prototype key is read like any other (the reserved q, year and
    sort are left to themselves)."""
    open_explorer(page, site)
    chosen = page.evaluate(
        """([id, search]) => {
          const X = window.litcatExplorer;
          const data = { format: 2, venues: [], names: [], facets: [
            { id: id, label: id, kind: "choice", values: [["a", "A", -1], ["b", "B", -1]] }],
            papers: [["p1", "One", [], 2020, -1, [0], "", 2020],
                     ["p2", "Two", [], 2021, -1, [1], "", 2021]] };
          const index = X.buildIndex(data);
          const state = X.readState(index, search);
          return [X.run(index, state).total, state.sort];
        }""",
        [facet_id, f"?{facet_id}=b"],
    )
    if facet_id not in ("q", "year", "sort"):
        assert chosen == [1, "year"]


NAMES = [
    "John Smith, Jr.",
    "Maria de la Cruz, III",
    "Tom and Jerry Lab",
    "bell hooks",
    "Aristotle, Jr.",
    "Zoë 100% {Braces} ^ ~ & $ # _ \\",
    "Ann O'Neil--Smith",
]
TITLES = ["A -- B --- C ``quoted'' !` ?`", "50% of {TeX} ^ ~ \\ & $ # _", "α and Ω"]  # noqa: RUF001


def hard_papers() -> list[Paper]:
    base = {"year": 2020, "added": dt.date(2024, 1, 1), "arxiv": "2301.01234"}
    return [
        Paper.model_validate(
            {
                **base,
                "id": f"hard{i}",
                "title": title,
                "authors": NAMES[i:] + NAMES[:i],
                "venue": "Annals -- of ^ Robots" if i else None,
                "venue_year": 2021 if i else None,
                "doi": "10.5555/a-b;c(d)[e]",
                "links": {"paper": "https://example.org/a%20b?x=1&y=2#z"},
            }
        )
        for i, title in enumerate(TITLES)
    ]


def test_the_explorers_bibtex_is_litcats(page: Any, site: Any, catalog_root: Path) -> None:
    catalog = load_catalog(catalog_root)
    catalog.papers = {p.id: p for p in hard_papers()}
    catalog.files = {pid: f"papers/{pid}.yaml" for pid in catalog.papers}
    data = explorer_data(catalog)
    details = explorer_details(catalog, data["names"])
    open_explorer(page, site)
    made = page.evaluate(
        """([data, details]) => data.papers.map(
             (_, p) => window.litcatExplorer.bibtex(data, details, p))""",
        [data, details],
    )
    expected = [bibtex_entry(catalog.papers[row[0]]) for row in data["papers"]]
    assert made == expected
    for paper in catalog.papers.values():
        [entry] = parse_bibtex(bibtex_entry(paper)).entries
        assert (entry.data["title"], entry.data["authors"]) == (paper.title, paper.authors)
