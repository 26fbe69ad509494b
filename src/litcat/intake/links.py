"""``check-links``: every record's links answer, and its arXiv id and DOI name the paper it says.

The checks go through a :data:`~litcat.intake.fetch.Transport`, so the tests run on recorded
answers.
arXiv ids are looked up in batches, with a pause between batches as the arXiv API asks.
"""

from __future__ import annotations

import re
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field

from ..core import ids
from ..core.catalog import Catalog
from ..core.models import Paper
from . import fetch
from .add import facts_from_bibtex
from .bibtex import surname

# Between two requests to one host: many records link to the same few sites (arxiv.org,
# github.com), which answer a fast series of requests with 429 or 403.
HOST_PAUSE = 1.0
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!])")


@dataclass(frozen=True)
class Finding:
    """Something wrong with one record: which record, what was checked, what was found."""

    paper_id: str
    file: str
    what: str
    target: str
    message: str


@dataclass
class LinkReport:
    urls: int = 0
    arxiv: int = 0
    dois: int = 0
    findings: list[Finding] = field(default_factory=list)


def check_links(
    catalog: Catalog,
    transport: fetch.Transport,
    *,
    sleep: Callable[[float], None] = time.sleep,
    timeout: float = fetch.TIMEOUT,
    batch: int = fetch.ARXIV_BATCH,
) -> LinkReport:
    report = LinkReport()
    _check_urls(catalog, transport, report, sleep, timeout)
    _check_arxiv(catalog, transport, report, sleep, timeout, batch)
    _check_dois(catalog, transport, report, timeout)
    return report


def record_urls(paper: Paper) -> list[str]:
    links = paper.links
    found = [links.paper, links.code, links.project, links.video, *paper.sources]
    return [url for url in found if url]


def _check_urls(
    catalog: Catalog,
    transport: fetch.Transport,
    report: LinkReport,
    sleep: Callable[[float], None],
    timeout: float,
) -> None:
    users: dict[str, list[str]] = {}
    for pid, paper in sorted(catalog.papers.items()):
        for url in record_urls(paper):
            users.setdefault(url, []).append(pid)
    report.urls = len(users)
    visited: set[str] = set()
    for url, pids in users.items():
        host = urllib.parse.urlsplit(url).hostname or ""
        if host in visited:
            sleep(HOST_PAUSE)
        visited.add(host)
        try:
            answer = fetch.probe(url, transport, timeout=timeout)
        except fetch.FetchError as exc:
            message = str(exc)
        else:
            if answer.status < 400:
                continue
            message = f"HTTP {answer.status}"
        for pid in pids:
            report.findings.append(Finding(pid, catalog.files[pid], "link", url, message))


def _check_arxiv(
    catalog: Catalog,
    transport: fetch.Transport,
    report: LinkReport,
    sleep: Callable[[float], None],
    timeout: float,
    size: int,
) -> None:
    by_arxiv = {p.arxiv: p for p in catalog.papers.values() if p.arxiv}
    report.arxiv = len(by_arxiv)
    batches = fetch.arxiv_batches(sorted(by_arxiv), transport, sleep=sleep, size=size)
    for batch, found in batches:
        if isinstance(found, fetch.FetchError):
            for arxiv in batch:
                _add(report, catalog, by_arxiv[arxiv], "arXiv id", arxiv, f"not checked: {found}")
            continue
        for arxiv in batch:
            paper, entry = by_arxiv[arxiv], found.get(arxiv)
            if entry is None:
                _add(report, catalog, paper, "arXiv id", arxiv, "arXiv has no such paper")
                continue
            for message in compare(paper, entry.title, entry.authors, "arXiv"):
                _add(report, catalog, paper, "arXiv id", arxiv, message)


def _check_dois(
    catalog: Catalog, transport: fetch.Transport, report: LinkReport, timeout: float
) -> None:
    papers = sorted((p for p in catalog.papers.values() if p.doi), key=lambda p: p.id)
    report.dois = len(papers)
    for paper in papers:
        doi = str(paper.doi)
        try:
            text = fetch.fetch_doi_bibtex(doi, transport, timeout=timeout)
            facts = facts_from_bibtex(text, f"the BibTeX of {doi}")
        except (fetch.FetchError, ValueError) as exc:
            _add(report, catalog, paper, "DOI", doi, str(exc))
            continue
        for message in compare(paper, facts["title"], facts["authors"], "doi.org"):
            _add(report, catalog, paper, "DOI", doi, message)


def compare(paper: Paper, title: str, authors: list[str], source: str) -> list[str]:
    """Differences between a record and what a registry says (case, accents, punctuation
    and first names do not count)."""
    found: list[str] = []
    if ids.title_key(title) != ids.title_key(paper.title):
        found.append(f"title differs: {source} says {title!r}")
    if not paper.authors:
        return found  # the record knows no author to compare
    theirs = ids.slug(surname(authors[0])) if authors else ""
    ours = ids.slug(surname(paper.authors[0]))
    if theirs != ours:
        first = authors[0] if authors else "no author"
        found.append(f"first author differs: {source} says {first!r}")
    return found


def _add(
    report: LinkReport, catalog: Catalog, paper: Paper, what: str, target: str, message: str
) -> None:
    report.findings.append(Finding(paper.id, catalog.files[paper.id], what, target, message))


def escape(text: str) -> str:
    """Record and server text as literal Markdown: no markup, no HTML, one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def report_markdown(report: LinkReport) -> str:
    lines = [
        "# Link check",
        "",
        f"Checked {report.urls} links, {report.arxiv} arXiv ids and {report.dois} DOIs: "
        f"{len(report.findings)} problems.",
        "",
    ]
    if not report.findings:
        lines.append("Every link answered and every identifier names its paper.")
        return "\n".join(lines) + "\n"
    lines += ["| record | checked | target | problem |", "|---|---|---|---|"]
    for f in sorted(report.findings, key=lambda f: (f.file, f.what, f.target)):
        cells = (f.file, f.what, f.target, f.message)
        lines.append("| " + " | ".join(escape(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
