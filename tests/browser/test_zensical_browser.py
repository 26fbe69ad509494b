"""The invented catalog built by Zensical (``litcat render --engine zensical`` then ``zensical
build``), in Chromium: the explorer lists and filters every paper, a paper page is out of the
navigation, and Zensical's own search finds a paper by its short name.

The catalog carries the repository's ``mkdocs.yml``, as a catalog moving to Zensical would: its
settings (no web fonts among them) reach ``zensical.toml``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import Server
from test_explorer_browser import facet, open_explorer, status, titles

from tests.conftest import REPO
from tests.zensical import zensical_build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def zensical_site(catalog_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("zcatalog")
    shutil.copytree(catalog_root, root, dirs_exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    build = zensical_build(root, tmp_path_factory.mktemp("zproject"))
    assert build.returncode == 0, build.output
    with Server(build.site) as server:
        yield server


def test_the_explorer_lists_and_filters_every_paper(page: Any, zensical_site: Server) -> None:
    open_explorer(page, zensical_site)
    assert status(page) == "7 of 7 papers"
    facet(page, "Method", "Tracking").click()
    assert status(page) == "4 of 7 papers"
    facet(page, "Setting", "Laboratory").click()
    assert titles(page) == ["Magnetic Compass Tests in Caged Songbirds"]
    page.locator(".lx-rows .lx-title a").first.click()
    page.wait_for_url("**/papers/lind2024lab/")
    assert page.locator("h1").first.inner_text() == "Magnetic Compass Tests in Caged Songbirds"


def test_a_paper_page_is_out_of_the_navigation(page: Any, zensical_site: Server) -> None:
    page.goto(zensical_site.url("papers/berg2021flyways/"))
    # Instant navigation makes the links absolute.
    links = [
        urlsplit(href).path
        for href in page.locator(".md-nav--primary a.md-nav__link").evaluate_all(
            "els => els.map(e => e.href)"
        )
    ]
    assert "/explorer/" in links
    assert not [link for link in links if "papers/" in link]
    # The hand-written pages of mkdocs.yml's nav are there, under their titles.
    assert page.locator(".md-nav--primary a.md-nav__link", has_text="Record reference").count()


def test_search_finds_a_paper_by_its_short_name(page: Any, zensical_site: Server) -> None:
    page.goto(zensical_site.url())
    page.click("button.md-search__button")
    box = page.locator("input[role=combobox][aria-label=Search]")
    box.fill("FlyTrack")
    first = page.locator("[role=option]").first
    first.wait_for()
    assert urlsplit(str(first.get_attribute("href"))).path == "/papers/berg2021flyways/"
