"""Checks on hostile input that run before (or instead of) building a YAML node tree.

A record comes from a stranger's pull request. These checks turn every way a file can be
unreadable, too deep or too clever into one located message, and do it without anything
recursive: libyaml's parser keeps its own stack, but PyYAML's composer recurses once per
nesting level, so depth is measured on the parser's events before composing.
"""

from __future__ import annotations

import codecs
import unicodedata

import yaml

from .syntax import position as position

# Any depth up to this is safe to compose; a file that could nest deeper is measured first.
SAFE_COMPOSE_DEPTH = 200

_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)
_OPENERS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSERS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_NODES = (yaml.ScalarEvent, yaml.AliasEvent, *_OPENERS)

Located = tuple[int, int, str]
"""Line, column (both 1-based) and message."""


def wide_encoding(raw: bytes) -> str | None:
    """``UTF-16`` or ``UTF-32`` when the bytes start with that byte order mark."""
    for bom, name in _WIDE_BOMS:
        if raw.startswith(bom):
            return name
    return None


def reader_problem(text: str, exc: yaml.reader.ReaderError) -> Located:
    """Locate a character libyaml refuses (NUL, controls); its position is a UTF-8 offset."""
    line, column = position(text.encode("utf-8"), exc.position)
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
    name = unicodedata.name(chr(code), "a control character")
    return line, column, f"character U+{code:04X} ({name.lower()}) is not allowed in YAML"


def could_nest_deeper(text: str, depth: int) -> bool:
    """Cheap bound: every nesting level needs a new line or an indicator character."""
    bound = text.count("\n") + text.count("-") + text.count("?")
    return bound + text.count("[") + text.count("{") > depth


def too_deep_message(limit: int) -> str:
    return f"nesting is deeper than {limit} levels"


def too_deep(text: str, limit: int) -> Located | None:
    """The first node nested more than ``limit`` collections deep, found on parser events.

    Returns ``None`` when the file nests no deeper (or does not parse: composing it will
    report the syntax error with its location).
    """
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, _NODES) and depth > limit:
                mark = event.start_mark
                line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                return line, column, too_deep_message(limit)
            if isinstance(event, _OPENERS):
                depth += 1
            elif isinstance(event, _CLOSERS):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        # libyaml (0.2.5 on) stops at 1,000 levels itself, and its scanner reads flow
        # collections ahead, so that limit can be met before the event at ``limit``.
        mark = exc.problem_mark
        if mark is not None and "nesting depth" in str(exc.problem):
            return mark.line + 1, mark.column + 1, too_deep_message(limit)
    except yaml.YAMLError:
        pass
    return None


def first_alias(text: str) -> Located:
    """Where the first alias (``*name``) is; called only once a repeated node was seen."""
    try:
        for token in yaml.scan(text, Loader=yaml.CSafeLoader):
            if isinstance(token, yaml.AliasToken):
                mark = token.start_mark
                return (
                    mark.line + 1,
                    mark.column + 1,
                    f"alias *{token.value}: anchors and aliases are not allowed",
                )
    except yaml.YAMLError:
        pass
    return 1, 1, "anchors and aliases are not allowed"
