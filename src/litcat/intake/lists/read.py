"""A paper list read whole: its papers, one per paper however often it is listed.

The same paper under two headings (the same arXiv id, DOI or OpenReview id, the same page under
a title that agrees, or the same title with no id that says otherwise) becomes one
:class:`Paper` that remembers every bullet; each bullet the list holds ends up in exactly one
paper or one report line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...core import ids
from ...core.rules.text import remove_invisible
from .entry import Listed, NotAPaper, papers_in, read_item
from .htmlblocks import html_items
from .links import classify, same_page
from .sections import asides
from .structure import Heading, Item, Parsed, Piece, parse_markdown
from .text import Venue, read_venue

_ID_ROLES = ("arxiv", "openreview")


@dataclass
class Paper:
    """One paper of the list and the bullets that list it (the first one gives its facts)."""

    listed: list[Listed]

    @property
    def first(self) -> Listed:
        return self.listed[0]

    @property
    def line(self) -> int:
        return self.first.line

    def ident(self, role: str) -> str | None:
        for item in self.listed:
            found = item.dois() if role == "doi" else item.idents(role)
            if found:
                return found[0]
        return None

    def headings(self) -> list[int]:
        found: list[int] = []
        for item in self.listed:
            if item.heading is not None and item.heading not in found:
                found.append(item.heading)
        return found


@dataclass(frozen=True)
class Merged:
    """A bullet that lists a paper an earlier bullet lists, and by what they were matched."""

    line: int
    into: int
    by: str


@dataclass(frozen=True)
class Aside:
    """A section of something other than papers (see :mod:`.sections`) and its bullets."""

    line: int
    text: str
    bullets: int


@dataclass
class ListReading:
    file: str
    headings: list[Heading]
    papers: list[Paper] = field(default_factory=list)
    merged: list[Merged] = field(default_factory=list)
    not_papers: list[NotAPaper] = field(default_factory=list)
    plain_tables: list[int] = field(default_factory=list)
    asides: list[Aside] = field(default_factory=list)
    links: list[tuple[int, str]] = field(default_factory=list)
    # Lines of bullets the Markdown parser skipped, nested past its limit (or after such).
    too_deep: list[int] = field(default_factory=list)

    @property
    def title(self) -> str | None:
        """The list's name: its one top-level heading, if it opens with one."""
        tops = [h for h in self.headings if h.level == 1]
        if len(tops) == 1 and self.headings[0] is tops[0]:
            return tops[0].text or None
        return None

    @property
    def entries(self) -> int:
        """Bullets and rows read: each is in a paper, merged, or not a paper."""
        return sum(len(p.listed) for p in self.papers) + len(self.not_papers)


def read_list(text: str, file: str) -> ListReading:
    # Soft hyphens and zero-width spaces copied from PDFs would fail the new catalog's strict
    # build; they mean nothing in a title or a name.
    parsed: Parsed = parse_markdown(remove_invisible(text))
    reading = ListReading(file, parsed.headings, plain_tables=parsed.plain_tables)
    reading.links = parsed.links
    reading.too_deep = parsed.too_deep
    keys: dict[str, Paper] = {}
    for item in _outside_asides(reading, parsed, parsed.items + _in_html(parsed)):
        for found in papers_in(item):
            if isinstance(found, NotAPaper):
                reading.not_papers.append(found)
            else:
                _dated_by_heading(found, parsed.headings)
                _add(reading, keys, found)
    aside = asides(parsed.headings)
    for item in (p for p in parsed.paragraphs if p.heading not in aside):
        # A paragraph that names no paper is prose (an introduction, a note): not reported.
        entry = read_item(item)
        if isinstance(entry, Listed) and _names_a_paper(entry):
            _dated_by_heading(entry, parsed.headings)
            _add(reading, keys, entry)
    reading.papers.sort(key=lambda paper: paper.line)
    return reading


def _outside_asides(reading: ListReading, parsed: Parsed, items: list[Item]) -> list[Item]:
    """The bullets and rows to read; those of sections that are not papers are counted in
    ``reading.asides``, one per section that holds any."""
    aside = asides(parsed.headings)
    counts: dict[int, int] = {}
    kept: list[Item] = []
    contents: list[Item] = []
    for item in items:
        if item.heading is not None and item.heading in aside:
            outer = aside[item.heading]
            counts[outer] = counts.get(outer, 0) + _bullets(item)
        elif _contents(item):
            contents.append(item)
        else:
            kept.append(item)
    for index, bullets in counts.items():
        heading = parsed.headings[index]
        reading.asides.append(Aside(heading.line, heading.text, bullets))
    if contents:
        bullets = sum(_bullets(item) for item in contents)
        reading.asides.append(Aside(contents[0].line, "a table of contents", bullets))
    return kept


def _contents(item: Item) -> bool:
    """Whether a bullet and those nested in it are a table of contents, whatever heading it
    is under: links to the list's own sections (``[Scene Editing](#scene-editing)``) and
    nothing else, or names of groups of such links."""
    if item.cells is not None:
        return False
    hrefs = [p.href for p in _pieces(item) if p.href is not None]
    return bool(hrefs) and all(href.startswith("#") for href in hrefs)


def _pieces(item: Item) -> list[Piece]:
    return [p for line in item.lines for p in line] + [
        p for child in item.children for p in _pieces(child)
    ]


def _bullets(item: Item) -> int:
    return 1 + sum(_bullets(child) for child in item.children)


_PAPER_HOSTED = frozenset({"arxiv", "doi", "openreview", "paper"})


