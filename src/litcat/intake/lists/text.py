"""The text of a paper list's bullets: years, venues, author names, labels and bare links.

Pure functions over strings, so that :mod:`.entry` only decides which piece of a bullet is
which.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...core.models import venue_text_year
from .structure import Line, Piece

YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
PAREN_YEAR = re.compile(r"\(((?:19|20)\d\d)\)")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# "CoRL, 2024", "CoRL, Nov 2024" and "CoRL Nov 2024" give the venue's year apart; "ICLR 2024"
# is a venue that names its year.
_VENUE_DATE = re.compile(
    rf"^(.*?)(?:,\s*(?:{_MONTH}\s+)?|\s+{_MONTH}\s+)((?:19|20)\d\d)$", re.IGNORECASE
)
_ONLY_DATE = re.compile(rf"^(?:{_MONTH}\s*)?((?:19|20)\d\d)(?:[./-]\d\d?)?$", re.IGNORECASE)
_PREPRINT = re.compile(r"^(?:arxiv|preprint|corr\b|e-?print)", re.IGNORECASE)
LABELLED = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,20}?)\s*:\s*(.*)$", re.DOTALL)
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:]")
DASHES = "-\u2013\u2014"
# What separates a title from what follows it: punctuation, brackets, bullets, dashes.
EDGES = " \t:|,;.([{*\u00b7\u2022" + DASHES
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_ET_AL = re.compile(r",?\s*\bet\.?\s*al\.?\s*$", re.IGNORECASE)

AUTHOR_LABELS = frozenset({"author", "authors", "by"})
VENUE_LABELS = frozenset({"venue", "conference", "journal", "published", "published in", "pub"})
YEAR_LABELS = frozenset({"year", "date"})
IGNORED_LABELS = frozenset({"keywords", "keyword", "tags", "topics", "note", "notes", "tldr"})
ALL_LABELS = AUTHOR_LABELS | VENUE_LABELS | YEAR_LABELS | IGNORED_LABELS
TITLE_COLUMNS = ("title", "paper", "paper title", "papers", "name", "method")
VENUE_COLUMNS = ("venue", "conference", "journal", "publication", "published", "conf")


@dataclass(frozen=True)
class Venue:
    """A venue as a list writes it: its name (None for a preprint server), the year of its
    edition when written apart (``CoRL, 2024``), and a year the text names at all."""

    name: str | None
    year: int | None
    named: int | None


def read_venue(text: str) -> Venue | None:
    """``CoRL, November 2024``: CoRL, 2024; ``ICLR 2024`` names its year; ``arXiv 2023`` is no
    venue but gives a year."""
    text = " ".join(text.split()).strip(EDGES)
    if not text:
        return None
    only_date = _ONLY_DATE.match(text)
    if only_date:
        # "*2024*" or "Mar 2025" dates the paper; it names no venue.
        return Venue(None, None, int(only_date.group(1)))
    if _PREPRINT.match(text):
        found = YEAR.search(text)
        return Venue(None, None, int(found.group(1)) if found else None)
    dated = _VENUE_DATE.match(text)
    if dated and dated.group(1).strip(EDGES) and venue_text_year(dated.group(1)) is None:
        year = int(dated.group(2))
        return Venue(dated.group(1).strip(EDGES), year, year)
    return Venue(text, None, venue_text_year(text))


def read_authors(text: str) -> tuple[list[str], bool] | None:
    """``A, B and C et al.``: the names, and whether the list goes on; None if the text does
    not read as names."""
    text = " ".join(text.split()).strip(" .;")
    incomplete = bool(_ET_AL.search(text))
    text = _ET_AL.sub("", text)
    names = [n.strip(" .*_") for n in _NAME_SPLIT.split(text) if n.strip(" .*_")]
    if not names or not all(_looks_like_a_name(n) for n in names):
        return None
    return names, incomplete


def _looks_like_a_name(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 6 and len(name) <= 100 and not any(c.isdigit() for c in name)


def with_bare_urls(line: Line) -> Line:
    """A URL written as plain text becomes a link, named by the URL itself."""
    out: Line = []
    for piece in line:
        if piece.href is not None or "http" not in piece.text:
            out.append(piece)
            continue
        at = 0
        for match in _BARE_URL.finditer(piece.text):
            out.append(Piece(piece.text[at : match.start()], None, piece.strong, piece.em))
            out.append(Piece(match.group(0), match.group(0), piece.strong, piece.em))
            at = match.end()
        out.append(Piece(piece.text[at:], None, piece.strong, piece.em))
    return [p for p in out if p.text or p.href]


# "Surname et al." and what follows it: the authors end where "et al." does.
_UNTIL_ET_AL = re.compile(r"^(.*?\bet\.?\s*al\.?)(.*)$", re.IGNORECASE | re.DOTALL)
_ENDS_WITH_YEAR = re.compile(r"(?:19|20)\d\d\s*\.?$")
# "(Oral)" and kin say how a paper was presented, not what it is called.
_NOT_NICKNAMES = frozenset(
    {"oral", "spotlight", "poster", "survey", "workshop", "extended", "preprint", "review"}
)
_NICKNAME = re.compile(r"^(.*\S)\s+\(([^\s()]{2,30})\)$")


@dataclass(frozen=True)
class Tail:
    """What a line says after its title: authors, a venue and a year, as plain text."""

    authors: str | None = None
    venue: str | None = None


def read_tail(text: str) -> Tail:
    """``, Liu et al., NeurIPS 2020 |`` or ``ICLR 2017.``: the authors (up to "et al.") and a
    venue (a part that ends with a year); parts are separated by ``|``. What reads as
    neither is left out."""
    authors = venue = None
    for part in text.split("|"):
        part = part.strip(EDGES)
        if not part:
            continue
        until = _UNTIL_ET_AL.match(part)
        if until and authors is None:
            authors = until.group(1).strip(EDGES)
            part = until.group(2).strip(EDGES)
        if part and venue is None and _ENDS_WITH_YEAR.search(part):
            venue = part.rstrip(". ")
    return Tail(authors, venue)


def split_nickname(title: str) -> tuple[str, str | None]:
    """``Denoising Diffusion Policy (DDP)``: the title and the name the paper goes by."""
    found = _NICKNAME.match(title)
    if not found:
        return title, None
    name = found.group(2)
    if name.lower() in _NOT_NICKNAMES or not any(c.isupper() or c.isdigit() for c in name[1:]):
        return title, None
    return found.group(1), name
