"""The fast paths of validation agree with the plain rules they stand for.

Each check of a record's text or links is made by one compiled expression, a set lookup or a
prefilter that skips the per-character loop; here each is held against the rule written out
one character (or one listed domain) at a time, over generated text.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from litcat.core import fields, ids, lookalikes, sources
from litcat.intake import latex

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


@settings(max_examples=300)
@given(NAME, st.sampled_from([*sources.PRIMARY_HOSTS, *ids._LOCAL_NAMES, "org", "a.b"]))
def test_a_parent_domain_lookup_is_the_suffix_rule(name: str, domain: str) -> None:
    assert (domain in ids.parent_domains(name)) == plain_under(name, domain)


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


@settings(max_examples=500)
@given(st.one_of(URL, st.builds("https://{}{}".format, NAME, st.sampled_from(["", "/p", "?q"]))))
def test_the_host_fast_path_is_what_urlsplit_reads(url: str) -> None:
    try:
        expected = (urllib.parse.urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return  # urlsplit refuses it; the fast path is only taken for plain host names
    assert sources.host(url) == expected


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


@settings(max_examples=500)
@given(st.one_of(LATEX, TEXT))
def test_a_field_without_latex_decodes_as_the_decoder_reads_it(text: str) -> None:
    assert latex.decode(text) == latex.decode_latex(text)
