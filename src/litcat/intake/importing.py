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
from ..core.problems import Problem, Severity
from .add import Index, check_record, make_id, record_data, unique_id, write_record
from .bibtex import BibEntry, FailedBlock, ParsedBib


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


@dataclass
class Importer:
    """Imports entries one at a time into ``catalog``, each into exactly one list of ``result``.

    ``write=False`` is a dry run. The index grows with every entry imported, so a paper that the
    file holds twice is imported once.
    """

    catalog: Catalog
    file: str
    tags: dict[str, list[str]]
    added: dt.date
    write: bool
    header: str = ""
    result: ImportResult = field(default_factory=ImportResult)

    def __post_init__(self) -> None:
        self.index = Index.of(self.catalog)

    def failed(self, block: FailedBlock) -> None:
        what = f"entry {block.key!r}: " if block.key else ""
        self.result.reported.append(
            Problem("error", self.file, block.line, 1, "", f"{what}cannot parse: {block.message}")
        )

    def entry(self, entry: BibEntry) -> None:
        def report(message: str, severity: Severity = "error") -> Problem:
            message = f"entry {entry.key!r}: {message}"
            return Problem(severity, self.file, entry.line, 1, "", message)

        result = self.result
        result.notes.extend(report(note, "warning") for note in entry.notes)
        if entry.missing:
            result.reported.append(report(f"no {', '.join(entry.missing)}; a record needs them"))
            return
        match = self.index.find(entry.data)
        if match is not None:
            result.skipped.append(Skipped(entry.line, entry.key, match.file, match.by))
            return
        data = entry.data
        pid = unique_id(make_id(data["authors"], data["year"], data["title"]), self.index.taken)
        record = record_data(data, self.tags, self.added)
        paper, text, problems = check_record(self.catalog, pid, record, self.header)
        if paper is None:
            # One line per entry, so that the lists always add up to the entries of the file.
            result.reported.append(report("; ".join(p.describe() for p in problems if p.is_error)))
            return
        if self.write:
            try:
                write_record(self.catalog, pid, text)
            except FileExistsError:
                result.reported.append(
                    report(f"papers/{pid}.yaml appeared meanwhile; not replaced")
                )
                return
        where = f"entry {entry.key!r} (line {entry.line})"
        self.index.add(pid, where, paper.arxiv, paper.doi, paper.title)
        result.imported.append(pid)


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
    importer = Importer(catalog, file, tags, added, write, header)
    for block in parsed.failed:
        importer.failed(block)
    for entry in progress(parsed.entries):
        importer.entry(entry)
    return importer.result
