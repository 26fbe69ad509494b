"""``import-bibtex``: many BibTeX entries into records, each one imported or accounted for.

Every entry of the file ends in exactly one list: imported, skipped (the catalog or an earlier
entry holds the paper) or reported (a block that does not parse, a missing title, author or
year, a record that would not validate). Nothing is dropped silently.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..core.catalog import Catalog
from ..core.problems import Problem
from .add import Index, check_record, make_id, record_data, unique_id, write_record
from .bibtex import BibEntry, ParsedBib


@dataclass(frozen=True)
class Skipped:
    line: int
    key: str
    held_by: str
    by: str


@dataclass
class ImportResult:
    imported: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    reported: list[Problem] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)


Progress = Callable[[list[BibEntry]], Iterable[BibEntry]]


def _plain(entries: list[BibEntry]) -> Iterator[BibEntry]:
    yield from entries


def import_entries(
    catalog: Catalog,
    parsed: ParsedBib,
    file: str,
    tags: dict[str, list[str]],
    *,
    added: dt.date,
    write: bool,
    header: str = "",
    progress: Progress = _plain,
) -> ImportResult:
    """Import ``parsed`` (read from ``file``) into the catalog; with ``write=False`` a dry run."""
    result = ImportResult()
    for block in parsed.failed:
        what = f"entry {block.key!r}: " if block.key else ""
        result.reported.append(
            Problem("error", file, block.line, 1, "", f"{what}cannot parse: {block.message}")
        )
    index = Index.of(catalog)
    for entry in progress(parsed.entries):
        _import_one(catalog, index, entry, file, tags, added, write, header, result)
    return result


def _import_one(
    catalog: Catalog,
    index: Index,
    entry: BibEntry,
    file: str,
    tags: dict[str, list[str]],
    added: dt.date,
    write: bool,
    header: str,
    result: ImportResult,
) -> None:
    def report(message: str, severity: str = "error") -> Problem:
        return Problem(severity, file, entry.line, 1, "", f"entry {entry.key!r}: {message}")  # type: ignore[arg-type]

    result.notes.extend(report(note, "warning") for note in entry.notes)
    if entry.missing:
        result.reported.append(report(f"no {', '.join(entry.missing)}; a record needs them"))
        return
    match = index.find(entry.data)
    if match is not None:
        result.skipped.append(Skipped(entry.line, entry.key, match.file, match.by))
        return
    data = entry.data
    pid = unique_id(make_id(data["authors"], data["year"], data["title"]), index.taken)
    paper, text, problems = check_record(catalog, pid, record_data(data, tags, added), header)
    if paper is None:
        # One line per entry, so that the lists always add up to the entries of the file.
        result.reported.append(report("; ".join(p.describe() for p in problems if p.is_error)))
        return
    if write:
        try:
            write_record(catalog, pid, text)
        except FileExistsError:
            result.reported.append(report(f"papers/{pid}.yaml appeared meanwhile; not replaced"))
            return
    index.add(pid, f"entry {entry.key!r} (line {entry.line})", paper.arxiv, paper.doi, paper.title)
    result.imported.append(pid)
