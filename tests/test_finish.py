"""Generated pages finished without Python-Markdown read the same as through it.

The test catalog's site is built both ways (the plugin's ``finished_html`` on and off) and
every page is compared, whitespace between tags aside; every page of this repository's catalog
is finished and converted side by side; then the finisher alone is checked on the shapes of
Markdown it must hand back to Markdown.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from benchmarks.site import plugin_config
from litcat.core.loader import load_catalog
from litcat.core.models import Paper
from litcat.formats.bibtex import bibtex_entry
from litcat.render import RenderOptions, render_outputs
from litcat.render.convert import (
    MarkdownConverter,
    bibtex_html,
    converted_highlight,
    pygments_highlight,
    site_highlight,
)
from litcat.render.finish import ID, Finisher, element_ids
from litcat.render.output import MarkdownPage

from .conftest import CATALOG, REPO, repo_catalog
from .sitebuild import Build, make_docs, mkdocs_build, write_config
from .test_roundtrip import papers
from .test_site import hostile_catalog

# The repository's own Markdown setup (md_in_html among it).
EXTENSIONS: list[object] = [
    {"toc": {"permalink": True}},
    "attr_list",
    "md_in_html",
    "tables",
    "admonition",
    "pymdownx.highlight",
    "pymdownx.superfences",
]
# The same, as Python-Markdown takes them.
NAMES = ["toc", *(e for e in EXTENSIONS if isinstance(e, str))]
CONFIGS = {"toc": {"permalink": True}}


ELEMENT_ID = re.compile(r'\sid="([^"]+)"')
assert ID.pattern == ELEMENT_ID.pattern


def squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def pages(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): squeeze(p.read_text("utf-8")) for p in site.rglob("*.html")}


def build_both(folder: Path, config: dict[str, object]) -> tuple[Build, Build]:
    builds = []
    for finished in (True, False):
        plugins = config["plugins"]
        assert isinstance(plugins, list)
        for plugin in plugins:
            if isinstance(plugin, dict) and "litcat" in plugin:
                plugin["litcat"]["finished_html"] = finished
        path = folder / f"mkdocs-{finished}.yml"
        path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
        build = mkdocs_build(path, folder / f"site-{finished}")
        assert build.returncode == 0, build.output
        builds.append(build)
    return builds[0], builds[1]


def assert_same_pages(fast: Build, slow: Build) -> int:
    mine, theirs = pages(fast.site), pages(slow.site)
    assert sorted(mine) == sorted(theirs)
    for page, html in mine.items():
        assert html == theirs[page], page
    return len(mine)


@pytest.mark.parametrize("md_in_html", [True, False])
def test_every_page_of_the_test_site_reads_the_same(tmp_path: Path, md_in_html: bool) -> None:
    catalog = hostile_catalog(tmp_path)
    path = write_config(tmp_path, catalog, make_docs(tmp_path), options={})
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    if md_in_html:
        config["markdown_extensions"] = EXTENSIONS
    fast, slow = build_both(tmp_path, config)
    assert assert_same_pages(fast, slow) > 20
    # The pages are finished HTML: no front matter or Markdown heading is left in them.
    paper = fast.html("papers/berg2021flyways")
    assert '<h2 id="bibtex">BibTeX<a class="headerlink"' in paper
    assert 'href="#related-papers" class="md-nav__link"' in paper


@pytest.mark.slow
def test_every_page_of_the_real_catalog_is_finished_as_markdown_makes_it(tmp_path: Path) -> None:
    """Every page this repository's catalog generates, finished with the site's own Markdown
    setup, is what Python-Markdown makes of it: HTML, table of contents, title and element
    ids. (The builds above show that a page so finished reads the same in the built site;
    building this catalog's site both ways took three times as long as this comparison.)"""
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(plugin_config(REPO, tmp_path / "site")), encoding="utf-8")
    config = load_config(str(path))
    config = config.plugins.on_config(config)  # the plugin adds the Markdown the pages need
    convert = MarkdownConverter(config.markdown_extensions, config.mdx_configs or {})
    finisher = Finisher(convert, site_highlight(convert))
    outputs = render_outputs(repo_catalog(), RenderOptions(REPO / "templates"))
    pages = {path: out for path, out in outputs.items() if isinstance(out, MarkdownPage)}
    finished = 0
    for page, out in pages.items():
        found = finisher.finish(out.body)
        if found is None:  # the plugin sends such a page through Markdown whole
            continue
        finished += 1
        expected = convert(out.body)
        assert squeeze(found.html) == squeeze(expected.html), page
        assert (found.toc, found.title) == (expected.toc, expected.title), page
        assert found.ids == frozenset(ELEMENT_ID.findall(expected.html)), page
    for page in (
        "papers/ren2024diffusion/index.md",
        "taxonomy/policy-class/diffusion-policy/index.md",
    ):
        assert finisher.finish(pages[page].body) is not None, page
    assert finished >= 0.95 * len(pages) > 250


