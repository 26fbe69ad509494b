"""The value types records and the taxonomy are made of: one-line text, text, names, links,
arXiv ids, DOIs and years, each with the rule that makes it safe to show and to cite.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints
from pydantic_core import PydanticCustomError

from . import ids

MIN_YEAR = 1800
TEXT_MAX = 2_000


class Strict(BaseModel):
    """Base of every model read from a file: a misspelt key is an error, never dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


# Characters that are invisible or break lines on a page: controls (C0, DEL, C1), surrogates,
# Unicode line and paragraph separators (JavaScript line breaks too), and the bidirectional
# overrides that make text read differently from what it holds.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _bad_char(value: str, allowed: str = "") -> str | None:
    # isprintable() is false for every Cc, Cf (bidi controls included), Cs, Zl and Zp
    # character, so the loop only runs for the rare text that holds one (or a tab, a break).
    if value.isprintable():
        return None
    for char in value:
        if char in allowed:
            continue
        if char in _BIDI or unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp"):
            return char
    return None


def _line(value: str) -> str:
    bad = _bad_char(value)
    if bad is not None:
        if bad in _BREAKS:
            raise PydanticCustomError("one_line", "must be one line of plain text")
        raise PydanticCustomError(
            "control_char", "holds the invisible character U+{code}", {"code": f"{ord(bad):04X}"}
        )
    if value != value.strip():
        raise PydanticCustomError("spaces", "starts or ends with spaces")
    return value


def _text(value: str) -> str:
    bad = _bad_char(value, allowed="\n\t")
    if bad is not None:
        raise PydanticCustomError(
            "control_char",
            "holds the invisible character U+{code}",
            {"code": f"{ord(bad):04X}"},
        )
    return value


def _arxiv(value: str) -> str:
    try:
        return ids.normalize_arxiv(value)
    except ValueError:
        raise PydanticCustomError(
            "arxiv", "{value} is not an arXiv id (like 2303.12345)", {"value": repr(value)}
        ) from None


def _doi(value: str) -> str:
    try:
        return ids.normalize_doi(value)
    except ValueError:
        raise PydanticCustomError(
            "doi", "{value} is not a DOI (like 10.1000/xyz123)", {"value": repr(value)}
        ) from None


def _url(value: str) -> str:
    try:
        return ids.check_url(value)
    except ValueError as exc:
        raise PydanticCustomError("url", str(exc)) from None


def _year(value: int) -> int:
    latest = dt.date.today().year + 1
    if not MIN_YEAR <= value <= latest:
        raise PydanticCustomError(
            "year",
            "{value} is not a year between {low} and {high}",
            {"value": value, "low": MIN_YEAR, "high": latest},
        )
    return value


# What a catalog can expect of every record (the taxonomy's ``expect``), and what a record can
# say was searched for and not found (its ``not_found``).
Expectation = Literal["summary", "primary-source", "venue-year"]
# ``not_found`` may also say that no source gives the year: a record made from a list that does
# not give it (the year is otherwise required).
Gap = Literal["summary", "primary-source", "venue-year", "year"]

Line = Annotated[str, StringConstraints(min_length=1, max_length=500), AfterValidator(_line)]
ShortName = Annotated[str, StringConstraints(min_length=1, max_length=60), AfterValidator(_line)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=TEXT_MAX), AfterValidator(_text)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_line)]
Url = Annotated[str, StringConstraints(max_length=2_000), AfterValidator(_url)]
Arxiv = Annotated[str, StringConstraints(max_length=100), AfterValidator(_arxiv)]
Doi = Annotated[str, StringConstraints(max_length=300), AfterValidator(_doi)]
Year = Annotated[int, AfterValidator(_year)]
NodeId = Annotated[str, StringConstraints(min_length=1, max_length=100)]
