"""The value types records and the taxonomy are made of: one-line text, text, names, links,
arXiv ids, DOIs and years, each with the rule that makes it safe to show and to cite.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import time
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, StringConstraints
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
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


# The same characters as one class: Cc (C0, DEL, C1), Cs (surrogates), Zl and Zp (which the
# Unicode stability policy keeps as they are) and the bidi controls; the text class lets a tab
# and a line break through. tests/test_fastpaths.py holds both to the per-character rule.
_OTHERS = r"\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069"
_BAD_IN_LINE = re.compile(rf"[\x00-\x1f{_OTHERS}]")
_BAD_IN_TEXT = re.compile(rf"[\x00-\x08\x0b-\x1f{_OTHERS}]")


def _bad_char(value: str, pattern: re.Pattern[str] = _BAD_IN_LINE) -> str | None:
    """The first control, surrogate, line or paragraph separator or bidi control of ``value``
    (``_BAD_IN_TEXT``: but a tab or a line break)."""
    found = pattern.search(value)
    return found.group() if found else None


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
    bad = _bad_char(value, _BAD_IN_TEXT)
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


# The reader gives every scalar as text, and pydantic's lax parsing would read more than YAML
# means: `added: 1704153600` as a Unix time, `year: 02024` as 2024 (YAML 1.1 reads octal 1044),
# `venue_confirmed: y` as true (YAML reads the text "y"). Only spellings on which YAML and the
# record agree are taken: digits, ISO dates, and YAML's booleans (true/false, yes/no, on/off).
_DIGITS = re.compile(r"\A[-+]?(?:0|[1-9][0-9]*)\Z")
_ISO_DATE = re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_BOOLS = {
    word: value
    for words, value in (("true yes on", True), ("false no off", False))
    for lower in words.split()
    for word in (lower, lower.capitalize(), lower.upper())
}


def _int_text(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise PydanticCustomError("int_type", "must be a whole number")
    if isinstance(value, str) and not _DIGITS.match(value):
        raise PydanticCustomError(
            "int_text", "{value} is not a whole number written in digits", {"value": repr(value)}
        )
    return int(value)


def _bool_text(value: object) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value in _BOOLS:
        return _BOOLS[value]
    raise PydanticCustomError("bool_text", "{value} is not true or false", {"value": repr(value)})


def _date_text(value: object) -> object:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise PydanticCustomError(
                "date", "{value} is not a date: {why}", {"value": repr(value), "why": str(exc)}
            ) from None
    raise PydanticCustomError(
        "date_text", "{value} is not a date written YYYY-MM-DD", {"value": repr(value)}
    )


@functools.lru_cache(maxsize=1)
def _year_in_minute(minute: int) -> int:
    return dt.date.today().year


def _latest_year() -> int:
    """Next year: the latest a paper can carry. The clock's date is read once a minute (a
    catalog has thousands of years to check), so a long ``mkdocs serve`` still moves on."""
    return _year_in_minute(int(time.monotonic() // 60)) + 1


def _year(value: int) -> int:
    latest = _latest_year()
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
Int = Annotated[int, BeforeValidator(_int_text)]
Bool = Annotated[bool, BeforeValidator(_bool_text)]
Date = Annotated[dt.date, BeforeValidator(_date_text)]
Year = Annotated[int, BeforeValidator(_int_text), AfterValidator(_year)]
NodeId = Annotated[str, StringConstraints(min_length=1, max_length=100)]
