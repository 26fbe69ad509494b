"""The catalog as an awesome-list: a section per taxonomy node, a bullet per paper.

Maintainers keep such a list in their README, where GitHub shows it; ``litcat export --format
markdown`` writes it from the records and ``--check`` tells CI whether it is in sync. Between
the markers ``<!-- litcat:start -->`` and ``<!-- litcat:end -->`` only the list is replaced,
the rest of the README stays the maintainer's.

A bullet is written so that ``litcat import-markdown`` reads back the same facts: the short
name in bold, the title linked to the paper, the other links labelled, then "Authors:",
"Venue:" and "Year:" lines (hard line breaks, so that GitHub shows them as lines). A title the
reader would take for something else (a label word such as "Code", or a name in parentheses at
its end) is quoted instead, its links labelled; a project page is labelled "Project page",
which the reader trusts over the host (a project page may live on github.com).
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
# An ``&`` starts an entity (``&amp;`` would read back as ``&``).
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_DEEPEST = 6


def text(value: str) -> str:
    return _SPECIAL.sub(r"\\\1", value)


def link(label: str, url: str) -> str:
    # A link's target decodes entities and escapes too: ``?a=1&amp;b=2`` is kept as written.
    escaped = url.replace("&", "\\&")
    target = f"<{escaped}>" if "(" in url or ")" in url else escaped
    return f"[{text(label)}]({target})"


# Titles a reader of lists may not take for a paper's title when they are a link's text: one
# or two plain words ("Code", "Project page" are labels), a URL, or, without a short name, a
# name in parentheses at the end ("Title (ABC)" gives the short name ABC). A wider net than
# the reader's rules: a quoted title reads back whatever it is, but for quotes and addresses.
_LABEL_LIKE = re.compile(r"[\W_]*[A-Za-z]+(?:\s+[A-Za-z]+)?[\W_]*")
_NICKNAME = re.compile(r"\s\([^\s()]{2,30}\)$")
# A year in parentheses at the end is read as the year, short name or not.
_YEAR_END = re.compile(r"\s\((?:19|20)\d\d\)$")
# In quotes, a title is plain text, where a list's reader takes an address for a link.
_NOT_QUOTABLE = re.compile("[\"\u201c\u201d]|http|^'|'$")


def _quoted(paper: Paper, url: str | None) -> bool:
    """Whether the title is written in quotes, its links labelled: when it is not safe as a
    link's text, or there is no link to the paper (plain text before the links could read as
    decoration, such as an emoji or a date). A title that holds double quotes or an address,
    or has a quote at an end, cannot be, nor one of fewer than three characters (no label is
    that short): where such a title also ends with a year in parentheses, or with a name in
    parentheses and the paper has no short name, the list cannot say it as it is (the reader
    takes the year, or the name, apart from the title)."""
    title = paper.title
    if _NOT_QUOTABLE.search(title) or len(title) < 3:
        return False
    nickname = _YEAR_END.search(title) is not None or (
        paper.short_name is None and _NICKNAME.search(title) is not None
    )
    unsafe = nickname or title == paper.short_name or _LABEL_LIKE.fullmatch(title) is not None
    return unsafe or url is None


def bullet(paper: Paper) -> str:
    first = ""
    if paper.short_name:
        first += f"**{text(paper.short_name)}**: "
    url = paper.url()
    quoted = _quoted(paper, url)
    titled = None if quoted else url
    if quoted:
        first += f'"{text(paper.title)}"'
    else:
        first += link(paper.title, url) if url else text(paper.title)
    others = []
    if paper.links.paper and paper.links.paper != titled:
        others.append(link("Paper", paper.links.paper))
    if paper.arxiv and ids.arxiv_url(paper.arxiv) != titled:
        others.append(link("arXiv", ids.arxiv_url(paper.arxiv)))
    if paper.doi and ids.doi_url(paper.doi) != titled:
        others.append(link("DOI", ids.doi_url(paper.doi)))
    for label, target in (
        ("Code", paper.links.code),
        ("Project page", paper.links.project),
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
    if paper.year is not None:
        # A line of its own: "(1999)" in a title or a short name would be taken for the year.
        lines.append(f"Year: {paper.year}")
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


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


class MarkerError(ValueError):
    """The document's markers do not say, beyond doubt, where the list goes."""


def _marker_lines(document: str) -> tuple[list[int], list[int]]:
    """Where the lines that are a marker and nothing else start, outside fenced code blocks:
    a marker quoted in a sentence, a code span or a code block is text, not a marker."""
    starts: list[int] = []
    ends: list[int] = []
    fence: str | None = None
    at = 0
    for line in document.splitlines(keepends=True):
        bare = line.strip()
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and _closes(fence, opened.group(1), line):
                fence = None
        elif opened:
            fence = opened.group(1)
        elif bare == START:
            starts.append(at)
        elif bare == END:
            ends.append(at)
        at += len(line)
    return starts, ends


def _closes(fence: str, run: str, line: str) -> bool:
    """A run of the fence's character, at least as long, and nothing after it, closes it."""
    return run[0] == fence[0] and len(run) >= len(fence) and not line.strip()[len(run) :]


def splice(document: str, listing: str) -> str:
    """``document`` with the list between its markers replaced, in the document's own line
    endings; everything outside the markers is kept byte for byte.

    Raises :class:`MarkerError` unless the document has exactly one start marker and one end
    marker after it, each on a line of its own outside code blocks."""
    starts, ends = _marker_lines(document)
    how = f"put the two lines {START} and {END}, each on a line of its own, where the list goes"
    if not starts and not ends:
        raise MarkerError(f"it has no litcat markers; {how}")
    if len(starts) != 1 or len(ends) != 1:
        raise MarkerError(
            f"it has {len(starts)} start and {len(ends)} end markers, not one of each; {how}"
        )
    start, end = starts[0], ends[0]
    if end < start:
        raise MarkerError(f"its end marker comes before its start marker; {how}")
    head_end = document.index("\n", start) + 1
    newline = "\r\n" if document[start:head_end].endswith("\r\n") else "\n"
    body = listing.strip().replace("\r\n", "\n")
    if newline != "\n":
        body = body.replace("\n", newline)
    return f"{document[:head_end]}{newline}{body}{newline}{newline}{document[end:]}"