@pytest.fixture(scope="module")
def finisher() -> Finisher:
    convert = MarkdownConverter(NAMES, CONFIGS)
    return Finisher(convert, site_highlight(convert))


BODIES = [
    "## Title\n\n<p>one</p>\n\n## Title\n\n<div><p>two</p>\n</div>\n",
    '# Site &#40;x&#41;\n\n<ul class="a">\n<li><a href="x/">X</a></li>\n</ul>\n',
    '<div class="b" markdown>\n\n```bibtex\n@misc{k,\n  title = {<script>x</script>},\n}\n'
    "```\n\n</div>\n",
    "### Dim {#dim-a}\n\n<table><tr><td>1</td></tr></table>\n",
    "<p>before</p>\n\nSome *Markdown* text.\n\n- a list\n- of two\n",
    "<figure><svg><line x1='1'/><rect/></svg></figure>\n",
    # A comment may hide tags from the counting: Markdown reads the chunk.
    "<!-- <p> -->\n<p>a</p>\n",
]


@pytest.mark.parametrize("body", BODIES)
def test_the_finisher_gives_what_markdown_gives(finisher: Finisher, body: str) -> None:
    convert = MarkdownConverter(NAMES, CONFIGS)
    found = finisher.finish(body)
    assert found is not None
    expected = convert(body)
    assert squeeze(found.html) == squeeze(expected.html)
    assert found.toc == expected.toc
    assert found.title == expected.title


@pytest.mark.parametrize(
    "body",
    [
        # A raw block that a blank line does not end: Markdown reads on to its closing tag.
        "<div>\n<p>a</p>\n\n<p>b</p>\n</div>\n",
        # Text after a raw block in the same chunk becomes a paragraph in Markdown.
        "<p>a</p>\ntext",
        # A fence inside a chunk may hold blank lines.
        "text\n```\ncode\n\nmore\n```\n",
        "```\nnever closed\n",
        "<div markdown>\n\nx\n",
    ],
)
def test_what_the_finisher_cannot_split_goes_to_markdown(finisher: Finisher, body: str) -> None:
    assert finisher.finish(body) is None


def test_the_fast_highlighter_gives_the_converter_s_html() -> None:
    convert = MarkdownConverter(NAMES, CONFIGS)
    fast, slow = site_highlight(convert), converted_highlight(convert)
    for code in ["@misc{a,\n  title = {A & B <i>},\n}", "@book{b,\n  note = {`x` ~~~},\n}"]:
        assert fast(code, "bibtex") == slow(code, "bibtex").strip()


def test_line_anchors_make_the_converter_highlight(tmp_path: Path) -> None:
    # With settings the fast highlighter does not know, every fence goes to the converter.
    convert = MarkdownConverter(
        ["pymdownx.highlight", "pymdownx.superfences"],
        {"pymdownx.highlight": {"anchor_linenums": True, "line_spans": "__span"}},
    )
    highlight = site_highlight(convert)
    assert "__span" in highlight("@misc{a,\n}", "bibtex")


