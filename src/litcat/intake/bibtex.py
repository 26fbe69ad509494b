"""BibTeX to record data: LaTeX decoded to Unicode, names in reading order, ids found.

bibtexparser v2 never raises on bad input; it sets failed blocks aside. They are returned here
with their line so that every block of a file ends up either converted or reported. The
middlewares that decode LaTeX and join concatenations are in :mod:`.bibblocks`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from bibtexparser.entrypoint import parse_string
from bibtexparser.middlewares.names import NameParts, parse_single_name_into_parts
from bibtexparser.model import Entry, ParsingFailedBlock

from ..core import ids
from ..core.models import PREPRINT_SERVER, venue_text_year
from .bibblocks import NOTES, block_lines, parse_stack

_SPACES = re.compile(r"\s+")
_CR = re.compile(r"\r\n?")
_ESCAPED = re.compile(r"\\([_%&#$~])")
_GROUP_WORDS = frozenset({"collaboration", "collaborations", "consortium", "team", "group"})
_YEAR = re.compile(r"\b(\d{4})\b")
_BLOCK_KEY = re.compile(r"\s*@\s*\w+\s*[{(]\s*([^,\s{}()]+)\s*,")
_ARXIV_IN_TEXT = re.compile(r"arxiv[:\s]*([a-z-]+(?:\.[A-Z]{2})?/\d{7}|\d{4}\.\d{4,5})", re.I)


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

    @property
    def total(self) -> int:
        """Entries as bibtexparser counts them: each parsed or failed block that is not a
        comment, a preamble or an ``@string``. Each ends in exactly one outcome of an import."""
        return len(self.entries) + len(self.failed)


def parse_bibtex(text: str) -> ParsedBib:
    """Parse BibTeX text; never raises on bad input."""
    # bibtexparser starts a block only after a LF: a file with CR line ends (old Mac, some
    # reference managers) would be one block. Each break stays one break, so lines still count.
    text = _CR.sub("\n", text)
    # bibtexparser also logs each failed block; they are reported here, once, with their line.
    log = logging.getLogger("bibtexparser")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        library = parse_string(text, parse_stack=parse_stack())
    finally:
        log.setLevel(level)
    lines = block_lines(text, library.blocks)

    def line(block: Any) -> int:
        return lines.get(id(block), (block.start_line or 0) + 1)

    entries = [convert(entry, line(entry)) for entry in library.entries]
    failed = [_failed(block, line(block)) for block in library.failed_blocks]
    return ParsedBib(entries, failed)


def _failed(block: ParsingFailedBlock, line: int) -> FailedBlock:
    error = block.error
    message = getattr(error, "abort_reason", "") or str(error) or type(error).__name__
    key = getattr(block.ignore_error_block, "key", None)
    if key is None and block.raw:
        head = _BLOCK_KEY.match(block.raw)
        key = head.group(1) if head else None
    return FailedBlock(line, key, _SPACES.sub(" ", message).strip())


def clean(value: str) -> str:
    """An identifier's text (DOI, URL, arXiv id): braces gone, LaTeX escapes of its characters
    undone (``10.1007/x\\_9`` is ``10.1007/x_9``), whitespace collapsed."""
    value = _ESCAPED.sub(r"\1", value.replace("{", "").replace("}", ""))
    return _SPACES.sub(" ", value).strip()


def full_name(parts: NameParts) -> str:
    """``First von Last, Jr.`` in reading order, as records write names (parts are decoded)."""
    name = " ".join([*parts.first, *parts.von, *parts.last])
    return f"{name}, {' '.join(parts.jr)}" if parts.jr else name


def surname(name: str) -> str:
    """The last name of a name written in reading order (``Maria de la Cruz`` gives ``Cruz``).

    A collaboration is named by what precedes the word: ``The CMS Collaboration`` gives ``CMS``.
    """
    words = name.split()
    if len(words) > 1 and words[-1].lower() in _GROUP_WORDS:
        named = [w for w in words[:-1] if w.lower() != "the"]
        return " ".join(named) or name
    parts = parse_single_name_into_parts(name, strict=False)
    return " ".join(parts.last) or name


def convert(entry: Entry, line: int) -> BibEntry:
    fields = {f.key.lower(): f.value for f in entry.fields}
    result = BibEntry(entry.key, line, {}, notes=list(entry.parser_metadata.get(NOTES, [])))
    data = result.data
    title = str(fields.get("title", ""))
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
    venue = str(fields.get("journal") or fields.get("booktitle") or "")
    if venue and not PREPRINT_SERVER.match(venue):
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
