"""The renderer on its own: text helpers, links, producers, and the pages it returns."""

from __future__ import annotations

import html as htmllib
import posixpath
from collections.abc import Iterator
from pathlib import Path

import jinja2
import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from litcat import render
from litcat.core.loader import load_catalog
from litcat.core.taxonomy import NodeInfo
from litcat.render import RenderContext, RenderOptions, href, page_url, render_site
from litcat.render.context import NodeLink, Producer, make_env
from litcat.render.text import fence, front_matter, markdown_inline

from .conftest import CATALOG, REPO, Cli

OPTIONS = RenderOptions(REPO / "templates", site_name="Birds")


@given(st.dictionaries(st.sampled_from(["title", "description"]), st.text(min_size=1)))
def test_front_matter_reads_back_in_mkdocs(meta: dict[str, str]) -> None:
    body = "Body.\n"
    assert get_data(front_matter(meta) + body) == (body, meta)


@pytest.mark.parametrize(
    "title", ["---", "...", "a\u2028b", "x\x85y", "\ufeff#", "a: b # c", "'\""]
)
def test_front_matter_odd_titles(title: str) -> None:
    assert get_data(front_matter({"title": title}) + "x\n") == ("x\n", {"title": title})


@pytest.mark.parametrize("code", ["plain", "a ``` b", "````\nx\n````", "`"])
def test_fence_is_longer_than_any_backtick_run(code: str) -> None:
    html = markdown.markdown(f"{fence(code)}\n", extensions=["fenced_code"])
    assert html.startswith("<pre><code>")
    assert html.count("<pre>") == 1


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF), min_size=1))
def test_markdown_inline_heading_is_the_text(value: str) -> None:
    md = markdown.Markdown(extensions=["toc", "attr_list"])
    html = md.convert(f"## {markdown_inline(value)}\n")
    assert html.startswith("<h2") and html.endswith("</h2>")
    assert html.count("<") == 2
    inner = html.split(">", 1)[1].rsplit("<", 1)[0]
    assert htmllib.unescape(inner) == value.strip()


@pytest.mark.parametrize(
    ("source", "target", "link"),
    [
        ("index.md", "papers/a/index.md", "papers/a/"),
        ("papers/a/index.md", "papers/b/index.md", "../b/"),
        ("papers/a/index.md", "taxonomy/d/n/index.md", "../../taxonomy/d/n/"),
        ("trends.md", "index.md", "../"),
        ("index.md", "index.md", "./"),
        ("downloads/index.md", "downloads/catalog.bib", "catalog.bib"),
        ("feeds/catalog.xml", "recent.md", "../recent/"),
    ],
)
def test_href(source: str, target: str, link: str) -> None:
    assert href(source, target) == link


def test_page_url() -> None:
    assert page_url("index.md") == ""
    assert page_url("papers/a/index.md") == "papers/a/"
    assert page_url("trends.md") == "trends/"
    assert page_url("feeds/x.xml") == "feeds/x.xml"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return render_site(load_catalog(CATALOG), OPTIONS)


def test_pages_are_deterministic(pages: dict[str, str]) -> None:
    assert render_site(load_catalog(CATALOG), OPTIONS) == pages


def test_every_page_and_node(pages: dict[str, str]) -> None:
    catalog = load_catalog(CATALOG)
    assert catalog.taxonomy is not None
    for pid in catalog.papers:
        assert f"papers/{pid}/index.md" in pages
    for info in catalog.taxonomy.all_nodes():
        assert f"taxonomy/{info.dimension}/{info.id}/index.md" in pages
    for name in ("index.md", "trends.md", "recent.md", "taxonomy/index.md", "downloads/index.md"):
        assert name in pages


def test_recent_is_by_date_added(pages: dict[str, str]) -> None:
    recent = pages["recent.md"]
    order = [recent.index(f"papers/{pid}/") for pid in ("lind2024lab", "okafor2023radar")]
    assert order == sorted(order)
    assert recent.index("## 2024-06-01") < recent.index("## 2024-05-10")


UNDATED = """\
title: A Paper No Source Dates
authors: []
authors_incomplete: true
links:
  project: https://example.org/undated
tags:
  method:
    - radar
not_found:
  - year
added: 2024-07-01
"""


def test_a_paper_of_unknown_year_is_shown_without_one(catalog_dir: Path) -> None:
    (catalog_dir / "papers" / "undated.yaml").write_text(UNDATED, encoding="utf-8")
    catalog = load_catalog(catalog_dir)
    assert catalog.ok, catalog.problems
    pages = render_site(catalog, OPTIONS)
    page = pages["papers/undated/index.md"]
    assert '<span class="litcat-year">Year unknown</span>' in page
    assert "gives the year of the paper's first public version" in page
    assert "citation_publication_date" not in page
    entry = page.split("```bibtex", 1)[1].split("```", 1)[0]
    assert "year =" not in entry and "origdate" not in entry
    assert "None" not in "".join(pages.values())
    # The other papers' years still make the trends' axis.
    assert "2020" in pages["trends.md"] and "2024" in pages["trends.md"]


