"""Keeping record text as text inside Markdown pages.

Jinja's autoescaping stops HTML; Markdown needs more. Templates put record text in raw HTML
blocks, which Markdown leaves alone, except that fenced code blocks are found before raw HTML
is, so backticks and tildes are written as character references too. Headings, which must be
Markdown for the table of contents and search to see them, use :func:`markdown_inline`, which
turns every ASCII punctuation mark into a reference that Markdown passes through untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import yaml
from markupsafe import Markup, escape

_FENCE_CHARS = str.maketrans({"`": "&#96;", "~": "&#126;"})
_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")
_BACKTICKS = re.compile(r"`+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


# What escaping changes: HTML's five, and the two that open a fenced code block.
_ESCAPED = re.compile("[&<>\"'`~]")


def escaped(value: str) -> Markup:
    """Record text as HTML that Markdown leaves alone (see the module's notes)."""
    if _ESCAPED.search(value) is None:
        return Markup(value)  # most text: nothing to escape (a third of the cost)
    return Markup(str(escape(value)).translate(_FENCE_CHARS))


def finalize(value: Any) -> Any:
    """Every ``{{ value }}`` of a page template passes here before it is written."""
    if value is None:
        # A template printing None shows "None" on the page: always a template mistake.
        raise TypeError("a template printed None; test the value first")
    if isinstance(value, Markup):
        return value
    if isinstance(value, str):
        return escaped(value)
    return value


def markdown_inline(value: str) -> Markup:
    """Text for a Markdown heading: HTML-escaped, every ASCII punctuation a reference."""
    return Markup(_PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", value))


def fence(value: str, lang: str = "") -> Markup:
    """A fenced code block whose fence is longer than any run of backticks in ``value``."""
    longest = max((len(m.group()) for m in _BACKTICKS.finditer(value)), default=0)
    marks = "`" * max(3, longest + 1)
    return Markup(f"{marks}{lang}\n{value.rstrip(chr(10))}\n{marks}")


def paragraphs(value: str) -> list[str]:
    """Paragraphs of a multi-line text; raw HTML blocks must not hold blank lines."""
    return [p.strip() for p in _BLANK_LINE.split(value) if p.strip()]


def lower_first(value: str) -> str:
    """``The review`` in the middle of a sentence: ``the review`` (an acronym stays)."""
    if len(value) > 1 and value[0].isupper() and value[1].islower():
        return value[0].lower() + value[1:]
    return value


def oneline(value: str) -> str:
    return " ".join(value.split())


def author_list(authors: list[str], incomplete: bool) -> str:
    if not authors:
        return "Authors unknown"
    names = ", ".join(authors)
    return f"{names} et al." if incomplete else names


def short_authors(authors: list[str], incomplete: bool) -> str:
    if not authors:
        return "unknown"
    if len(authors) > 2 or incomplete:
        return f"{authors[0]} et al."
    return " and ".join(authors)


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter that MkDocs reads back as ``meta``, whatever characters it holds.

    MkDocs silently treats front matter it cannot parse as page text, so the dump is read
    back here and a difference is a bug worth stopping for.
    """
    if not meta:
        return ""
    # Page metadata needs no canonical form, so libyaml's emitter writes it: the record writer
    # (litcat.store.writer.dump) is pure Python and was a quarter of the rendering time.
    dumped = yaml.dump(
        meta, Dumper=yaml.CSafeDumper, allow_unicode=True, sort_keys=False, width=1 << 30
    )
    if yaml.load(dumped, Loader=yaml.CSafeLoader) != meta:
        raise ValueError(f"front matter does not read back: {meta!r}")
    return f"---\n{dumped}---\n\n"


def spaced_matches(text: str, literal: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, for a pattern made of a space class (``\\s`` or
    ``\\s?``) and then ``literal`` (``\\sid="..."``, Material's ``\\s?data-search-...``).

    Such a pattern gives the regular expression engine no text to look for: it tries every
    character, about 20 ns each. Here ``literal`` is looked for, and the pattern tried one
    character before each occurrence, then at it: the only two places a match can start, in the
    order ``finditer`` tries them, never inside the previous match (the literal does not
    overlap itself)."""
    start = 0
    while (at := text.find(literal, start)) >= 0:
        found = pattern.match(text, at - 1) if at > start else None
        if found is None:
            found = pattern.match(text, at)
        if found is None:
            start = at + 1
        else:
            yield found
            start = found.end()
