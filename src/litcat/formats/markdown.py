"""The catalog as an awesome-list: a section per taxonomy node, a bullet per paper.

Maintainers keep such a list in their README, where GitHub shows it; ``litcat export --format
markdown`` writes it from the records and ``--check`` tells CI whether it is in sync. Between
the markers ``<!-- litcat:start -->`` and ``<!-- litcat:end -->`` only the list is replaced,
the rest of the README stays the maintainer's.

A bullet is written so that ``litcat import-markdown`` reads back the same facts: the short
name in bold, the title linked to the paper, the year in parentheses, the other links labelled,
then "Authors:" and "Venue:" lines (hard line breaks, so that GitHub shows them as lines).
"""

from __future__ import annotations

import re

from ..core import ids
from ..core.catalog import Catalog
from ..core.models import Paper, venue_text_year
from ..core.taxonomy import NodeInfo

START = "<!-- litcat:start -->"
END = "<!-- litcat:end -->"
# Characters that would read as Markdown syntax in text.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_DEEPEST = 6


def text(value: str) -> str:
    return _SPECIAL.sub(r"\\\1", value)


def link(label: str, url: str) -> str:
    target = f"<{url}>" if "(" in url or ")" in url else url
    return f"[{text(label)}]({target})"


def bullet(paper: Paper) -> str:
    first = ""
    if paper.short_name:
        first += f"**{text(paper.short_name)}**: "
    url = paper.url()
    first += link(paper.title, url) if url else text(paper.title)
    if paper.year is not None:
        first += f" ({paper.year})"
    others = []
    if paper.arxiv and ids.arxiv_url(paper.arxiv) != url:
        others.append(link("arXiv", ids.arxiv_url(paper.arxiv)))
    if paper.doi and ids.doi_url(paper.doi) != url:
        others.append(link("DOI", ids.doi_url(paper.doi)))
    for label, target in (
        ("Code", paper.links.code),
        ("Project", paper.links.project),
        ("Video", paper.links.video),
    ):
        if target:
            others.append(link(label, target))
    lines = [first + "".join(f" · {o}" for o in others)]
    if paper.authors:
        more = ", et al." if paper.authors_incomplete else ""
        lines.append("Authors: " + text(", ".join(paper.authors)) + more)
    if paper.venue:
        venue = paper.venue
        if paper.venue_year is not None and venue_text_year(venue) is None:
            venue += f", {paper.venue_year}"
        lines.append("Venue: " + text(venue))
    return "- " + "\\\n  ".join(lines) + "\n"


def to_markdown(catalog: Catalog) -> str:
    """Sections (``##`` a dimension, ``###`` and deeper its nodes) with the papers of each node;
    a paper under several nodes is listed under each, untagged papers come first."""
    taxonomy = catalog.require_taxonomy()
    out: list[str] = []
    untagged = [p for p in catalog.newest_first() if not p.all_tags()]
    if untagged:
        out.append("".join(bullet(p) for p in untagged))
    for dim in taxonomy.dimensions:
        direct: dict[str, list[str]] = {}
        for pid in catalog.papers:
            for node in catalog.direct_nodes(pid, dim.id):
                direct.setdefault(node, []).append(pid)
        shown = [i for i in taxonomy.nodes(dim.id).values() if catalog.papers_at(dim.id, i.id)]
        if not shown:
            continue
        out.append(f"## {text(dim.label)}\n")
        for info in shown:
            out.append(_section(catalog, info, direct.get(info.id, [])))
    return "\n".join(out)


def _section(catalog: Catalog, info: NodeInfo, pids: list[str]) -> str:
    level = min(3 + info.depth, _DEEPEST)
    head = f"{'#' * level} {text(info.node.label)}\n"
    papers = "".join(bullet(p) for p in catalog.newest_first(pids))
    return head + ("\n" + papers if papers else "")


def splice(document: str, listing: str) -> str | None:
    """``document`` with the list between its markers replaced; None if it has no markers."""
    start, end = document.find(START), document.find(END)
    if start < 0 or end < start:
        return None
    head = document[: start + len(START)]
    return f"{head}\n\n{listing.strip()}\n\n{document[end:]}"
