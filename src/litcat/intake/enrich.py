"""``litcat enrich``: the facts records lack, from the arXiv API and doi.org.

A list often gives only a title and an arXiv id. Records without authors, a year, a venue or a
DOI are looked up: the arXiv API for those with an arXiv id (in batches of at most 50 ids, 3
seconds apart, as arXiv asks), doi.org's content negotiation for those with a DOI that still
lack something. A fact is only ever added (:func:`litcat.intake.filling.fill`); where a source
says otherwise than the record, the record keeps its fact and the report says so. An id the
source gives that another record holds is not added either: the two records are probably one
paper, which a curator merges.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from ..core import ids
from ..core.catalog import Catalog
from ..core.models import Paper, venue_text_year
from ..core.problems import Problem, Severity
from . import fetch
from .add import facts_from_bibtex
from .filling import refill

# Seconds between two requests to doi.org: its registration agencies ask for a gentle pace.
DOI_PAUSE = 1.0


def lacks(paper: Paper) -> list[str]:
    """The facts enrich looks for that the record does not have."""
    missing = []
    if not paper.authors:
        missing.append("authors")
    if paper.year is None:
        missing.append("year")
    if paper.venue is None:
        missing.append("venue")
    if paper.doi is None and paper.arxiv is not None:
        missing.append("doi")
    return missing


@dataclass(frozen=True)
class Change:
    file: str
    added: list[str]
    source: str


@dataclass
class EnrichReport:
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    asked: int = 0

    def note(self, file: str, message: str, severity: Severity = "warning") -> None:
        self.problems.append(Problem(severity, file, 1, 1, "", message))


@dataclass
class Enricher:
    catalog: Catalog
    transport: fetch.Transport
    sleep: Callable[[float], None]
    write: bool
    report: EnrichReport = field(default_factory=EnrichReport)
    # Held around each record's write (the catalog lock, from the command): not across the
    # network pauses, which would keep every other command waiting for minutes.
    writing: Callable[[], AbstractContextManager[None]] = nullcontext

    def __post_init__(self) -> None:
        # Ids held, so that a fetched id another record holds is reported, not duplicated.
        self.held: dict[tuple[str, str], str] = {}
        for pid, paper in self.catalog.papers.items():
            for kind, value in (("arxiv", paper.arxiv), ("doi", paper.doi)):
                if value:
                    self.held[(kind, value)] = pid

    def run(self, chosen: list[str]) -> EnrichReport:
        papers = self.catalog.papers
        by_arxiv = {papers[pid].arxiv: pid for pid in chosen if papers[pid].arxiv}
        for batch, answer in fetch.arxiv_batches(
            [a for a in by_arxiv if a], self.transport, sleep=self.sleep
        ):
            self.report.asked += 1
            if isinstance(answer, fetch.FetchError):
                # One line for the request, not one per record: they all failed alike.
                others = f", nor the {len(batch) - 1} other records asked with it" * (
                    len(batch) > 1
                )
                file = self.catalog.files[by_arxiv[batch[0]]]
                self.report.note(file, f"not enriched{others}: {answer}", "error")
                continue
            for arxiv in batch:
                self._arxiv(by_arxiv[arxiv], arxiv, answer)
        dois = [pid for pid in chosen if self._still_lacking(pid) and papers[pid].doi]
        for n, pid in enumerate(dois):
            if n or self.report.asked:
                self.sleep(DOI_PAUSE)
            self.report.asked += 1
            self._doi(pid, str(papers[pid].doi))
        return self.report

    def run_answer(self, chosen: list[str], answer: dict[str, fetch.ArxivEntry]) -> EnrichReport:
        """Enrich from an arXiv API answer already in hand (a saved file): the records whose
        arXiv id it holds; nothing is asked of any server."""
        papers = self.catalog.papers
        for pid in chosen:
            arxiv = papers[pid].arxiv
            if arxiv and arxiv in answer:
                self._arxiv(pid, arxiv, answer)
        return self.report

    def _still_lacking(self, pid: str) -> bool:
        done = {c.file for c in self.report.changes}
        paper = self.catalog.papers[pid]
        return self.catalog.files[pid] not in done and bool(set(lacks(paper)) - {"doi"})

    def _arxiv(self, pid: str, arxiv: str, answer: dict[str, fetch.ArxivEntry]) -> None:
        file = self.catalog.files[pid]
        entry = answer.get(arxiv)
        if entry is None:
            self.report.note(file, f"export.arxiv.org has no paper {arxiv}")
            return
        facts: dict[str, Any] = {
            "title": entry.title,
            "authors": entry.authors,
            "year": entry.year,
            "venue": entry.journal_ref,
            "venue_year": _published_in(entry),
            "doi": _doi_or_none(entry.doi),
        }
        self._apply(pid, facts, ids.arxiv_url(arxiv), "the arXiv")

    def _doi(self, pid: str, doi: str) -> None:
        file = self.catalog.files[pid]
        try:
            text = fetch.fetch_doi_bibtex(doi, self.transport)
            facts = facts_from_bibtex(text, f"the BibTeX doi.org gives for {doi}")
        except (fetch.FetchError, ValueError) as exc:
            self.report.note(file, f"not enriched: {exc}", "error")
            return
        facts.pop("doi", None)
        self._apply(pid, facts, fetch.doi_url(doi), "doi.org")

    def _apply(self, pid: str, facts: dict[str, Any], source: str, who: str) -> None:
        file = self.catalog.files[pid]
        for kind in ("arxiv", "doi"):
            value = facts.get(kind)
            other = self.held.get((kind, value)) if value else None
            if other is not None and other != pid:
                self.report.note(
                    file,
                    f"{who} gives the {'arXiv id' if kind == 'arxiv' else 'DOI'} {value}, which "
                    f"{self.catalog.files[other]} holds: the same paper? merge the two records",
                )
                facts.pop(kind)
        facts = {k: v for k, v in facts.items() if v not in (None, [], "")}
        facts["sources"] = [source]
        with self.writing():
            done = refill(self.catalog, pid, facts, write=self.write)
        for name, old, new in done.filled.kept:
            self.report.note(file, f"kept {name} {old!r}; {who} gives {new!r}")
        if done.error:
            self.report.note(file, f"not enriched: {done.error}", "error")
        elif done.filled.added:
            added = [a for a in done.filled.added if a != "sources"]
            self.report.changes.append(Change(file, added, source))
            for kind in ("arxiv", "doi"):
                if kind in added:
                    self.held[(kind, str(facts[kind]))] = pid


def _doi_or_none(value: str | None) -> str | None:
    try:
        return ids.normalize_doi(value) if value else None
    except ValueError:
        return None


def enrich(
    catalog: Catalog,
    transport: fetch.Transport,
    sleep: Callable[[float], None],
    *,
    only: list[str] | None = None,
    write: bool = True,
    writing: Callable[[], AbstractContextManager[None]] = nullcontext,
) -> EnrichReport:
    """Look up every record that lacks a fact (or the ``only`` ones) and add what is found."""
    chosen = [pid for pid in sorted(catalog.papers) if only is None or pid in only]
    chosen = [pid for pid in chosen if lacks(catalog.papers[pid])]
    return Enricher(catalog, transport, sleep, write, writing=writing).run(chosen)


def enrich_from_answer(
    catalog: Catalog,
    body: bytes,
    *,
    only: list[str] | None = None,
    write: bool = True,
    writing: Callable[[], AbstractContextManager[None]] = nullcontext,
) -> EnrichReport:
    """As :func:`enrich`, from a saved answer of the arXiv API (``litcat enrich --from``)."""
    answer = fetch.parse_arxiv_feed(body)
    chosen = [pid for pid in sorted(catalog.papers) if only is None or pid in only]
    chosen = [pid for pid in chosen if lacks(catalog.papers[pid])]
    enricher = Enricher(catalog, _no_network, lambda _: None, write, writing=writing)
    return enricher.run_answer(chosen, answer)


def _no_network(request: Any, timeout: float) -> fetch.Response:
    raise OSError("litcat enrich --from asks no server")


def _published_in(entry: fetch.ArxivEntry) -> int | None:
    """The year a journal reference names ("J. Chem. Phys. 115, 1626 (2001)"), when it names
    one and it is not before the first version (a record's venue year cannot be)."""
    if not entry.journal_ref:
        return None
    named = venue_text_year(entry.journal_ref)
    if named is None or (entry.year is not None and named < entry.year):
        return None
    return named
