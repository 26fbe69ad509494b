"""Records from a paper list: one per paper, checked as ``validate`` will check them, and every
bullet of the list accounted for in the report (written, merged, held already, or why not).

A record gets what the list states and nothing more: no summary (the list's words are not
ours), authors only where the list names them (else ``authors_incomplete``), the year from the
arXiv id or the text (else ``not_found: [year]``), and a venue marked unconfirmed, since a list
is not the paper's own page. ``litcat enrich`` completes such records later.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ...core import ids
from ...core.catalog import PAPERS_DIR, Catalog
from ...core.problems import Problem, Severity
from ..add import STOPWORDS, check_record, record_data, unique_id, words_of, write_record
from ..bibtex import surname
from ..filling import refill
from .held import Held
from .links import arxiv_year, paper_key
from .missed import missed_links, most_missed_message
from .read import Aside, ListReading, Paper

_LINK_KINDS = {"paper": "paper", "openreview": "paper", "code": "code", "project": "project"}
_LINK_KINDS["video"] = "video"


@dataclass
class ListReport:
    """What became of each bullet: a record written (or updated), merged, held, or reported."""

    file: str
    written: list[tuple[int, str]] = field(default_factory=list)
    updated: list[tuple[int, str]] = field(default_factory=list)
    held: list[tuple[int, str, str]] = field(default_factory=list)
    merged: list[tuple[int, str, int, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Distinct papers the list links on a paper's host, and those in no record.
    paper_links: int = 0
    missed_links: int = 0

    def note(self, line: int, message: str, severity: Severity = "warning") -> None:
        self.problems.append(Problem(severity, self.file, line, 1, "", message))

    @property
    def errors(self) -> int:
        return sum(1 for p in self.problems if p.is_error)


def paper_id(facts: dict[str, Any]) -> str:
    """``surname + year + title word`` as ``litcat add`` names files; without authors, the
    short name or the first significant title word stands in for the surname."""
    words = [w for w in (ids.slug(w) for w in words_of(facts["title"])) if w]
    significant = [w for w in words if w not in STOPWORDS] or words
    authors = facts.get("authors") or []
    who = ids.slug(surname(authors[0])) if authors else ids.slug(facts.get("short_name") or "")
    if not who and significant:
        who = significant.pop(0)
    word = next((w for w in significant if w != who), "")
    year = facts.get("year") or ""
    return f"{who or 'paper'}{year}{word}"[: ids.ID_MAX - 4]


def record_facts(paper: Paper, origin: str | None) -> dict[str, Any]:
    """The facts the bullets of one paper state, the first bullet's where they differ."""
    listed = paper.listed
    facts: dict[str, Any] = {"title": paper.first.title}
    short = next((item.short_name for item in listed if item.short_name), None)
    if short:
        facts["short_name"] = short
    named = next((item for item in listed if item.authors), None)
    facts["authors"] = list(named.authors) if named else []
    if named is None or named.authors_incomplete:
        facts["authors_incomplete"] = True
    arxiv, doi = paper.ident("arxiv"), paper.ident("doi")
    year = (
        arxiv_year(arxiv)
        if arxiv
        else next((i.first_year() for i in listed if i.first_year()), None)
    )
    if year is not None:
        facts["year"] = year
    _venue(facts, paper)
    facts.update({k: v for k, v in (("arxiv", arxiv), ("doi", doi)) if v})
    links: dict[str, str] = {}
    for item in listed:
        for link in item.links:
            kind = _LINK_KINDS.get(link.role)
            if kind is not None:
                links.setdefault(kind, link.url)
    if links:
        facts["links"] = links
    others = _other_titles(paper)
    if others:
        facts["curator_notes"] = f"The list also gives the title {others}."
    if year is None:
        facts["not_found"] = ["year"]
    if origin is not None:
        facts["origin"] = origin
    return facts


def _venue(facts: dict[str, Any], paper: Paper) -> None:
    listed = next((item for item in paper.listed if item.venue), None)
    if listed is None or listed.venue is None:
        return
    facts["venue"] = listed.venue
    # A list is not the paper's own page: its venue stays unconfirmed until checked.
    facts["venue_confirmed"] = False
    year = facts.get("year")
    if listed.venue_year is not None and (year is None or listed.venue_year >= year):
        facts["venue_year"] = listed.venue_year


def _other_titles(paper: Paper) -> str:
    seen = {ids.title_key(paper.first.title)}
    found: list[str] = []
    for item in paper.listed[1:]:
        if ids.title_key(item.title) not in seen:
            seen.add(ids.title_key(item.title))
            found.append(f"“{item.title}” (line {item.line})")
    return " and ".join(found)


