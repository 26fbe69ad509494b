"""The fast paths of validation, of LaTeX decoding and of the YAML writer agree with the plain
rules (or the library) they stand for.

Each check of a record's text or links is made by one compiled expression, a set lookup or a
prefilter that skips the per-character loop; here each is held against the rule written out
one character (or one listed domain) at a time, over generated text.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from collections import OrderedDict
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markupsafe import escape

from litcat.core import fields, ids
from litcat.core.loader import load_catalog
from litcat.core.models import Paper, to_data
from litcat.core.problems import Problem
from litcat.core.reading import reader
from litcat.core.rules import sources
from litcat.core.rules import text as lookalikes
from litcat.intake import latex
from litcat.intake.lists import structure
from litcat.render import text as rendertext
from litcat.store import writer

from .conftest import CATALOG, REPO, repo_catalog
from .test_roundtrip import TAXONOMY, papers

# Every code point, surrogates included, and the ones the rules name, drawn more often.
_NAMED = (
    "\t\n\r\x0b\x0c\x1c\x1f\x7f\x85\x9f\xa0\xad\u034f\u115f\u200b\u200d\u2028\u2029"
    "\u202a\u202e\u2066\u2069\u2800\u3164\ufeff\uffa0\ud800\udfff\U000e0041 ax.-/"
)
CHARS = st.one_of(
    st.characters(),
    st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF),
    st.sampled_from(_NAMED),
)
TEXT = st.text(CHARS, max_size=40)


def batches(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """Several inputs per example: drawing is most of these tests' time, and a list of inputs
    costs little more to draw than one (each test checks as many inputs as before, or more)."""
    return st.lists(strategy, min_size=1, max_size=8)


def plain_bad_char(value: str, allowed: str = "") -> str | None:
    for char in value:
        if char in allowed:
            continue
        if char in fields.BIDI_CONTROLS or unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
            return char
    return None


@settings(max_examples=300)
@given(TEXT)
def test_the_character_classes_find_what_the_per_character_rule_finds(value: str) -> None:
    assert fields._bad_char(value) == plain_bad_char(value)
    assert fields._bad_char(value, fields._BAD_IN_TEXT) == plain_bad_char(value, "\n\t")


def test_the_character_classes_agree_on_every_code_point() -> None:
    every = "".join(map(chr, range(0x110000)))
    line = {m.group() for m in fields._BAD_IN_LINE.finditer(every)}
    text = {m.group() for m in fields._BAD_IN_TEXT.finditer(every)}
    rule = {c for c in every if plain_bad_char(c) is not None}
    assert line == rule
    assert text == rule - {"\n", "\t"}


def plain_invisible(text: str) -> str | None:
    for char in text:
        if char in fields.BIDI_CONTROLS:
            continue
        if unicodedata.category(char) == "Cf" or char in lookalikes._INVISIBLE_LETTERS:
            return char
    return None


@settings(max_examples=300)
@given(TEXT)
def test_invisible_finds_what_the_per_character_rule_finds(value: str) -> None:
    assert lookalikes.invisible(value) == plain_invisible(value)


def plain_title_key(title: str) -> str:
    decomposed = unicodedata.normalize("NFKD", title)
    bare = "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f")
    folded = unicodedata.normalize("NFKC", bare).casefold()
    return "".join(c for c in folded if c.isalnum() or unicodedata.category(c)[0] == "M")


@settings(max_examples=300)
@given(st.one_of(st.text(st.characters(max_codepoint=0x7F)), TEXT))
def test_the_ascii_title_key_is_the_unicode_one(title: str) -> None:
    assert ids.title_key(title) == plain_title_key(title)


LABEL = st.text(st.sampled_from("ab-_0x"), min_size=0, max_size=5)
NAME = st.lists(
    st.one_of(LABEL, st.sampled_from(["arxiv", "org", "doi", "local", "test", "home", "arpa"])),
    min_size=1,
    max_size=5,
).map(".".join)


def plain_under(name: str, domain: str) -> bool:
    return name == domain or name.endswith("." + domain)


DOMAINS = [*sources.PRIMARY_HOSTS, *ids._LOCAL_NAMES, "org", "a.b"]


@settings(max_examples=300)
@given(st.one_of(NAME, st.sampled_from(DOMAINS), st.sampled_from(DOMAINS).map("x.{}".format)))
def test_a_parent_domain_lookup_is_the_suffix_rule(name: str) -> None:
    parents = ids.parent_domains(name)
    # Every listed domain for each name: cheaper than drawing a pair per example.
    for domain in DOMAINS:
        assert (domain in parents) == plain_under(name, domain), domain


def plain_labels(name: str) -> bool:
    label = re.compile(r"(?!-)[\w-]{1,63}(?<!-)")
    return all(label.fullmatch(part) for part in name.split("."))


@settings(max_examples=300)
@given(st.one_of(NAME, st.text(st.sampled_from("a-._\u00e9\n"), max_size=12)))
def test_one_expression_over_the_labels_is_the_rule_per_label(name: str) -> None:
    assert bool(ids._LABELS.fullmatch(name)) == plain_labels(name)


URL_PARTS = [
    "http",
    "https",
    "HTTPS",
    "://",
    "//",
    "a",
    "B",
    ".",
    "-",
    ":",
    "80",
    "@",
    "[",
    "]",
    "/",
    "?",
    "#",
    "x.org",
    "xn--e1a",
    "é",
]
URL = st.builds("".join, st.lists(st.sampled_from([*URL_PARTS, "\t", "\n", " "]), max_size=10))


@settings(max_examples=150)
@given(batches(st.one_of(URL, st.builds("https://{}{}".format, NAME, st.sampled_from(["", "/p"])))))
def test_the_host_fast_path_is_what_urlsplit_reads(urls: list[str]) -> None:
    for url in urls:
        try:
            expected = (urllib.parse.urlsplit(url).hostname or "").lower().rstrip(".")
        except ValueError:
            continue  # urlsplit refuses it; the fast path is only taken for plain host names
        assert sources.host(url) == expected, url


# Pieces of a link's address, the characters percent-encoding keeps or changes among them.
LINK_PARTS = [
    *("http://", "https://", "HTTP://", "ftp://", "mailto:", "//", "a", "Z", "9", "b.org"),
    *(".", "-", ":", "80", "@", "/", "?", "#", "=", "&", "%", "%41", "%zz", "[", "]", "(", ")"),
    *("'", "*", "!", "$", "+", ",", ";", "~", "_", " ", "\t", "é", "日", "xn--e1a", "\\", "^"),
    *("|", '"', "<", ">", "`", "{", "}"),
]
LINK = st.builds("".join, st.lists(st.sampled_from(LINK_PARTS), max_size=12))
# Mostly addresses the shortcut takes, with now and then a character that it must not.
PLAIN_LINK = st.builds(
    "{}://{}{}{}".format,
    st.sampled_from(["http", "https"]),
    st.text(st.sampled_from("aZ09.-.-é_%[]"), min_size=1, max_size=12),
    st.sampled_from(["/", "?", "#", ":80/", ""]),
    st.text(st.sampled_from("abcXYZ019._~!$&'()*+,;=:@/?#-%[] é"), max_size=20),
)


@settings(max_examples=200)
@given(batches(st.one_of(LINK, PLAIN_LINK)))
@example(["https://arxiv.org/abs/2303.00001", "https://e.org/a[b]", "https://e.org/%41%zz"])
@example(["https://a..b/", "https://-a.b/", "https://e.org", "HTTPS://Example.org/"])
@example(["https://bücher.example/", "http://93.184.216.34:8000/x", "https://e_f.org/"])
def test_the_plain_link_shortcut_is_markdown_it_s_normalize_link(urls: list[str]) -> None:
    md = MarkdownIt("commonmark")
    shortcut = structure.normalize_link(md)
    for url in urls:
        assert shortcut(url) == md.normalizeLink(url), url


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


YAML_ASCII = st.text(st.sampled_from("ab x-n:'\"\n#&*!%|>{}[],0"), max_size=40)


@settings(max_examples=300)
@given(st.one_of(YAML_ASCII, st.builds("title: {}".format, YAML_ASCII)))
def test_plain_yaml_source_gives_no_string_the_look_alike_check_would_read(source: str) -> None:
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError:
        return
    if not lookalikes._plain(source):
        return
    for text in _strings(data):
        assert text.isascii() and "xn--" not in text


def test_an_escape_makes_yaml_source_not_plain() -> None:
    source = 'title: "A\\u200bB"\n'
    assert not lookalikes._plain(source)
    assert lookalikes.invisible(yaml.safe_load(source)["title"]) == "\u200b"


LATEX = st.text(st.sampled_from("ab -'`!?{}\\$%&~#^_\n\t\u00e9\u00a0\"<,.x"), max_size=30)


# Braces and text only (with the lone quote and backquote-free ligature neighbours).
GROUPS = st.text(st.sampled_from("ab -{}{}\n\t\u00a0.,'!?\u00e9"), max_size=30)


@settings(max_examples=150)
@example(["{" * 41 + "deep" + "}" * 41, "{" * 40 + "deep" + "}" * 40, "a}{b", "{a {} b}"])
@given(batches(st.one_of(LATEX, GROUPS, TEXT)))
def test_a_field_without_latex_decodes_as_the_decoder_reads_it(texts: list[str]) -> None:
    for text in texts:
        assert latex.decode(text) == latex.decode_latex(text), text


# YAML made of the pieces a record is made of, and of the ones the reader refuses: tags,
# anchors and aliases, merge keys, keys that are not names, repeated keys, deep nesting.
YAML_PIECES = st.sampled_from(
    [
        "a",
        "b",
        "x y",
        ": ",
        ":",
        "\n",
        "\n  ",
        "- ",
        "-",
        "[",
        "]",
        "{",
        "}",
        ", ",
        "~",
        "null",
        "''",
        '"q\\n"',
        "!!str ",
        "!!int ",
        "!!binary ",
        "!x ",
        "&a ",
        "*a",
        "<<: ",
        "? ",
        "|\n  t\n",
        "\t",
        "#c",
    ]
)
# Lines of keys and values, as records are written, so that most sources are YAML.
YAML_LINE = st.builds(
    "{}{}{}\n".format,
    st.sampled_from(["", "", "", "", "  ", "- "]),
    st.sampled_from(["a", "b", "a b", "<<", "? a", "~", "'k'", "!!str a", "&x a", "[a]", "{a: 1}"]),
    st.sampled_from(
        [
            *(": x", ": ''", ":", ": ~", ": [a, b]", ": {a: 1, b: 2}", ": {a: 1, a: 2}"),
            *(": &x v", ": *x", ": !!str y", ": !!int 1", ": !!binary aGk=", ": !t z"),
            ": |\n    t",
        ]
    ),
)
YAML_SOURCE = st.one_of(
    st.builds("".join, st.lists(YAML_PIECES, max_size=24)),
    st.builds("".join, st.lists(YAML_LINE, max_size=8)),
    st.builds("k: {}\n".format, st.integers(0, 20).map(lambda n: "[" * n + "]" * n)),
)


def _built(source: str, *, quick: bool) -> tuple[Any, list[Problem]]:
    """The data a builder gives and the problems it reports (a refused file: its reason)."""
    root = yaml.compose(source, Loader=reader._Loader)
    if root is None:
        return None, []  # an empty file: reported before any builder
    if quick:
        return reader._quick_build(root, source), []
    doc = reader.Document("f.yaml", text=source, root=root)
    try:
        return reader._Builder(doc).build(root, ()), doc.problems
    except reader._Rejected as exc:
        line, column, message, *_ = exc.args
        return None, [*doc.problems, Problem("error", "f.yaml", line, column, "", message)]


@pytest.mark.slow
@settings(max_examples=1000)
@given(YAML_SOURCE)
@example("a: &x v\nb: *x\n")
@example("a: 1\nb: {c: 2, c: 3}\n")
def test_the_quick_builder_gives_what_the_full_builder_gives(source: str) -> None:
    try:
        full, problems = _built(source, quick=False)
    except yaml.YAMLError:
        return  # not YAML: neither builder is reached
    try:
        quick, _ = _built(source, quick=True)
    except reader._Unusual:
        return  # the full builder builds it: nothing to compare
    # Taken, the quick path gives the same data, and only on a file the full builder takes
    # whole, without a problem.
    assert problems == []
    assert quick == full


def _node(source: str) -> yaml.Node:
    root = yaml.compose(source, Loader=reader._Loader)
    assert root is not None
    return root


def test_the_quick_builder_takes_a_plain_record_and_leaves_the_rest() -> None:
    plain = "title: A\nauthors: [A B, C D]\nlinks:\n  code: https://x.org\nvenue:\n"
    data = reader._quick_build(_node(plain), plain)
    assert data == {
        "title": "A",
        "authors": ["A B", "C D"],
        "links": {"code": "https://x.org"},
        "venue": None,
    }
    for source in (
        "a: &x 1\nb: *x\n",  # an alias
        "a: 1\na: 2\n",  # a repeated key
        "<<: {a: 1}\n",  # a merge key
        "a: !!binary aGk=\n",  # a tag that is refused
        "? [a]\n: 1\n",  # a key that is not a name
        "k: " + "[" * (reader.MAX_DEPTH + 1) + "]" * (reader.MAX_DEPTH + 1) + "\n",
        "- a\n" * (reader.MAX_NODES // 4 + 1),  # too long to count its nodes by its length
    ):
        with pytest.raises(reader._Unusual):
            reader._quick_build(_node(source), source)


def _verdict(check: Any, url: str) -> str:
    try:
        return f"ok {check(url)}"
    except ValueError as exc:
        return f"refused: {exc}"


HOST_LABEL = st.text(st.sampled_from("aZ0-_"), min_size=1, max_size=4)
LINK_HOST = st.lists(
    st.one_of(HOST_LABEL, st.sampled_from(["org", "test", "home", "arpa", "local", "1", "0x1f"])),
    min_size=1,
    max_size=4,
).map(".".join)
LINK = st.builds(
    "{}{}{}{}".format,
    st.sampled_from(["https://", "http://", "HTTPS://", "ftp://", "https:/"]),
    LINK_HOST,
    st.sampled_from(["", ".", ":80", "@x.org", ":0"]),
    st.sampled_from(["", "/", "/a?b=c#d", "/a b", "/é", "/\\", "/{x}", "/%20", "?q=@", "/\n"]),
)


@settings(max_examples=250)
@given(batches(st.one_of(LINK, URL)))
def test_the_plain_link_fast_path_agrees_with_the_link_rules(urls: list[str]) -> None:
    for url in urls:
        assert _verdict(ids.check_url, url) == _verdict(ids.check_url_by_rules, url), url


def test_the_plain_link_fast_path_takes_the_usual_links() -> None:
    for url in ("https://arxiv.org/abs/2303.12345", "https://github.com/o/r", "http://a.b-c.io/"):
        assert ids._PLAIN_LINK.fullmatch(url) is not None
        assert ids.check_url(url) == url
    for url in ("https://x.test/", "https://a.home.arpa/", "https://printer.local/"):
        assert ids._PLAIN_LINK.fullmatch(url) is not None
        assert _verdict(ids.check_url, url).startswith("refused: ")


# Scalars as records hold them, with every character PyYAML's analysis singles out.
SCALAR_CHARS = st.sampled_from(
    [
        *"ab :#-?.,[]{}&*!|>'\"%@`\t\n\n  \xa0\ufeff\u00e9\x85\u2028\u2029\x7f\x00\r~0",
        *("\U0010ffff", "\U0010fffe", "\U0001f600", "\ud7ff", "\ue000", "\ufffe", "---", "..."),
    ]
)
SCALAR_TEXT = st.one_of(
    st.lists(SCALAR_CHARS, max_size=14).map("".join),
    st.sampled_from(["yes", "null", "~", "2024-01-01", "1:20", "0x1F", ".inf", "1e3", "=", "<<"]),
    TEXT,
)


@settings(max_examples=200)
@example(["\u2028", "a \nb", "a\n b", ""])
@given(batches(SCALAR_TEXT))
def test_the_writer_s_analysis_is_pyyaml_s(texts: list[str]) -> None:
    for text in texts:
        mine, theirs = writer.analyze(text), writer._ANALYZER.analyze_scalar(text)
        for name in ("empty", "multiline", "allow_block_plain", "allow_single_quoted"):
            assert getattr(mine, name) == getattr(theirs, name), (text, name)
        assert mine.allow_block == theirs.allow_block, text


SCALAR = st.one_of(
    SCALAR_TEXT,
    st.integers(-(10**20), 10**20),
    st.booleans(),
    st.none(),
    st.dates(),
    st.floats(allow_nan=False),
)
KEY = st.one_of(st.sampled_from(["title", "tags", "a-b", "x"]), SCALAR_TEXT, st.integers())
DATA = st.dictionaries(
    KEY,
    st.one_of(
        SCALAR,
        st.lists(st.one_of(SCALAR, st.dictionaries(KEY, SCALAR, max_size=2)), max_size=3),
        st.dictionaries(KEY, st.one_of(SCALAR, st.lists(SCALAR, max_size=3)), max_size=3),
    ),
    max_size=5,
)


@settings(max_examples=300)
@example({"k" * 101: "v"})
@example({"a": [], "b": {}})
@given(DATA)
def test_the_writer_s_layout_is_pyyaml_s(data: dict[str, Any]) -> None:
    assert writer.dump(data) == writer.pyyaml_dump(data)


@settings(max_examples=150, deadline=None)
@given(papers())
def test_the_writer_writes_any_record_as_pyyaml_does(paper: Paper) -> None:
    data = to_data(paper, TAXONOMY.dimension_ids(), TAXONOMY.attribute_ids())
    assert writer.dump(data) == writer.pyyaml_dump(data)


@pytest.mark.parametrize("root", [CATALOG, REPO], ids=["test catalog", "this catalog"])
def test_the_writer_writes_every_record_as_pyyaml_does(root: Path) -> None:
    catalog = repo_catalog() if root == REPO else load_catalog(root)
    taxonomy = catalog.require_taxonomy()
    for paper in catalog.papers.values():
        data = to_data(paper, taxonomy.dimension_ids(), taxonomy.attribute_ids())
        assert writer.dump(data) == writer.pyyaml_dump(data), paper.id
        assert writer._block(data, 0, []), paper.id  # written without PyYAML's emitter


@settings(max_examples=100)
@example(["", "a & b", "<i>", "\"q\" 'a'", "`x` ~y~", "plain title, 2024"])
@given(batches(TEXT))
def test_text_without_a_special_character_is_written_as_escaping_writes_it(
    texts: list[str],
) -> None:
    for value in texts:
        assert rendertext.escaped(value) == str(escape(value)).translate(rendertext._FENCE_CHARS)


def test_the_writer_refuses_what_pyyaml_refuses() -> None:
    """Subclasses of the types records hold are PyYAML's to judge (SafeDumper refuses them),
    not written as their base type by the fast path."""

    class Name(str):
        pass

    for data in ({"a": Name("x")}, {"a": [Name("x")]}, {"a": OrderedDict(b=1)}):
        with pytest.raises(yaml.representer.RepresenterError):
            writer.dump(data)
