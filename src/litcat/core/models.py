"""The record model: what one ``papers/<id>.yaml`` file may say.

The model knows no taxonomy. Tags and attributes are checked against ``taxonomy.yaml`` by
:mod:`litcat.core.rules.catalog`, so that any catalog can declare its own dimensions and attributes.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from . import ids
from .fields import (
    MIN_YEAR,
    TEXT_MAX,
    Arxiv,
    Bool,
    Date,
    Doi,
    Gap,
    Line,
    Name,
    NodeId,
    ShortName,
    Strict,
    Text,
    Url,
    Year,
)

__all__ = ["MIN_YEAR", "PREPRINT_SERVER", "RECORD_FIELDS", "TEXT_MAX", "Links", "Paper", "to_data"]

_VENUE_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")


# A preprint server, or a preprint said to be one, which is no venue: "arXiv", "arXiv preprint
# arXiv:2101.00001", "CoRR", "bioRxiv", "SSRN" (BibTeX's journal, a list's venue).
PREPRINT_SERVER = re.compile(
    r"^(?:arxiv|preprint|corr\b|e-?print|(?:bio|med|chem|tech)rxiv|ssrn\b|research\s?square\b)",
    re.IGNORECASE,
)


def venue_text_year(venue: str) -> int | None:
    """The year a venue's name spells out (``ICLR 2024``), if it names exactly one."""
    found = set(_VENUE_YEAR.findall(venue))
    return int(found.pop()) if len(found) == 1 else None


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
    short_name: ShortName | None = Field(
        None, description="The name people call the method or system by: `DPPO`, `RT-2`."
    )
    authors: list[Name] = Field(
        max_length=1_000,
        description="Full names, in the order of the paper; empty only if none is known.",
    )
    authors_incomplete: Bool = Field(
        False, description="True when `authors` is known to be partial (BibTeX's `and others`)."
    )
    year: Year | None = Field(
        None,
        description="Year of the first public version; absent only if `not_found` lists `year`.",
    )
    venue: Line | None = Field(None, description="Where it was published, if known.")
    venue_year: Year | None = Field(
        None, description="The year of that venue's edition or issue; citations give it."
    )
    venue_confirmed: Bool = Field(
        True,
        description="False when only third-party pages state the venue: likely, unconfirmed.",
    )
    arxiv: Arxiv | None = Field(None, description="arXiv id without version: `2303.12345`.")
    doi: Doi | None = Field(None, description="DOI without resolver: `10.1000/xyz`.")
    links: Links = Field(Links(), description="http(s) links only.")
    code_announced: Bool = Field(
        False, description="True when the authors announce code that is not released yet."
    )
    tags: dict[NodeId, list[NodeId]] = Field(
        default_factory=dict,
        description="Taxonomy values per dimension: `dimension: [node, ...]`.",
    )
    added_tags: dict[NodeId, list[NodeId]] = Field(
        default_factory=dict,
        description="For a paper of the catalog's origin: the tags the catalog adds to the "
        "origin's own filing (which `tags` holds).",
    )
    attributes: dict[str, Any] = Field(
        default_factory=dict, description="Values of the attributes `taxonomy.yaml` declares."
    )
    summary: Line | None = Field(None, description="One line of plain text, in our own words.")
    notes: Text | None = Field(None, description="What a reader should know; shown on the page.")
    curator_notes: Text | None = Field(
        None, description="What curators should know (doubts, odd sources); never shown."
    )
    sources: list[Url] = Field(
        default_factory=list, max_length=50, description="Pages the facts were taken from."
    )
    not_found: list[Gap] = Field(
        default_factory=list,
        description="What was searched for and not found (`summary`, `primary-source`, "
        "`venue-year`, `year`): the page says so, and validate does not warn about it.",
    )
    origin: NodeId | None = Field(
        None, description="The list the paper comes from, one of the taxonomy's `origins`."
    )
    added: Date = Field(description="The date the record was added: `YYYY-MM-DD`.")

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
    def _year_known(self) -> Paper:
        if self.year is None and "year" not in self.not_found:
            raise PydanticCustomError(
                "year",
                "no year; give the year of the first public version, or list year under "
                "not_found if no source gives it",
            )
        return self

    @model_validator(mode="after")
    def _venue_status(self) -> Paper:
        if not self.venue_confirmed and self.venue is None:
            raise PydanticCustomError(
                "venue_confirmed", "venue_confirmed is set but there is no venue"
            )
        return self

    @model_validator(mode="after")
    def _venue_year(self) -> Paper:
        if self.venue_year is None:
            return self
        if self.venue is None:
            raise PydanticCustomError("venue_year", "venue_year is set but there is no venue")
        if self.year is not None and self.venue_year < self.year:
            raise PydanticCustomError(
                "venue_year",
                "venue_year {venue_year} is before the first public version ({year})",
                {"venue_year": self.venue_year, "year": self.year},
            )
        named = venue_text_year(self.venue)
        if named is not None and named != self.venue_year:
            raise PydanticCustomError(
                "venue_year",
                "venue_year {venue_year} differs from the year the venue names ({named})",
                {"venue_year": self.venue_year, "named": named},
            )
        return self

    @model_validator(mode="after")
    def _code_status(self) -> Paper:
        if self.code_announced and self.links.code is not None:
            raise PydanticCustomError(
                "code_announced",
                "code_announced says the code is not released, but links.code names it",
            )
        return self

    @model_validator(mode="after")
    def _added_tags_need_an_origin(self) -> Paper:
        if self.added_tags and self.origin is None:
            raise PydanticCustomError(
                "added_tags",
                "added_tags hold what the catalog adds to the filing of the list a paper comes "
                "from, but this record has no origin; put these under tags",
            )
        return self

    # -- derived facts used by the renderer and the exports --------------------------------------

    def citation_year(self) -> int | None:
        """The year a citation gives: the venue's, when the paper was published, else the
        first public version's (None when neither is known)."""
        if self.venue_year is not None:
            return self.venue_year
        named = venue_text_year(self.venue) if self.venue else None
        return named if named is not None else self.year

    def all_tags(self) -> dict[str, list[str]]:
        """``tags`` and ``added_tags`` together, per dimension, each value once."""
        if not self.added_tags:
            return self.tags
        merged = {dim: list(values) for dim, values in self.tags.items()}
        for dim, values in self.added_tags.items():
            have = merged.setdefault(dim, [])
            have.extend(v for v in values if v not in have)
        return merged

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
        elif name in ("tags", "added_tags"):
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