def test_a_catalog_with_errors_is_refused(catalog_dir: Path) -> None:
    (catalog_dir / "papers" / "bad2024x.yaml").write_text("title: [\n", encoding="utf-8")
    with pytest.raises(ValueError, match="errors"):
        render_site(load_catalog(catalog_dir), OPTIONS)


def test_two_producers_writing_one_path_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(render, "PRODUCERS", [render.home.PRODUCER, render.home.PRODUCER])
    with pytest.raises(ValueError, match=r"both write index\.md"):
        render_site(load_catalog(CATALOG), OPTIONS)


def test_a_producer_can_add_links_to_node_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    def produce(ctx: RenderContext) -> Iterator[tuple[str, str]]:
        yield "elsewhere/index.md", "# Elsewhere\n"

    def node_links(ctx: RenderContext, info: NodeInfo) -> list[NodeLink]:
        return [NodeLink("Elsewhere", "elsewhere/index.md")] if info.id == "radar" else []

    extra = Producer("elsewhere", produce, node_links)
    monkeypatch.setattr(render, "PRODUCERS", [*render.PRODUCERS, extra])
    pages = render_site(load_catalog(CATALOG), OPTIONS)
    assert 'href="../../../elsewhere/">Elsewhere</a>' in pages["taxonomy/method/radar/index.md"]
    assert "elsewhere/" not in pages["taxonomy/method/gps-tags/index.md"]


def test_templates_may_not_print_none_or_unknown_names(tmp_path: Path) -> None:
    (tmp_path / "none.j2").write_text("{{ value }}", encoding="utf-8")
    (tmp_path / "unknown.j2").write_text("{{ missing }}", encoding="utf-8")
    env = make_env(tmp_path)
    with pytest.raises(TypeError):
        env.get_template("none.j2").render(value=None)
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("unknown.j2").render()


def test_template_output_escapes_html_and_fences(tmp_path: Path) -> None:
    (tmp_path / "t.j2").write_text("<p>{{ value }}</p>", encoding="utf-8")
    out = make_env(tmp_path).get_template("t.j2").render(value="<b>&</b>\n```\n~~~")
    assert out == "<p>&lt;b&gt;&amp;&lt;/b&gt;\n&#96;&#96;&#96;\n&#126;&#126;&#126;</p>"


def test_explorer_links_keep_commas_between_values() -> None:
    ctx = RenderContext(load_catalog(CATALOG), OPTIONS)
    link = ctx.explorer_href("index.md", {"method": ["radar", "gps-tags"], "taxon": ["geese"]})
    assert link == "explorer/?method=radar,gps-tags&taxon=geese"


_SEGMENT = st.sampled_from(["a", "b", "papers", "x1", "index"])


@given(
    st.lists(_SEGMENT, min_size=1, max_size=4).map("/".join),
    st.lists(_SEGMENT, min_size=1, max_size=4).map("/".join),
    st.sampled_from([".md", "/index.md", ".xml"]),
    st.sampled_from([".md", "/index.md", ".csv"]),
)
def test_href_is_what_relpath_gives(a: str, b: str, a_end: str, b_end: str) -> None:
    source, target = a + a_end, b + b_end
    base, goal = page_url(source), page_url(target)
    base_dir = base if base.endswith("/") or base == "" else posixpath.dirname(base)
    expected = posixpath.relpath(goal or ".", base_dir or ".")
    if goal.endswith("/") or goal == "":
        expected = "./" if expected == "." else expected + "/"
    assert href(source, target) == expected


def test_render_refuses_a_broken_catalog(cli: Cli, catalog_dir: Path, tmp_path: Path) -> None:
    (catalog_dir / "papers" / "bad2024x.yaml").write_text("title: x\nyear: 1\n", encoding="utf-8")
    out = tmp_path / "out"
    result = cli(catalog_dir, "render", "--out", str(out), "--templates", str(REPO / "templates"))
    assert result.exit_code == 1, result.output
    assert "papers/bad2024x.yaml:1:1:" in result.output
    assert not out.exists()


def test_render_uses_the_package_templates_and_the_catalog_s_own(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    result = cli(catalog_dir, "render", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    trends = (tmp_path / "out" / "trends.md").read_text(encoding="utf-8")
    (catalog_dir / "templates").mkdir()
    (catalog_dir / "templates" / "trends.md.j2").write_text("Our trends.\n", encoding="utf-8")
    result = cli(catalog_dir, "render", "--out", str(tmp_path / "mine"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "mine" / "trends.md").read_text(encoding="utf-8").endswith("Our trends.\n")
    assert "Our trends." not in trends
    # Only the template of that name is the catalog's.
    paper = "papers/berg2021flyways/index.md"
    assert (tmp_path / "mine" / paper).read_text() == (tmp_path / "out" / paper).read_text()


def test_render_writes_pages_and_files(cli: Cli, catalog_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli(catalog_dir, "render", "--out", str(out), "--templates", str(REPO / "templates"))
    assert result.exit_code == 0, result.output
    assert (
        (out / "papers" / "berg2021flyways" / "index.md")
        .read_text(encoding="utf-8")
        .startswith("---\ntitle: 'Flyways Revisited: GPS Tracks of Arctic Geese'\n")
    )
    assert (out / "downloads" / "catalog.bib").is_file()
    assert not list(out.rglob("*.tmp"))
