"""YAML syntax errors as people can act on them: the true line, and a hint for the usual slips.

PyYAML's messages name the parser's state ("while parsing a block mapping"), not the mistake.
The usual mistakes are few: a tab used for indentation, a quote that is never closed or that
text follows, a bracket left open, a colon in an unquoted value, a backslash in double quotes.
"""

from __future__ import annotations

import re

import yaml

# The line breaks libyaml counts. NEL, LS and PS are breaks to YAML too, but the reader refuses
# them before parsing (editors and GitHub do not show them as breaks).
LINE_BREAK = re.compile(r"\r\n|\r|\n")
_BYTE_BREAK = re.compile(rb"\r\n|\r|\n")
# Characters YAML reads as line breaks that editors, grep and GitHub show as nothing at all.
HIDDEN_BREAKS = re.compile("[\x85\u2028\u2029]")
_HIDDEN_NAMES = {"\x85": "next line", "\u2028": "line separator", "\u2029": "paragraph separator"}

Located = tuple[int, int, str, str]
"""Line, column (both 1-based), message and hint."""


def position(raw: bytes, offset: int) -> tuple[int, int]:
    """Line and column (1-based, counting characters) of a byte offset in UTF-8 text.

    Lines end at LF, CRLF or a lone CR, as libyaml counts them, so that a file saved with old
    Mac line endings is not reported as one long line.
    """
    line, start = 1, 0
    for match in _BYTE_BREAK.finditer(raw, 0, offset):
        line += 1
        start = match.end()
    column = len(raw[start:offset].decode("utf-8", "replace")) + 1
    return line, column


def text_position(text: str, index: int) -> tuple[int, int]:
    """Line and column (1-based) of a character index, with the line breaks of :func:`position`."""
    line, start = 1, 0
    for match in LINE_BREAK.finditer(text, 0, index):
        line += 1
        start = match.end()
    return line, index - start + 1


def hidden_breaks(text: str) -> list[Located]:
    """Every NEL, LS or PS in ``text``: a key after one would sit on a line no one sees."""
    found: list[Located] = []
    for match in HIDDEN_BREAKS.finditer(text):
        char = match.group()
        line, column = text_position(text, match.start())
        message = (
            f"character U+{ord(char):04X} ({_HIDDEN_NAMES[char]}) is not allowed: YAML reads it "
            "as a line break that editors and GitHub do not show"
        )
        found.append((line, column, message, f"remove it, or write \\u{ord(char):04x} in quotes"))
    return found


def syntax_problem(text: str, exc: yaml.MarkedYAMLError) -> Located:
    """The location, message and hint of a syntax error."""
    problem = exc.problem or str(exc).splitlines()[0]
    context = exc.context or ""
    mark = exc.problem_mark or exc.context_mark
    opened = exc.context_mark
    if "end of stream" in problem and "quoted scalar" in context and opened is not None:
        # Reported where the file ends; the mistake is where the quote opens.
        mark = opened
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = f"YAML: {problem} ({context})" if context else f"YAML: {problem}"
    return line, column, message, _hint(text, problem, context, mark, opened)


def _hint(
    text: str,
    problem: str,
    context: str,
    mark: yaml.Mark | None,
    opened: yaml.Mark | None,
) -> str:
    char = _char_at(text, mark)
    opened_line = opened.line + 1 if opened is not None else None
    if "cannot start any token" in problem:
        if char == "\t":
            return "indent with spaces: YAML does not allow tabs for indentation"
        return f"a value cannot start with {char!r}: put the value in quotes"
    if "quoted scalar" in context and "end of stream" in problem:
        return "this quote is never closed: close it, or remove it"
    if "unknown escape" in problem:
        return "in double quotes a backslash starts an escape: write \\\\, or use single quotes"
    if "flow sequence" in context or "flow mapping" in context:
        bracket = "[" if "sequence" in context else "{"
        return (
            f"the {bracket} on line {opened_line} is not closed, or a value in it holds a comma "
            "or a colon: close it, or quote the value"
        )
    if "mapping values are not allowed" in problem:
        return 'a value holding ": " must be quoted: title: "Name: A Study"'
    if "expected key" in problem and _quote_before(text, mark):
        return (
            "text follows a closing quote: quote the whole value (in single quotes, write a "
            "quote as '')"
        )
    if "expected key" in problem or "'-' indicator" in problem:
        return "check this line's indentation: the keys of one mapping start in the same column"
    if "alias" in context or "anchor" in context:
        return "a value starting with * or & must be quoted"
    if "another document" in problem:
        return "a record is one document: remove the --- line"
    return ""


def _char_at(text: str, mark: yaml.Mark | None) -> str:
    if mark is None:
        return ""
    lines = LINE_BREAK.split(text)
    if mark.line >= len(lines) or mark.column >= len(lines[mark.line]):
        return ""
    return lines[mark.line][mark.column]


def _quote_before(text: str, mark: yaml.Mark | None) -> bool:
    if mark is None:
        return False
    lines = LINE_BREAK.split(text)
    return mark.line < len(lines) and any(q in lines[mark.line][: mark.column] for q in "\"'")