def test_a_catalog_copy_builds_without_the_finisher_too(tmp_path: Path) -> None:
    catalog = tmp_path / "catalog"
    shutil.copytree(CATALOG, catalog)
    config = write_config(tmp_path, catalog, make_docs(tmp_path), options={"finished_html": False})
    build = mkdocs_build(config, tmp_path / "site")
    assert build.returncode == 0, build.output
    assert '<h2 id="bibtex">BibTeX' in build.html("papers/berg2021flyways")


# Pieces BibTeX code is drawn from: the entry's own marks and what the lexer reads otherwise.
_BIB_PIECES = st.sampled_from(
    [
        *("@", "misc", "article", "comment", "commentary", "string", "preamble", "title"),
        *("{", "}", "(", ")", ",", "=", '"', "\\", "#", "&", "<", "é", "2024", "x_y"),
        *("\n", "  ", " ", " = ", "a b", "\t"),
    ]
)


_BIB_TEXT = st.lists(_BIB_PIECES, max_size=8).map("".join)
# Text within one line and without braces: what most fields hold.
_BIB_PLAIN = st.lists(_BIB_PIECES.filter(lambda p: not set(p) & set("{}\n")), max_size=8).map(
    "".join
)


def _mostly(usual: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(*[st.sampled_from(usual)] * 4, _BIB_TEXT)


@st.composite
def bibtex_like(draw: st.DrawFn) -> str:
    """Code in the shape of the site's entries, each part of it drawn from the pieces."""
    kind = draw(_mostly(["misc", "article", "inproceedings", "commentary", "comment", "string"]))
    lines = [f"@{kind}{{{draw(_mostly(['key', 'a-b.c:1']))},"]
    for _ in range(draw(st.integers(0, 3))):
        name = draw(_mostly(["title", "archivePrefix"]))
        value = draw(st.one_of(_BIB_PLAIN, _BIB_PLAIN, _BIB_TEXT))
        braced = draw(st.integers(0, 5)) > 0
        lines.append(f"  {name} = {{{value}}}," if braced else f"  {name} = {value},")
    lines.append(draw(_mostly(["}", "}"])))
    return "\n".join(lines)


# One highlighter for the module: making one looks its lexer up, which costs more than a block.
PYGMENTS = pygments_highlight()


@settings(max_examples=300)
@example('<h2 id="a" id="b">')
@example(' id="x id="y"')
@example('id="a" id="b"')
@example('\u2003id="é" data-id="c" \nid=""')
@given(
    st.lists(st.sampled_from(['id="', " ", "\n", "\u00a0", '"', "x", "<", "data-", "é"])).map(
        "".join
    )
)
def test_the_ids_found_are_what_the_id_pattern_finds(html: str) -> None:
    assert element_ids(html) == frozenset(ELEMENT_ID.findall(html))


@settings(max_examples=400)
@example("@misc{k,\n  title = {a}b{c},\n}")  # two groups: the lexer reads b as a name
@example('@misc{k,\n  title = {"q" <&> {i}},\n}')
@example("@comment{k,\n  title = {a},\n}")
@example("@stringmisc{key,\n}")  # the lexer reads @string, then misc as an error
@example("@preambles{key,\n}")
@given(bibtex_like() | st.lists(_BIB_PIECES, max_size=40).map("".join))
def test_the_bibtex_shortcut_gives_pygments_html_or_steps_aside(code: str) -> None:
    found = bibtex_html(code)
    if found is not None:
        assert found == PYGMENTS(code, "bibtex")


@settings(max_examples=200, deadline=None)
@given(papers())
def test_every_entry_the_site_writes_takes_the_bibtex_shortcut_when_its_braces_balance(
    paper: Paper,
) -> None:
    entry = bibtex_entry(paper).rstrip("\n")
    found = bibtex_html(entry)
    if "\\{" not in entry and "\\}" not in entry:
        assert found is not None, entry
    if found is not None:
        assert found == PYGMENTS(entry, "bibtex")


def test_the_catalog_s_entries_all_take_the_bibtex_shortcut() -> None:
    catalog = load_catalog(CATALOG)
    for paper in catalog.papers.values():
        entry = bibtex_entry(paper).rstrip("\n")
        assert bibtex_html(entry) == PYGMENTS(entry, "bibtex"), paper.id
