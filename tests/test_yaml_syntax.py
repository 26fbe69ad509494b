"""YAML syntax errors: the line a person would look at, and a hint for the usual mistakes.

Also the characters YAML reads as line breaks that no editor shows (NEL, LS, PS): a key after
one would sit on what GitHub and grep show as the line before, so they are refused where they
are, whatever the line endings of the file.
"""

from __future__ import annotations

import pytest

from litcat.core.reading.reader import parse

GOOD = "title: A Study\nauthors:\n  - Ada Case\nyear: 2020\nadded: 2024-05-01\n"


def only_problem(text: str, newline: str = "\n") -> tuple[int, int, str]:
    doc = parse(text.replace("\n", newline).encode("utf-8"), "x.yaml")
    assert len(doc.problems) == 1, doc.problems
    problem = doc.problems[0]
    return problem.line, problem.column, f"{problem.message} ({problem.hint})"


NEWLINES = pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])

# (text, line, column, words the hint holds)
MISTAKES = {
    "tab indent": ("title: T\nlinks:\n\tcode: x\n", 3, 1, "tabs"),
    "tab indent in a list": ("authors:\n\t- Ada\n", 2, 1, "tabs"),
    "unclosed double quote": ('title: T\nvenue: "ICRA 2024\nyear: 2020\n', 2, 8, "never closed"),
    "unclosed single quote": ("title: 'T\nyear: 2020\n", 1, 8, "never closed"),
    "text after a closing quote": ('title: "The" Study\nyear: 2020\n', 1, 14, "closing quote"),
    "an unescaped single quote": ("title: 'It's'\nyear: 2020\n", 1, 12, "quote as ''"),
    "unclosed bracket": ("authors: [Ada, Bo\nyear: 2020\n", 2, 5, "[ on line 1"),
    "unclosed brace": ("links: {code: x\nyear: 2020\n", 2, 5, "{ on line 1"),
    "colon in a value": ("title: Colons: A Study\n", 1, 14, "must be quoted"),
    "backslash in double quotes": ('title: "C:\\q"\n', 1, 11, "backslash"),
    "bad indentation": ("title: T\n  year: 2020\n", 2, 7, "must be quoted"),
    "dedented key": ("authors:\n  - Ada\n year: 2020\n", 3, 2, "indentation"),
    "value starting with @": ("title: @home\n", 1, 8, "quotes"),
    "value starting with `": ("title: `x`\n", 1, 8, "quotes"),
    "value starting with *": ("title: *bold* claims\n", 1, 13, "quoted"),
    "two documents": (GOOD + "---\ntitle: B\n", 6, 1, "one document"),
}


@NEWLINES
@pytest.mark.parametrize("case", sorted(MISTAKES))
def test_usual_mistakes_get_a_hint_and_the_true_line(case: str, newline: str) -> None:
    text, line, column, hint = MISTAKES[case]
    found = only_problem(text, newline)
    assert found[:2] == (line, column), found
    assert hint in found[2], found


@NEWLINES
@pytest.mark.parametrize(
    ("char", "name"), [("\x00", "U+0000"), ("\x07", "U+0007"), ("\ufffe", "U+FFFE")]
)
def test_a_forbidden_character_is_located_on_its_line(newline: str, char: str, name: str) -> None:
    text = GOOD.replace("year: 2020", f"year: 20{char}20")
    line, column, message = only_problem(text, newline)
    assert (line, column) == (4, 9)
    assert name in message


HIDDEN = [("\x85", "U+0085"), ("\u2028", "U+2028"), ("\u2029", "U+2029")]


@NEWLINES
@pytest.mark.parametrize(("char", "name"), HIDDEN)
@pytest.mark.parametrize(
    ("where", "line", "column"),
    [
        ("title: A{c}doi: 10.1/evil\n", 1, 9),  # a key hidden on the title's line
        ("title: A Study  # x{c}doi: 10.1/evil\n", 1, 20),  # ...or after a comment
        ("title: 'A{c}Study'\n", 1, 10),  # inside quotes too
        ("title: T\nauthors:\n  - Ada{c}\n", 3, 8),
    ],
)
def test_hidden_line_breaks_are_refused_where_they_are(
    newline: str, char: str, name: str, where: str, line: int, column: int
) -> None:
    found = only_problem(where.format(c=char), newline)
    assert found[:2] == (line, column), found
    assert name in found[2] and "editors and GitHub do not show" in found[2]


@pytest.mark.parametrize(("char", "escape"), [("\u2028", "\\L"), ("\u2029", "\\u2029")])
def test_an_escaped_line_separator_is_only_refused_by_the_field(char: str, escape: str) -> None:
    doc = parse(f'title: "A{escape}B"\n'.encode(), "x.yaml")
    assert doc.problems == [] and doc.data == {"title": f"A{char}B"}


def test_each_hidden_break_of_a_file_is_reported() -> None:
    doc = parse("a: 1\u2028b: 2\nc: 3\x85d: 4\n".encode(), "x.yaml")
    assert [(p.line, p.column) for p in doc.problems] == [(1, 5), (2, 5)]
