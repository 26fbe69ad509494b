"""The record model: what one ``papers/<id>.yaml`` file may say.

The model knows no taxonomy. Tags and attributes are checked against ``taxonomy.yaml`` by
:mod:`litcat.core.checks`, so that any catalog can declare its own dimensions and attributes.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)
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


Line = Annotated[str, StringConstraints(min_length=1, max_length=500), AfterValidator(_line)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=TEXT_MAX), AfterValidator(_text)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_line)]
Url = Annotated[str, StringConstraints(max_length=2_000), AfterValidator(_url)]
Arxiv = Annotated[str, StringConstraints(max_length=100), AfterValidator(_arxiv)]
Doi = Annotated[str, StringConstraints(max_length=300), AfterValidator(_doi)]
Year = Annotated[int, AfterValidator(_year)]
NodeId = Annotated[str, StringConstraints(min_length=1, max_length=100)]


class Links(Strict):
    """Where to read the paper, its code, its project page and a video."""

    paper: Url | None = Field(None, description="The paper itself (publisher or PDF page).")
    code: Url | None = Field(None, description="The official code repository.")
    project: Url | None = Field(None, description="The project page.")
    video: Url | None = Field(None, description="A video of the work.")


class Paper(Strict):
    """One paper of the catalog. Field order here is the key order of the YAML writer."""

    id: str = Field(
        description="The file name without `.yaml`; never written in the file.",
        exclude=True,
    )
    title: Line = Field(description="The title as published, in its proper casing.")
    authors: list[Name] = Field(
        max_length=1_000,
        description="Full names, in the order of the paper; empty only if none is known.",
    )
    authors_incomplete: bool = Field(
        False, description="True when `authors` is known to be partial (BibTeX's `and others`)."
    )
    year: Year = Field(description="Year of the first public version.")
    venue: Line | None = Field(None, description="Where it was published, if known.")
    venue_confirmed: bool = Field(
        True,
        description="False when only third-party pages state the venue: likely, unconfirmed.",
    )
    arxiv: Arxiv | None = Field(None, description="arXiv id without version: `2303.12345`.")
    doi: Doi | None = Field(None, description="DOI without resolver: `10.1000/xyz`.")
    links: Links = Field(Links(), description="http(s) links only.")
    tags: dict[NodeId, list[NodeId]] = Field(
        default_factory=dict,
        description="Taxonomy values per dimension: `dimension: [node, ...]`.",
    )
    attributes: dict[str, Any] = Field(
        default_factory=dict, description="Values of the attributes `taxonomy.yaml` declares."
    )
    summary: Line | None = Field(None, description="One line of plain text, in our own words.")
    notes: Text | None = Field(None, description="Curators' notes: what is odd about the record.")
    sources: list[Url] = Field(
        default_factory=list, max_length=50, description="Pages the facts were taken from."
    )
    added: dt.date = Field(description="The date the record was added: `YYYY-MM-DD`.")

    @model_validator(mode="after")
    def _authors_known(self) -> Paper:
        if not self.authors and not self.authors_incomplete:
            raise PydanticCustomError(
                "authors",
                "the author list is empty; name the authors, or set authors_incomplete: true "
                "if no source shows them",
            )
        return self

    @model_validator(mode="after")
    def _venue_status(self) -> Paper:
        if not self.venue_confirmed and self.venue is None:
            raise PydanticCustomError(
                "venue_confirmed", "venue_confirmed is set but there is no venue"
            )
        return self

    # -- derived facts used by the renderer and the exports --------------------------------------

    def url(self) -> str | None:
        """The best link to the paper: its own link, else arXiv, else the DOI."""
        if self.links.paper:
            return self.links.paper
        if self.arxiv:
            return ids.arxiv_url(self.arxiv)
        if self.doi:
            return ids.doi_url(self.doi)
        return None


RECORD_FIELDS: tuple[str, ...] = tuple(name for name in Paper.model_fields if name != "id")


def to_data(paper: Paper, dimension_order: list[str], attribute_order: list[str]) -> dict[str, Any]:
    """The minimal data of a record, in canonical key order: no defaults, no id."""
    data: dict[str, Any] = {}
    dumped = paper.model_dump(mode="python", exclude_defaults=True)
    for name in RECORD_FIELDS:
        if name not in dumped:
            continue
        value = dumped[name]
        if name == "links":
            value = {k: v for k, v in value.items() if v is not None}
        elif name == "tags":
            value = _ordered(value, dimension_order)
        elif name == "attributes":
            value = _ordered(value, attribute_order)
        if value in ({}, [], None) and not Paper.model_fields[name].is_required():
            continue
        data[name] = value
    return data


def _ordered(mapping: dict[str, Any], order: list[str]) -> dict[str, Any]:
    rank = {key: i for i, key in enumerate(order)}
    return {k: mapping[k] for k in sorted(mapping, key=lambda k: (rank.get(k, len(rank)), k))}