def _in_html(parsed: Parsed) -> list[Item]:
    """The items of the list's HTML blocks that link a paper's own page (the arXiv, a DOI,
    OpenReview, a PDF): badges, logos and a README's other links in HTML are no entries."""
    found: list[Item] = []
    for line, heading, html in parsed.html:
        for item in html_items(html, line, heading):
            pieces = [p for line_ in item.lines for p in line_]
            pieces += [p for cell in (item.cells or {}).values() for p in cell]
            if any(_to_a_paper(p.href) for p in pieces if p.href):
                found.append(item)
    return found


def _to_a_paper(href: str) -> bool:
    try:
        link = classify("", href)
    except ValueError:
        return False
    return link is not None and link.role in _PAPER_HOSTED


def _names_a_paper(entry: Listed) -> bool:
    """A paragraph is an entry when it links a paper by its id, or its code beside it, or
    its page with its authors and year (``**Title**``, ``*A. Lee, B. Chen*``, ``Nature 2023.
    [[Paper](...)]``): a sentence that links a page ("[Awesome](...) is a list of ...") is
    not."""
    ids_ = entry.idents("arxiv") + entry.idents("openreview") + entry.dois()
    cited = entry.first("paper") is not None and bool(entry.authors) and entry.year is not None
    return bool(ids_) or entry.first("code") is not None or cited


def _dated_by_heading(listed: Listed, headings: list[Heading]) -> None:
    """``### ICML 2022`` or ``## 2021`` over a bullet that gives neither venue nor year: the
    nearest such heading above it says where and when. A year alone (``## 2021``) also dates
    a bullet that names a venue without its year (``[[CoRL](url)] Title``)."""
    if listed.year is not None:
        return
    at = listed.heading
    while at is not None:
        heading = headings[at]
        venue = _heading_venue(heading.text)
        if venue is not None and venue.named is not None:
            if listed.venue is None:
                listed.venue, listed.venue_year = venue.name, venue.year
                listed.year = venue.named
            elif venue.name is None:
                listed.year = venue.named
            return
        at = heading.parent


_DATED = re.compile(r"(?:19|20)\d\d\s*$")


def _heading_venue(text: str) -> Venue | None:
    """The venue and year, or the year, a heading that says only that names."""
    if not _DATED.search(text) or not _short(text):
        return None
    venue = read_venue(text)
    return venue if venue is not None and venue.named is not None else None


def dates_papers(text: str) -> bool:
    """Whether a heading only says when (and where) its papers appeared: ``## 2021``,
    ``### ICML 2022``. It files them under no topic of its own."""
    return _heading_venue(text) is not None


def _short(text: str) -> bool:
    """A heading that is a venue and a year ("ICML 2022", "CoRL, 2023"), not a topic that
    happens to end with one ("Papers accepted in 2022" would read as a venue otherwise)."""
    return len(text.split()) <= 4 and not any(w.lower() in _NOT_VENUE for w in text.split())


_NOT_VENUE = frozenset({"in", "of", "from", "papers", "accepted", "before", "after", "since"})


def _keys(listed: Listed) -> list[tuple[str, str]]:
    """What a bullet is known by, the surest first; the title only matches as a last resort."""
    found = [(role, ident) for role in _ID_ROLES for ident in listed.idents(role)]
    found += [("doi", doi) for doi in listed.dois()]
    for link in listed.links:
        if link.role in ("paper", "project"):
            found.append(("page", same_page(link.url)))
    if ids.title_key(listed.title):
        found.append(("title", ids.title_key(listed.title)))
    return found


_BY = {"arxiv": "arXiv id", "doi": "DOI", "openreview": "OpenReview id", "page": "link"}


def _add(reading: ListReading, keys: dict[str, Paper], listed: Listed) -> None:
    for kind, value in _keys(listed):
        paper = keys.get(f"{kind}:{value}")
        if paper is not None and not _conflict(paper, listed, by=kind):
            paper.listed.append(listed)
            reading.merged.append(Merged(listed.line, paper.line, _BY.get(kind, kind)))
            _index(keys, paper, listed)
            return
    paper = Paper([listed])
    reading.papers.append(paper)
    _index(keys, paper, listed)


def _index(keys: dict[str, Paper], paper: Paper, listed: Listed) -> None:
    for kind, value in _keys(listed):
        keys.setdefault(f"{kind}:{value}", paper)


def _conflict(paper: Paper, listed: Listed, *, by: str = "") -> bool:
    """Two bullets that share a page or a title but name different ids are two papers; so are
    two that share only a page (``by="page"``) under titles that differ: a project page or a
    lab's site often serves several papers, and merging them would lose one of them."""
    theirs = {"arxiv": listed.idents("arxiv"), "doi": listed.dois()}
    theirs["openreview"] = listed.idents("openreview")
    for role, values in theirs.items():
        mine = paper.ident(role)
        if mine is not None and values and mine not in values:
            return True
    if by == "page":
        return not any(_same_title(item.title, listed.title) for item in paper.listed)
    return False


def _same_title(one: str, other: str) -> bool:
    """Titles that may be one paper's: the same words, or the words of one the opening words
    of the other (a short name against the full title, a title without its subtitle; "RT-1"
    is not the opening of "RT-2: ..."); a missing title agrees with any."""
    first, second = _title_words(one), _title_words(other)
    if not first or not second:
        return True
    shorter, longer = sorted((first, second), key=len)
    return longer[: len(shorter)] == shorter


def _title_words(title: str) -> list[str]:
    return [key for key in map(ids.title_key, title.split()) if key]
