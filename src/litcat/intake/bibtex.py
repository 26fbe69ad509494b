"""BibTeX to record data: LaTeX decoded to Unicode, names in reading order, ids found.

bibtexparser v2 never raises on bad input; it sets failed blocks aside. They are returned here
with their line so that every block of a file ends up either converted or reported.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from bibtexparser import middlewares as mw
from bibtexparser.entrypoint import parse_string
from bibtexparser.library import Library
from bibtexparser.middlewares.middleware import BlockMiddleware, Middleware
from bibtexparser.middlewares.names import NameParts, parse_single_name_into_parts
from bibtexparser.model import Block, Entry, MiddlewareErrorBlock, ParsingFailedBlock

from ..core import ids
from ..core.models import venue_text_year

_SPACES = re.compile(r"\s+")
# A macro the decoder does not know, applied to a group: \textsc{DecADe} keeps only DecADe.
_UNKNOWN_MACRO = re.compile(r"\\[A-Za-z]+\s*(?=\{)")
_GROUP_WORDS = frozenset({"collaboration", "collaborations", "consortium", "team", "group"})
_YEAR = re.compile(r"\b(\d{4})\b")
# Entry headers counted in the raw text, to check that no block went missing.
_ENTRY_HEAD = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]", re.MULTILINE)
_BLOCK_KEY = re.compile(r"\s*@\s*\w+\s*[{(]\s*([^,\s{}()]+)\s*,")
TEXT_FIELDS = frozenset({"title", "author", "journal", "booktitle"})
_NOT_ENTRIES = frozenset({"string", "comment", "preamble"})
_ARXIV_IN_TEXT = re.compile(r"arxiv[:\s]*([a-z-]+(?:\.[A-Z]{2})?/\d{7}|\d{4}\.\d{4,5})", re.I)
_PREPRINT_VENUES = re.compile(r"^(?:arxiv\b|corr$|e-?print)", re.IGNORECASE)


@dataclass
class BibEntry:
    """One converted entry: record data (no tags, no date yet) or the reasons it has none."""

    key: str
    line: int
    data: dict[str, Any]
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class FailedBlock:
    line: int
    key: str | None
    message: str


@dataclass
class ParsedBib:
    entries: list[BibEntry]
    failed: list[FailedBlock]


def count_entries(text: str) -> int:
    """Entries in the raw text (``@string``, ``@comment`` and ``@preamble`` are not entries)."""
    return sum(1 for m in _ENTRY_HEAD.finditer(text) if m.group(1).lower() not in _NOT_ENTRIES)


def parse_bibtex(text: str) -> ParsedBib:
    """Parse BibTeX text; never raises on bad input."""
    # bibtexparser also logs each failed block; they are reported here, once, with their line.
    log = logging.getLogger("bibtexparser")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        library = parse_string(text, append_middleware=_middlewares())
    finally:
        log.setLevel(level)
    entries = [convert(entry) for entry in library.entries]
    failed = [_failed(block) for block in library.failed_blocks]
    return ParsedBib(entries, failed)


def _middlewares() -> list[Middleware]:
    return [
        # Name middlewares only see lowercase keys; files write Author as often as author.
        mw.NormalizeFieldKeys(),
        DecodeText(),
        mw.SeparateCoAuthors(),
        mw.SplitNameParts(),
    ]


class DecodeText(BlockMiddleware):
    """LaTeX to Unicode in the fields that hold text, and only there.

    Identifiers and URLs stay verbatim: in ``https://x.org/a%20b`` the ``%`` is an escape,
    which a LaTeX decoder would take for a comment and cut. Skipping the other fields also
    halves the time a large file takes.
    """

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True, allow_parallel_execution=True)
        # Braced groups are kept until names are split: {ATLAS Collaboration} is one name.
        # Math becomes text (sqrt(s) as "√(s)"): a record's title is plain text.
        self.decoder = mw.LatexDecodingMiddleware(keep_braced_groups=True, keep_math_mode=False)

    @classmethod
    def metadata_key(cls) -> str:
        return "litcat_decode_text"

    def transform_entry(self, entry: Entry, library: Library) -> Block:
        # The decoder changes the shared Field objects in place, so the entry sees the result.
        fields = [f for f in entry.fields if f.key in TEXT_FIELDS]
        decoded = self.decoder.transform_entry(Entry(entry.entry_type, entry.key, fields), library)
        if isinstance(decoded, ParsingFailedBlock):
            return MiddlewareErrorBlock(entry, decoded.error)
        return entry


def _failed(block: ParsingFailedBlock) -> FailedBlock:
    error = block.error
    message = getattr(error, "abort_reason", "") or str(error) or type(error).__name__
    key = getattr(block.ignore_error_block, "key", None)
    if key is None and block.raw:
        head = _BLOCK_KEY.match(block.raw)
        key = head.group(1) if head else None
    return FailedBlock((block.start_line or 0) + 1, key, _SPACES.sub(" ", message).strip())


def clean(value: str) -> str:
    """Braces gone, whitespace collapsed: the plain text of a decoded field."""
    value = _UNKNOWN_MACRO.sub("", value)
    return _SPACES.sub(" ", value.replace("{", "").replace("}", "")).strip()


def full_name(parts: NameParts) -> str:
    """``First von Last, Jr.`` in reading order, as records write names."""
    return clean(parts.merge_first_name_first)


def surname(name: str) -> str:
    """The last name of a name written in reading order (``Maria de la Cruz`` gives ``Cruz``).

    A collaboration is named by what precedes the word: ``The CMS Collaboration`` gives ``CMS``.
    """
    words = name.split()
    if len(words) > 1 and words[-1].lower() in _GROUP_WORDS:
        named = [w for w in words[:-1] if w.lower() != "the"]
        return clean(" ".join(named)) or clean(name)
    parts = parse_single_name_into_parts(name, strict=False)
    return clean(" ".join(parts.last)) or clean(name)


def convert(entry: Entry) -> BibEntry:
    fields = {f.key.lower(): f.value for f in entry.fields}
    result = BibEntry(entry.key, (entry.start_line or 0) + 1, {})
    data = result.data
    title = clean(str(fields.get("title", "")))
    if title:
        data["title"] = title
    else:
        result.missing.append("title")
    authors, incomplete = _authors(fields.get("author"))
    if authors or incomplete:
        # "author = {others}" alone is how litcat exports a paper no source names the authors of.
        data["authors"] = authors
        if incomplete:
            data["authors_incomplete"] = True
    else:
        result.missing.append("author")
    venue = clean(str(fields.get("journal") or fields.get("booktitle") or ""))
    if venue and not _PREPRINT_VENUES.match(venue):
        data["venue"] = venue
    _years(fields, result)
    arxiv = find_arxiv(fields)
    if arxiv:
        data["arxiv"] = arxiv
    _doi_and_link(fields, result)
    return result


def _years(fields: dict[str, Any], result: BibEntry) -> None:
    """``year`` is the year of the version cited (the venue's); ``origdate``, as litcat writes
    it, the year of the first public version."""
    found = _YEAR.search(str(fields.get("year") or fields.get("date") or ""))
    if not found:
        result.missing.append("year")
        return
    cited = int(found.group(1))
    first = _YEAR.search(str(fields.get("origdate") or ""))
    data = result.data
    data["year"] = int(first.group(1)) if first else cited
    venue = data.get("venue")
    if venue is None or cited < data["year"]:
        return
    named = venue_text_year(venue)
    if named is None or named == cited:
        data["venue_year"] = cited


def _authors(value: Any) -> tuple[list[str], bool]:
    if not isinstance(value, list):
        return [], False
    names: list[str] = []
    incomplete = False
    for parts in value:
        if not isinstance(parts, NameParts):
            continue
        name = full_name(parts)
        if name.lower() == "others":
            incomplete = True
        elif name:
            names.append(name)
    return names, incomplete


def find_arxiv(fields: dict[str, Any]) -> str | None:
    """An arXiv id from ``eprint`` (arXiv archive), ``url``, ``journal`` or ``note``."""
    prefix = str(fields.get("archiveprefix") or fields.get("eprinttype") or "arxiv").lower()
    candidates: list[str] = []
    if prefix == "arxiv" and fields.get("eprint"):
        candidates.append(str(fields["eprint"]))
    for name in ("url", "journal", "note", "howpublished"):
        text = str(fields.get(name) or "")
        if "arxiv" in text.lower():
            match = _ARXIV_IN_TEXT.search(text.replace("arxiv.org/abs/", "arxiv:"))
            candidates.append(match.group(1) if match else text)
    for candidate in candidates:
        try:
            return ids.normalize_arxiv(clean(candidate))
        except ValueError:
            continue
    return None


def _doi_and_link(fields: dict[str, Any], result: BibEntry) -> None:
    raw_doi = clean(str(fields.get("doi") or ""))
    if raw_doi:
        try:
            result.data["doi"] = ids.normalize_doi(raw_doi)
        except ValueError:
            result.notes.append(f"doi {raw_doi!r} is not a DOI; left out")
    url = clean(str(fields.get("url") or ""))
    if not url or "arxiv.org/" in url or "doi.org/" in url:
        return  # the record derives those links from its arXiv id and DOI
    try:
        result.data["links"] = {"paper": ids.check_url(url)}
    except ValueError as exc:
        result.notes.append(f"url left out: {exc}")
