"""Problems found in a catalog, and the three ways of printing them.

Every check in litcat reports a :class:`Problem` instead of raising, so that one run shows
every mistake of every file. Problems are turned into an exit status only at the CLI boundary.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One located problem: ``file:line:column: field: message (hint)``."""

    severity: Severity
    file: str
    line: int
    column: int
    field: str
    message: str
    hint: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def location(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def describe(self) -> str:
        """The message without the location: ``field: message (hint)``."""
        text = f"{self.field}: {self.message}" if self.field else self.message
        if self.hint:
            text += f" ({self.hint})"
        return text

    def format_text(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.location()}: {prefix}{self.describe()}"

    def format_github(self) -> str:
        # Workflow commands need %, CR and LF escaped in the message and also : and , in
        # property values.
        def data(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def prop(value: str) -> str:
            return data(value).replace(":", "%3A").replace(",", "%2C")

        return (
            f"::{self.severity} file={prop(self.file)},line={self.line},"
            f"col={self.column}::{data(self.describe())}"
        )

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.message)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    return sorted(problems, key=Problem.sort_key)


def count(problems: Iterable[Problem]) -> tuple[int, int]:
    """Return ``(errors, warnings)``."""
    errors = warnings = 0
    for problem in problems:
        if problem.is_error:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


def format_problems(problems: Sequence[Problem], fmt: str) -> str:
    """Render problems as ``text``, ``github`` annotations or ``json``."""
    if fmt == "json":
        return json.dumps([asdict(p) for p in problems], indent=2, ensure_ascii=False)
    if fmt == "github":
        return "\n".join(p.format_github() for p in problems)
    return "\n".join(p.format_text() for p in problems)


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> str:
    """A hint naming the valid choices nearest to ``word``, or listing a few of them."""
    options = sorted(set(choices))
    close = difflib.get_close_matches(word, options, n=n, cutoff=0.6)
    if not close:
        lowered = word.lower()
        close = [o for o in options if lowered and (lowered in o or o in lowered)][:n]
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    if len(options) <= 30:
        return "valid: " + ", ".join(options)
    return f"{len(options)} valid values; see the taxonomy"
