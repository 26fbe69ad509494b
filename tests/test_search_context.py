"""Generated pages excluded from search skip the search plugin's page_context hook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, cast

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from material.plugins.search.plugin import (  # type: ignore[import-untyped]
    SearchPlugin as MaterialSearch,
)
from mkdocs.config import load_config

import litcat.plugin as plugin
from litcat.plugin import CatalogPlugin
from litcat.plugin.pages import FinishedPage
from litcat.plugin.search import SEARCH_ATTRIBUTES, only_search_reads_pages
from litcat.plugin.search import strip_search_attributes as strip

from .sitebuild import HOSTILE_RECORD, make_docs, mkdocs_build, site_files, write_config

TODAY = dt.date(2024, 6, 1)


def test_the_site_is_the_same_byte_for_byte_with_excluded_pages_set_aside_or_not(
    catalog_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (catalog_dir / "papers" / "hostile2019.yaml").write_text(HOSTILE_RECORD, encoding="utf-8")
    seen: dict[bool, dict[str, str]] = {}
    original = MaterialSearch.on_page_context

    def spy(self: MaterialSearch, context: Any, **kwargs: Any) -> Any:
        page = kwargs["page"]
        seen[hide][page.file.src_uri] = page.content
        return original(self, context, **kwargs)

    monkeypatch.setattr(MaterialSearch, "on_page_context", spy)
    sites = {}
    for hide in (True, False):
        seen[hide] = {}
        if not hide:
            monkeypatch.setattr(plugin, "only_search_reads_pages", lambda *args: False)
        folder = tmp_path / str(hide)
        folder.mkdir()
        config = write_config(folder, catalog_dir, make_docs(folder))
        build = mkdocs_build(config, folder / "site", today=TODAY)
        assert build.returncode == 0, build.output
        sites[hide] = site_files(folder / "site")
    papers = [uri for uri in seen[True] if uri.startswith("papers/") and uri != "papers/index.md"]
    nodes = [uri for uri in seen[True] if uri.count("/") == 3 and uri.startswith("taxonomy/")]
    assert "papers/hostile2019/index.md" in papers
    assert nodes
    # Set aside: the search plugin saw none of their HTML (which has attributes it removes).
    assert {uri: seen[True][uri] for uri in papers + nodes} == dict.fromkeys(papers + nodes, "")
    assert all(SEARCH_ATTRIBUTES.search(seen[False][uri]) for uri in papers)
    # Pages the search plugin indexes reach it whole.
    assert seen[True]["index.md"] == seen[False]["index.md"] != ""
    assert sites[True].keys() == sites[False].keys()
    assert [path for path in sites[True] if sites[True][path] != sites[False][path]] == []


_ATTRIBUTE_TEXT = st.text(alphabet='adeh-rs=" \t\n\u00a0\u2003<>xé_', max_size=60)


@given(st.lists(st.one_of(_ATTRIBUTE_TEXT, st.sampled_from(["data-search-", '="1"', " "]))))
def test_the_attributes_are_stripped_as_material_s_pattern_strips_them(parts: list[str]) -> None:
    html = "".join(parts)
    assert strip(html) == SEARCH_ATTRIBUTES.sub("", html)


@pytest.mark.parametrize(
    "html",
    [
        '<div class="b" data-search-exclude="true">',
        '<div data-search-exclude="true" data-search-x="y">',
        '<p>\u00a0data-search-a="b"\n data-search-c="d"</p>',
        'data-search-="x" data-search-é="1"',
        "<div data-search-exclude>unchanged</div>",
    ],
)
def test_examples_are_stripped_as_material_strips_them(html: str) -> None:
    assert strip(html) == SEARCH_ATTRIBUTES.sub("", html)


def _loaded(tmp_path: Path, catalog: Path, plugins: list[Any], theme: str = "material") -> Any:
    config = {
        "site_name": "Test",
        "docs_dir": str(make_docs(tmp_path / "x")),
        "theme": {"name": theme},
        "plugins": [
            *plugins,
            {
                "litcat": {
                    "papers": str(catalog / "papers"),
                    "taxonomy": str(catalog / "taxonomy.yaml"),
                }
            },
        ],
    }
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    loaded = load_config(str(path))
    return loaded, loaded.plugins["litcat"]


@pytest.mark.parametrize(
    ("plugins", "theme", "expected"),
    [
        (["search"], "material", True),
        ([{"search": {"enabled": False}}], "material", False),
        # Nothing to skip.
        ([], "material", False),
        # MkDocs' own search indexes excluded pages too; any other plugin may read the HTML.
        (["search"], "mkdocs", False),
        (["search", "tags"], "material", False),
    ],
)
def test_pages_are_set_aside_only_when_material_s_search_is_the_other_hook(
    catalog_dir: Path, tmp_path: Path, plugins: list[Any], theme: str, expected: bool
) -> None:
    config, ours = _loaded(tmp_path, catalog_dir, plugins, theme)
    assert only_search_reads_pages(config, ours) is expected


def _page(content: str, meta: dict[str, Any]) -> FinishedPage:
    page = FinishedPage.__new__(FinishedPage)
    page.content, page.meta, page.set_aside = content, meta, None
    return page


@pytest.mark.parametrize(
    ("content", "meta", "aside", "after"),
    [
        ("<p>A paper.</p>", {"search": {"exclude": True}}, True, "<p>A paper.</p>"),
        ('<p data-search-x="1">A.</p>', {"search": {"exclude": True}}, True, "<p>A.</p>"),
        # Pages the search plugin indexes, and an empty page, are left alone.
        ("<p>A paper.</p>", {}, False, "<p>A paper.</p>"),
        ("<p>A paper.</p>", {"search": {"exclude": False}}, False, "<p>A paper.</p>"),
        ("<p>A paper.</p>", {"search": "exclude"}, False, "<p>A paper.</p>"),
        ("", {"search": {"exclude": True}}, False, ""),
    ],
)
def test_an_excluded_page_is_set_aside_and_put_back_as_search_leaves_it(
    content: str, meta: dict[str, Any], aside: bool, after: str
) -> None:
    ours = CatalogPlugin()
    ours.hide_from_search = True
    page = _page(content, meta)
    context = cast(Any, {})
    ours._hide_from_search(context, page=page, config=cast(Any, None), nav=cast(Any, None))
    assert (page.content, page.set_aside) == (("", content) if aside else (content, None))
    ours._put_back(context, page=page, config=cast(Any, None), nav=cast(Any, None))
    assert (page.content, page.set_aside) == (after, None)


def test_nothing_is_set_aside_when_another_plugin_reads_pages() -> None:
    ours = CatalogPlugin()
    ours.hide_from_search = False
    page = _page("<p>A paper.</p>", {"search": {"exclude": True}})
    ours._hide_from_search(cast(Any, {}), page=page, config=cast(Any, None), nav=cast(Any, None))
    assert (page.content, page.set_aside) == ("<p>A paper.</p>", None)