@dataclass
class ListImporter:
    """Turns a read list into records of ``catalog``; ``write=False`` is a dry run.

    ``update``: a paper the catalog holds already gets the tags and links the list adds (never
    a fact changed); without it, such a paper is only reported as held.
    """

    catalog: Catalog
    reading: ListReading
    tags_for: Callable[[Paper], dict[str, list[str]]]
    added: dt.date
    write: bool
    origin: str | None = None
    update: bool = False
    header: str = ""

    def run(self) -> ListReport:
        report = ListReport(self.reading.file)
        index = Held.of(self.catalog)
        for found in self.reading.not_papers:
            severity: Severity = "error" if "two papers" in found.message else "warning"
            report.note(found.line, f"not imported: {found.message}", severity)
        for line in self.reading.plain_tables:
            report.note(line, "a table whose rows link no paper; not read")
        for aside in self.reading.asides:
            report.note(aside.line, aside_message(aside))
        for line in self.reading.too_deep:
            report.note(
                line,
                "not read: the Markdown reader stops at bullets nested this deep, and skips "
                "what follows them in their list; nest them less",
            )
        for paper in self.reading.papers:
            for item in paper.listed:
                for note in item.notes:
                    report.note(item.line, note)
            self._paper(paper, index, report)
        self._account_links(report)
        return report

    def _account_links(self, report: ListReport) -> None:
        """Each paper link of the list that no record holds is a line of the report; most of
        them is an error (see :mod:`.missed`)."""
        written = dict(report.written)
        whole = dict(report.updated)
        whole.update({line: file for line, file, _ in report.held})
        kept: set[str] = set()
        listed_in: dict[str, str] = {}
        for paper in self.reading.papers:
            keys = {k for item in paper.listed for link in item.links if (k := paper_key(link.url))}
            file = written.get(paper.line) or whole.get(paper.line)
            if paper.line in written:
                kept |= _kept(record_facts(paper, self.origin))
            elif paper.line in whole:
                kept |= keys
            if file is not None:
                for key in keys:
                    listed_in.setdefault(key, file)
        reported = {p.line for p in report.problems if p.message.startswith("not imported")}
        found = missed_links(self.reading.links, kept, listed_in, reported)
        for line, message in found.lines:
            report.note(line, message)
        report.paper_links, report.missed_links = found.total, found.missed
        if found.total and found.most:
            report.note(1, most_missed_message(found), "error")

    def _paper(self, paper: Paper, index: Held, report: ListReport) -> None:
        facts = record_facts(paper, self.origin)
        tags = self.tags_for(paper)
        held = index.find(facts)
        if held is not None and held.refusal:
            if held.severity == "error":
                report.note(paper.line, f"not imported: {held.refusal}", "error")
                return
            report.note(paper.line, held.refusal)
            held = None
        if held is not None:
            if self.update:
                self._update(paper, held.pid, {**facts, "tags": tags}, report)
            else:
                report.held.append((paper.line, held.file, held.by))
                self._merges(paper, held.file, report)
            return
        pid = unique_id(paper_id(facts), index.taken)
        record, text, problems = check_record(
            self.catalog, pid, record_data(facts, tags, self.added), self.header
        )
        errors = [p.describe() for p in problems if p.is_error]
        if record is None or errors:
            report.note(paper.line, f"not imported: {'; '.join(errors)}", "error")
            return
        file = f"{PAPERS_DIR}/{pid}.yaml"
        if self.write:
            try:
                write_record(self.catalog, pid, text)
            except FileExistsError:
                report.note(paper.line, f"not imported: {file} exists; not replaced", "error")
                return
        index.add(pid, file, record.arxiv, record.doi, record.title)
        report.written.append((paper.line, file))
        self._merges(paper, file, report)

    def _update(self, paper: Paper, pid: str, facts: dict[str, Any], report: ListReport) -> None:
        done = refill(self.catalog, pid, _addable(facts), write=self.write)
        if done.error:
            report.note(paper.line, f"not updated: {done.error}", "error")
            return
        file = self.catalog.files[pid]
        if done.filled.added:
            report.updated.append((paper.line, file))
        else:
            report.held.append((paper.line, file, "nothing new"))
        self._merges(paper, file, report)

    def _merges(self, paper: Paper, file: str, report: ListReport) -> None:
        for merged in self.reading.merged:
            if merged.into == paper.line:
                report.merged.append((merged.line, file, merged.into, merged.by))


def _kept(facts: dict[str, Any]) -> set[str]:
    """The keys of the ids and paper link a record made from ``facts`` holds."""
    kept = {f"{kind}:{facts[kind]}" for kind in ("arxiv", "doi") if facts.get(kind)}
    paper = facts.get("links", {}).get("paper")
    key = paper_key(paper) if paper else None
    return kept | {key} if key else kept


def aside_message(aside: Aside) -> str:
    bullets = "1 bullet" if aside.bullets == 1 else f"{aside.bullets} bullets"
    return (
        f"not imported: {bullets} under {aside.text!r}, a section of other things than papers "
        "(contents, code, news, how to contribute or cite, licence, other lists, talks)"
    )


def _addable(facts: dict[str, Any]) -> dict[str, Any]:
    """What a list may add to a record it did not make: links, tags and missing facts, but no
    claim about what is unknown (its ``not_found``, ``authors_incomplete``)."""
    skip = {"not_found", "authors_incomplete", "origin", "curator_notes"}
    # Nor a venue: on a record the list did not make, it would stand unconfirmed beside checked
    # facts.
    skip |= {"venue", "venue_year", "venue_confirmed"}
    return {k: v for k, v in facts.items() if k not in skip}
