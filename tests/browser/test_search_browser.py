"""Material's search box on the repository's own catalog: it finds every paper, and the names
people use bring up the paper they name first.

The index entries of paper and node pages are made from the records (litcat.render.search);
this is the proof that Material's search, in Chromium, reads them as intended.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import Server

from benchmarks.site import plugin_config
from litcat.core.loader import load_catalog
from tests.conftest import REPO
from tests.sitebuild import mkdocs_build

pytestmark = pytest.mark.browser

# A query, and the record whose page must come first.
FIRST = [
    ("DPPO", "ren2024diffusion"),
    ("Eureka", "ma2023eureka"),
    ("diffusion policy", "chi2023diffusion"),
]


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    import yaml

    folder = tmp_path_factory.mktemp("real")
    config = folder / "mkdocs.yml"
    config.write_text(yaml.safe_dump(plugin_config(REPO, folder / "site")), encoding="utf-8")
    build = mkdocs_build(config, folder / "site")
    assert build.returncode == 0, build.output
    with Server(build.site) as server:
        yield server


class SearchBox:
    """Material's search box on one open page: type a query, read the results in order."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.input = page.locator("input.md-search__input")

    def results(self, query: str) -> list[str]:
        """The paths of the result pages, best first (the first batch Material shows).

        Material's worker answers queries in the order they were sent, and the result list
        labels an answer with the query in the box when the answer arrives: an answer to an
        earlier query that arrives late reads "No matching documents" for the new one. So the
        box is first emptied and the answer to the empty query awaited (the placeholder, with
        no results listed): every earlier answer has then arrived, and the next one is the
        query's own."""
        self.input.fill("")
        self.input.press("End")
        self.page.wait_for_function(
            "() => !document.querySelector('.md-search-result__list li')"
            " && /Type to start/"
            ".test(document.querySelector('.md-search-result__meta').textContent)"
        )
        self.input.fill(query)
        # Material reads the query on a key press; filling the box alone sends none.
        self.input.press("End")
        self.page.wait_for_function(
            "() => document.querySelector('.md-search-result__list li a')"
            " || /No matching/.test(document.querySelector('.md-search-result__meta').textContent)"
        )
        found = self._shown()
        if not found:
            # "No matching documents" is final only if no answer is still on its way.
            self.page.wait_for_timeout(1500)
            found = self._shown()
        return found

    def _shown(self) -> list[str]:
        links = self.page.locator(
            ".md-search-result__list > li > a.md-search-result__link"
        ).evaluate_all("links => links.map(a => a.href)")
        return [urlsplit(str(link)).path for link in links]


@pytest.fixture
def search(page: Any, real_site: Server) -> SearchBox:
    page.goto(real_site.url(""))
    box = SearchBox(page)
    box.input.click()
    return box


@pytest.mark.parametrize(("query", "paper"), FIRST)
def test_a_name_brings_up_its_paper_first(search: SearchBox, query: str, paper: str) -> None:
    found = search.results(query)
    assert found, query
    assert found[0] == f"/papers/{paper}/", found[:5]


def test_the_result_reads_as_facts_not_glued_labels(search: SearchBox) -> None:
    search.results("DPPO")
    first = search.page.locator(".md-search-result__list > li").first
    text = " ".join(first.inner_text().split())
    assert "Diffusion Policy Policy Optimization" in text
    assert "DPPO · Allen Z. Ren et al." in text
    assert not re.search(r"Base model\S|RL stage\S|Policy class\S", text), text


def words(text: str) -> str:
    """What a reader types for a title: its words. (Material's query parser rejects a typed
    "Q-Transformer: Scalable", a hyphenated word before a colon, whatever the index holds.
    Material also searches every word as a prefix, so a lone letter, "A Generalist Agent",
    matches every word it starts; a reader drops it, as this does.)"""
    return " ".join(w for w in re.sub(r"[^\w\s]", " ", text).split() if len(w) > 1)


def name_query(name: str) -> str:
    """What a reader types for a short name: the name as written ("RE-GoT", "Q-Transformer"),
    less the characters of lunr's query syntax and brackets. Split at its hyphen, "RE-GoT"
    would be "RE GoT", and "got" is one of lunr's stop words: "RE" alone would be left."""
    return " ".join(re.sub(r"[:^~*+()\[\]{}\"]", " ", name).split())


def test_every_paper_is_found_by_its_title(search: SearchBox) -> None:
    catalog = load_catalog(REPO)
    missing = []
    for paper in catalog.sorted_papers():
        found = search.results(words(paper.title))
        if f"/papers/{paper.id}/" not in found:
            missing.append(f"{paper.id}: {paper.title!r} -> {found[:3]}")
    assert missing == [], "\n".join(missing)


# Short names Material's prefix search ranks below others (a known limit of its search):
# every word typed is searched as
# a prefix, so "VLA-RL" is "vla* rl*", and the rare names that begin with "rl" (RLinf-VLA,
# RLRC, RLingua, RLDG, RLVR-World, RL Token...) outweigh the common exact words. The paper is
# found by its title; if a change to the search makes it found by its name, this test says so.
PREFIX_CLASHES = {"lu2025vlarl"}


def test_every_short_name_finds_its_paper(search: SearchBox) -> None:
    catalog = load_catalog(REPO)
    missing = []
    clashing = set()
    for paper in catalog.sorted_papers():
        if paper.short_name is None:
            continue
        found = search.results(name_query(paper.short_name))
        if f"/papers/{paper.id}/" in found:
            continue
        if paper.id in PREFIX_CLASHES:
            clashing.add(paper.id)
            assert f"/papers/{paper.id}/" in search.results(words(paper.title)), paper.id
        else:
            missing.append(f"{paper.id}: {paper.short_name!r} -> {found[:3]}")
    assert missing == [], "\n".join(missing)
    assert clashing == PREFIX_CLASHES, "found by its name now: drop it from PREFIX_CLASHES"


def test_authors_and_tags_find_their_papers(search: SearchBox) -> None:
    assert search.results("Cheng Chi")[0] == "/papers/chi2023diffusion/"
    assert "/papers/ren2024diffusion/" in search.results("Simchowitz")
    # A tag's label brings up its node page among the first results (a paper whose title
    # holds the same words may come before it).
    found = search.results("world models as learned simulators")
    assert "/taxonomy/rl-task/learned-simulators/" in found[:3], found[:3]
