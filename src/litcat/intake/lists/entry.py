"""What one bullet or table row of a paper list says about a paper.

Lists come in many styles; the facts are read the same way from each: the title (quoted, the
text of a link that is not a label such as "paper", or the text before the links), the short
name where it is bolded (``**DPPO**: ...``), the venue and year from emphasis (``*CoRL, Nov
2024*``) or a table column, authors from an "Authors:" line or a line of names, and the ids and
links from the links (:mod:`.links`). Nothing is guessed beyond what the text says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .links import (
    LINK_LABELS,
    NAVIGATION,
    PAPER_ROLES,
    PAPER_WORDS,
    ROLE_LABELS,
    Link,
    arxiv_year,
    classify,
    is_generic,
    label_word,
)
from .structure import Item, Line, Piece, column_name, plain_text, split_lines
from .text import (
    ALL_LABELS,
    AUTHOR_LABELS,
    DASHES,
    EDGES,
    EMPTY_BRACKETS,
    IGNORED_LABELS,
    LABELLED,
    PAREN_YEAR,
    VENUE_LABELS,
    YEAR,
    YEAR_LABELS,
    column_kind,
    ends_dated,
    name_list,
    read_authors,
    read_tail,
    read_venue,
    split_nickname,
    title_rank,
    venue_at_end,
    venue_in_brackets_at_end,
    venue_tag,
    with_bare_urls,
)

_QUOTED = re.compile(r"[\"“”]([^\"“”]{3,})[\"“”]")
_TRAILING_YEAR = re.compile(r"\s*\(((?:19|20)\d\d)\)\s*$")


@dataclass
class Listed:
    """A paper as one bullet or row gives it: the facts the text states, and its links."""

    line: int
    heading: int | None
    title: str
    short_name: str | None = None
    authors: list[str] = field(default_factory=list)
    authors_incomplete: bool = False
    year: int | None = None
    venue: str | None = None
    venue_year: int | None = None
    links: list[Link] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # The title as the line writes it, when a year, a venue or a short name in brackets was
    # taken off its end ("Title (CoRL 2021)"): the link or emphasis holding it still names it.
    written: str = ""

    def first(self, role: str) -> Link | None:
        return next((link for link in self.links if link.role == role), None)

    def is_title(self, text: str) -> bool:
        """Whether ``text`` (a link's, or emphasis') is the title, as read or as written."""
        text = text.strip(EDGES)
        return text == self.title or (bool(self.written) and text == self.written)

    def idents(self, role: str) -> list[str]:
        # dict keeps the order and makes this linear in the links (a bullet may hold thousands).
        found = dict.fromkeys(link.ident for link in self.links if link.ident and link.role == role)
        return list(found)

    def dois(self) -> list[str]:
        return [*self.idents("doi"), *(i for i in self.idents("paper") if i.startswith("10."))]

    def first_year(self) -> int | None:
        """The arXiv id's year, which is that of the first version, else the list's."""
        arxiv = self.idents("arxiv")
        return arxiv_year(arxiv[0]) if arxiv else self.year or self.venue_year


@dataclass(frozen=True)
class NotAPaper:
    line: int
    message: str


def papers_in(item: Item) -> list[Listed | NotAPaper]:
    """The papers a bullet names: itself, with the nested lines that describe it (authors,
    keywords, links), and the nested bullets that name papers of their own."""
    if item.cells is not None:
        return [read_item(item)]
    about = [c for c in item.children if _describes(c)]
    others = [c for c in item.children if not _describes(c)]
    lines = item.lines + [line for child in about for line in child.lines]
    own = read_item(Item(item.line, item.heading, lines)) if item.lines else None
    out: list[Listed | NotAPaper] = []
    if others and not isinstance(own, Listed):
        out.append(NotAPaper(item.line, f"heads the {len(others)} bullets below it"))
    elif own is not None:
        out.append(own)
    for child in others:
        out.extend(papers_in(child))
    return out


def _describes(child: Item) -> bool:
    """Whether a nested bullet describes its parent rather than naming a paper."""
    if child.children or not child.lines:
        return not child.children
    first = child.lines[0]
    text = plain_text([p for p in first if p.href is None]).strip(EDGES)
    labelled = LABELLED.match(text)
    if labelled and label_word(labelled.group(1)) in ALL_LABELS:
        return True
    if _labels_links(first):
        return True
    links = [p for p in first if p.href]
    return not links or (not text and all(is_generic(p.text) for p in links))


# Symbols before a label ("💻 Code:", "- Code:"): decoration, not words.
_BEFORE_LABEL = re.compile(r"^[^\w\[]+")


def _labels_links(line: Line) -> bool:
    """``Code: [repo](...)``, ``**Project page**: ...``: a line that labels the links after it
    as the code, page, video or paper of the bullet above (see ``LINK_LABELS``)."""
    text = _BEFORE_LABEL.sub("", plain_text([p for p in line if p.href is None]))
    labelled = LABELLED.match(text)
    word = label_word(labelled.group(1)) if labelled is not None else ""
    if word in PAPER_WORDS:
        # "Paper: [arXiv](...)" is the paper's link; "Paper: [A Title](...)" names a paper.
        return all(is_generic(p.text) for p in line if p.href)
    return word in LINK_LABELS


# An emoji's code inside a title ("Ha-NeRF:laughing:: Hallucinated ..."), which GitHub shows
# as the emoji: lower case, and a space, a punctuation mark or the end after it.
_SHORTCODE = re.compile(r":[a-z][a-z0-9_+]{1,30}:(?=[\s:;,.!?)]|$)")


def read_item(item: Item) -> Listed | NotAPaper:
    """The paper an item names, or why it names none (no paper link, two papers)."""
    listed = _from_cells(item) if item.cells is not None else _from_lines(item, item.lines)
    if listed is not None:
        listed.title = _SHORTCODE.sub("", listed.title).strip()
    if listed is None or not listed.title:
        return NotAPaper(item.line, "no title")
    if not any(link.role in PAPER_ROLES for link in listed.links) and not _cited_code(listed):
        only = sorted({link.role for link in listed.links} - {"other"})
        what = f" (only {' and '.join(only)})" if only else ""
        return NotAPaper(item.line, f"no link to a paper{what}")
    named = listed.year or listed.authors or listed.dois() or listed.idents("arxiv")
    if label_word(listed.title) in NAVIGATION and not named:
        return NotAPaper(item.line, f"a link of the page's navigation ({listed.title}), no paper")
    for role, label in (("arxiv", "arXiv ids"), ("openreview", "OpenReview ids")):
        if len(listed.idents(role)) > 1:
            return _two(item, label, listed.idents(role))
    if len(set(listed.dois())) > 1:
        return _two(item, "DOIs", listed.dois())
    return listed


def _cited_code(listed: Listed) -> bool:
    """A paper whose only page is its repository: "[Title](https://github.com/...), Noguchi et
    al., Arxiv 2021". The list cites it as it cites its papers (authors and a year), which a
    tool or a notebook listed by its name does not."""
    first = next(iter(listed.links), None)
    return (
        first is not None
        and first.role == "code"
        and bool(listed.authors)
        and (listed.year or listed.venue_year) is not None
    )


def _two(item: Item, label: str, found: list[str]) -> NotAPaper:
    count = "two" if len(found) == 2 else str(len(found))
    shown = ", ".join(found[:3]) + (", ..." if len(found) > 3 else "")
    return NotAPaper(
        item.line, f"its links name {count} papers ({label} {shown}); give each its own bullet"
    )


def _from_lines(item: Item, lines: list[Line]) -> Listed | None:
    if not lines:
        return None
    main, *rest = [with_bare_urls(line) for line in lines]
    listed = Listed(item.line, item.heading, "")
    main = _linked_tag(listed, _drop_decoration(listed, main))
    _title(listed, main)
    _links(listed, main, title_link=True)
    _venue_from_emphasis(listed, main)
    paren = PAREN_YEAR.search(plain_text([p for p in main if p.href is None]))
    if paren and listed.year is None:
        listed.year = int(paren.group(1))
    _byline(listed, main)
    _names_after_plain_title(listed, main)
    for line in _continued(rest):
        _attribute_line(listed, line)
    return listed


def _continued(lines: list[Line]) -> list[Line]:
    """Lines with a line that carries a list of names over joined to it, when the two read
    as one list: a list broken after a comma (``Ann Lee, Bo Chen,`` / ``Cy Dunn``), before
    one (``Ann Lee`` / ``, Bo Chen``), or after a footnote's mark (``Ann Lee<sup>1</sup>`` /
    ``Bo Chen<sup>2</sup>``). Lines with links stay apart."""
    out: list[Line] = []
    for line in lines:
        joined = [*out[-1], Piece(" "), *line] if out else line
        if (
            out
            and not any(p.href for p in joined)
            and (
                plain_text(out[-1]).endswith(",")
                or plain_text(line).startswith(",")
                or (out[-1][-1].sup and not line[0].sup)
            )
            and read_authors(_names_text(joined)) is not None
        ):
            out[-1] = joined
        else:
            out.append(line)
    return out


# A short name is a name (DPPO, Diffusion Policy), not a sentence.
_SHORT_NAME_WORDS = 6
_SHORT_NAME_CHARS = 60


# What lists put before a title: a task box, an emoji or its :shortcode:, a tag in brackets
# ([NEW], [CoRL 2023]), a venue and its year in parentheses ((CoRL 2021)) and a date
# (2023.05, or a year before a "|"). A bracketed venue or date is kept as such.
_DECORATION = re.compile(
    r"^\s*(?:\[[ xX]\]|:[a-z0-9_+-]+:|\[([^\[\]]{1,48})\](?!\()"
    r"|\(([^()]{0,40}?(?:(?:19|20)\d\d(?:[./-]\d\d?){0,2}|['\u2018\u2019]\d\d))\)"
    r"|((?:19|20)\d\d)(?:(?:[./-]\d\d?){1,2}\b|\s*\|)|[\u2600-\u27bf\U0001f000-\U0001faff\ufe0f\u200d])"
)


def _drop_decoration(listed: Listed, main: Line) -> Line:
    """``main`` without the decoration before its title (see ``_DECORATION``)."""
    out = _bracket_joined(list(main))
    while out and out[0].href is None:
        text = out[0].text
        found = _DECORATION.match(text)
        while found:
            tag, date = found.group(1) or found.group(2), found.group(3)
            if date and out[0].strong and found.group().endswith("|") and text[found.end() :]:
                break  # "**2021 | Net**" is a bold name; "2021 | **Net**" is dated
            dated = read_venue(tag) if tag is not None else None
            if tag is not None and dated is not None and dated.named is not None:
                _set_venue(listed, tag)  # [CoRL 2023]; a tag without a year ([NEW]) goes
            elif date is not None and listed.year is None:
                listed.year = int(date)
            text = text[found.end() :]
            found = _DECORATION.match(text)
        if text.strip(" *_"):
            out[0] = Piece(text.lstrip(), None, out[0].strong, out[0].em)
            break
        out.pop(0)
    return out


def _bracket_joined(line: Line) -> Line:
    """A line whose brackets at its start hold a date or a venue and its year in emphasis
    (``(*arXiv 2024.02*) Title``, ``(*ICLR'25*) Title``) with those pieces made one, so that
    the tag in them reads as one (the title's own pieces after the closing bracket keep
    their emphasis)."""
    if not line or line[0].href is not None or line[0].text.strip() not in ("(", "["):
        return line
    closing = ")" if line[0].text.strip() == "(" else "]"
    for end, piece in enumerate(line[1:6], start=1):
        if piece.href is not None:
            return line
        at = piece.text.find(closing)
        if at >= 0:
            head = "".join(p.text for p in line[:end]) + piece.text[: at + 1]
            if not re.search(r"\d\d", head):
                return line  # "[**Embodied-agents**]" names something: no date, no tag
            rest = piece.text[at + 1 :]
            tail = [Piece(rest, None, piece.strong, piece.em)] if rest else []
            return [Piece(head), *tail, *line[end + 1 :]]
    return line


def _linked_tag(listed: Listed, main: Line) -> Line:
    """``[[CoRL](url)] Title [[Code](...)]``: a link in brackets before the title is a tag
    that links the paper, and the title is the text after it. A tag that names a venue
    (``CoRL``, ``ICRA 2024``) or a preprint's date (``arXiv 2025.12``) gives them; one such as
    ``Paper`` or ``PDF`` says what its link is; any other links the paper. (A short name in
    capitals in that place, ``[[DDPM](url)]``, reads as a venue: the lists that write tags so
    write venues there.)"""
    if len(main) < 3:
        return main
    opening, link, closing = main[:3]
    if (
        opening.href is not None
        or opening.text.strip() != "["
        or link.href is None
        or closing.href is not None
        or not closing.text.lstrip().startswith("]")
    ):
        return main
    title = closing.text.lstrip()[1:].lstrip()
    if not title.strip(EDGES):
        return main
    if not is_generic(link.text):
        if venue_tag(link.text):
            _set_venue(listed, link.text)
        link = Piece(_without_labels(title), link.href, link.strong, link.em)  # the paper
    return [Piece(title, None, closing.strong, closing.em), link, *main[3:]]


def _title(listed: Listed, main: Line) -> None:
    start = 0
    if main and main[0].strong and main[0].href is None and len(main) > 1:
        bold = plain_text(main[:1]).strip(EDGES)
        after = "".join(p.text for p in main[1:]).lstrip()
        titled = any(p.href and not is_generic(p.text) for p in main[1:]) or bool(
            plain_text([p for p in main[1:] if p.href is None]).strip(EDGES + "\"'")
        )
        if after[:1] in (":", *DASHES) and _is_short_name(bold) and titled:
            listed.short_name = bold or None
            start = 1
        elif not any(p.href and not is_generic(p.text) for p in main[:2]):
            # "**Graph U-Nets.** ICML 2019." and "**Title**: [arXiv](...)": the bold text
            # is the title; what follows it says where and when.
            listed.title = bold
            _tail(listed, main[1:])
            _nickname(listed)
            return
    # A quoted title opens the line (after the short name): quotes inside a title are not one.
    rest = plain_text([p for p in main[start:] if p.href is None]).lstrip(" :" + DASHES)
    quoted = _QUOTED.match(rest)
    if quoted:
        listed.title = quoted.group(1).strip(EDGES + "\"'")
        return
    cited = _QUOTED.search(rest)
    if cited and _cited(listed, rest, cited):
        return
    named = next((p for p in main[start:] if p.href and not is_generic(p.text)), None)
    lead: list[Piece] = []
    for piece in main[start:]:
        if piece.href is not None or (piece.em and lead and YEAR.search(piece.text)):
            break  # a link, or a venue in emphasis ("Title *CoRL 2021*"), ends the title
        lead.append(piece)
    lead_text = _TRAILING_YEAR.sub("", _without_labels(plain_text(lead))).strip(EDGES)
    name = _name_before(plain_text(lead), named.text) if named is not None else None
    if named is not None and (not lead_text or is_generic(lead_text) or name is not None):
        # "Paper: [Diffusion Policy](...)": a label before the link is no title; "AVDC:
        # [Title](...)" and "(DWA) [Title](...)" name the paper before its linked title.
        listed.title = named.text.strip(EDGES)
        if name is not None and listed.short_name is None:
            listed.short_name = name
    else:
        listed.title = lead_text
    if listed.short_name and listed.short_name == listed.title:
        listed.short_name = None
    _nickname(listed)


def _without_labels(text: str) -> str:
    """A title's text without the unlinked labels of links after it (``Title [Code] [Page]``,
    ``[[Page]]``): what a list writes in place of a link the paper does not have (yet).

    Read from the end, one label at a time, each character once (a line of thousands of
    labels is read in linear time)."""
    text = text.strip(EDGES)
    first = next((n for n, c in enumerate(text) if c not in EDGES), len(text))
    end = len(text)
    while True:
        close = end
        # What separates two labels ("[Code], [Page]", "[[(]" left of a cut) is trimmed as
        # the title's end is.
        while close > first and text[close - 1] in EDGES:
            close -= 1
        while close > first and text[close - 1].isspace():
            close -= 1
        inner = close
        while inner > first and close - inner < 2 and text[inner - 1] == "]":
            inner -= 1
        if inner == close:
            break  # no label ends here
        start = text.rfind("[", max(first, inner - 31), inner)
        label = text[start + 1 : inner] if start >= 0 else ""
        if not label or "]" in label or not is_generic(label):
            break
        if start > first and text[start - 1] == "[":
            start -= 1  # "[[Page]]"
        while start > first and text[start - 1].isspace():
            start -= 1  # a line break before the label goes with it
        if start <= first:
            break  # the label is all there is: it stays the title
        end = start
    return text[:end].strip(EDGES)


# "AVDC: " or "(DWA) " before a linked title.
_NAME_BEFORE = re.compile(r"^\s*(?:\(([^()]{1,40})\)|([^:()]{1,40}?)\s*[:\u2013\u2014])\s*$")


def _name_before(text: str, title: str) -> str | None:
    """``AVDC: [Learning to Act ...](url)``, ``(DWA) [The Dynamic Window ...](url)``: the name
    a paper goes by, written before its linked title; None for a label (``Paper:``) or words
    that are no name (``Survey on robots:``)."""
    found = _NAME_BEFORE.match(text)
    if found is None or len(title.split()) < 2:
        return None
    name = (found.group(1) or found.group(2)).strip(EDGES + "*_")
    words = name.split()
    if not words or len(words) > 3 or is_generic(name) or label_word(name) in ALL_LABELS:
        return None
    # "AVDC", "HiP", "RT-2": capitals or digits inside a word; "Diffusion Policy": every word
    # capitalised.
    inner = len(words) == 1 and any(c.isupper() or c.isdigit() for c in name[1:])
    return name if inner or (len(words) > 1 and all(w[:1].isupper() for w in words)) else None


def _cited(listed: Listed, text: str, quoted: re.Match[str]) -> bool:
    """``Ann Lee, Bo Chen. "Title." CoRL 2021.`` and ``Lee et al., "Title," in CoRL, 2021``:
    a reference as a bibliography writes it, authors first (nothing else before the quotes)
    and the title in quotes, then where and when."""
    before = text[: quoted.start()].strip(EDGES)
    title = quoted.group(1).strip(EDGES + "\"'")
    byline = read_tail(before)
    if (
        len(title.split()) < 2
        or byline.authors is None
        or byline.authors.strip(EDGES) != before
        or read_authors(byline.authors) is None
    ):
        return False
    listed.title = title
    after = text[quoted.end() :].strip(EDGES + "\"'")
    _set_byline(listed, byline.authors, read_tail(after).venue)
    return True


def _is_short_name(text: str) -> bool:
    return len(text) <= _SHORT_NAME_CHARS and len(text.split()) <= _SHORT_NAME_WORDS


def _nickname(listed: Listed) -> None:
    """A name in parentheses at the title's end is the short name (when there is none); a
    year there is the year: ``[Attention Is All You Need (2017)](...)``; a venue and its year
    there are the venue: ``[Title (CoRL 2021)](...)``."""
    listed.written = listed.written or listed.title
    ended = venue_in_brackets_at_end(listed.title)
    if ended is not None:
        listed.title = ended[0].strip(EDGES)
        if listed.venue is None:
            _set_venue(listed, ended[1])
        return
    year = _TRAILING_YEAR.search(listed.title)
    before = listed.title[: year.start()].strip(EDGES) if year else ""
    if year and before:
        listed.title = before
        if listed.year is None:
            listed.year = int(year.group(1))
        return
    title, name = split_nickname(listed.title)
    if name is not None and listed.short_name is None:
        listed.title, listed.short_name = title, name


_LEADING_YEAR = re.compile(r"^\s*\((?:19|20)\d\d\)\s*[,.;:]?\s*")


def _tail(listed: Listed, pieces: Line) -> None:
    """Authors and venue from the plain text after the title (up to the line's end); a year
    in brackets first is the title's (``**Title** (2015), G. Hinton et al.``). Emphasis with a
    year is the venue read from emphasis, and emphasis after the last year a note (``*Oral*``):
    both are left out; emphasis before a year is read as text (``*CoRL*, 2021``, ``In
    *Conference on Robot Learning*, 2021``, ``*Ann Lee, Bo Chen*, CoRL 2021``)."""
    plain = [p for p in pieces if p.href is None]
    dated = [bool(YEAR.search(p.text)) for p in plain]
    text = plain_text(
        [p for n, p in enumerate(plain) if not p.em or (not dated[n] and any(dated[n + 1 :]))]
    )
    text = _LEADING_YEAR.sub("", text, count=1)
    tail = read_tail(text)
    if tail.authors and not listed.authors:
        _set_authors(listed, tail.authors)
    if tail.venue and listed.venue is None and listed.year is None:
        _set_venue(listed, tail.venue)


def _byline(listed: Listed, main: Line) -> None:
    """``[Title](...) (2022), by Rita Silva`` or ``[Title](...), Liu et al., CVPR 2021``: the
    authors and venue after the title's link."""
    at = next((n for n, p in enumerate(main) if p.href is not None), None)
    if at is None:
        return
    after = PAREN_YEAR.sub("", plain_text([p for p in main[at + 1 :] if p.href is None]))
    after = after.strip(EDGES)
    if after.startswith("by "):
        # "by Ann Lee and Bo Chen, CoRL 2021": the names, then where and when.
        names, venue = name_list(after[3:])
        _set_byline(listed, names if names is not None else after[3:], venue)
    elif listed.is_title(main[at].text):
        _tail(listed, main[at + 1 :])


def _names_after_plain_title(listed: Listed, main: Line) -> None:
    """``Title. Alice Smith, Bob Jones. CVPR 2021. [pdf](...)`` and ``"Title", Alice Smith,
    Bob Jones, CVPR 2021``: a title in plain text (or quotes), then its authors and venue. The
    names must read as people's and be more than one, or be followed by a venue: a title with
    a full stop in it stays whole."""
    if listed.authors or any(
        (p.href is not None or p.strong) and listed.is_title(p.text) for p in main
    ):
        return
    # The brackets of "[[paper](...)]" stay when their link is taken out.
    text = EMPTY_BRACKETS.sub("", plain_text([p for p in main if p.href is None]))
    quoted = _QUOTED.search(text)
    if quoted and quoted.group(1).strip(EDGES + "\"'") == listed.title:
        # The quotes say where the title ends: a year in brackets inside them is the title's.
        after = text[quoted.end() :].strip(EDGES + "\"'")
        if not _names_in(listed, after) and listed.venue is None and listed.year is None:
            venue = read_tail(after).venue  # '"Title", Humanoids, Nov. 2024.'
            if venue is not None:
                _set_venue(listed, venue)
        return
    if _names_after_year(listed) or _names_until_et_al(listed):
        return
    for cut in _SENTENCE_END.finditer(listed.title):
        head, after = listed.title[: cut.start()], listed.title[cut.end() :]
        if len(head.split()) >= 2 and _names_in(listed, after):
            listed.title = head.strip(EDGES)
            _nickname(listed)
            return
    ended = venue_at_end(listed.title)
    if ended is not None and listed.venue is None:
        # "Title, CoRL 2021": the venue ends the title.
        listed.title = ended[0].strip(EDGES)
        _set_venue(listed, ended[1])


# "Title (2017), Marjan Ghazvininejad et al.": the year in brackets ends the title.
_YEAR_CUT = re.compile(r"\s+\(((?:19|20)\d\d)\)\s*[,.;:]?\s+")


def _names_after_year(listed: Listed) -> bool:
    """``Title (2016), A. Conneau et al.``: the title, its year, then its authors (one name
    is enough here: the bracketed year already says where the title ends)."""
    for cut in _YEAR_CUT.finditer(listed.title):
        head, after = listed.title[: cut.start()], listed.title[cut.end() :]
        if len(head.split()) >= 2 and read_authors(after) is not None:
            listed.title = head.strip(EDGES)
            _set_authors(listed, after)
            if listed.year is None:
                listed.year = int(cut.group(1))
            _nickname(listed)
            return True
    return False


# The comma before the names that end in "et al.": "Title, Lee et al., ICRA 2021".
_ET_AL_CUT = re.compile(r",\s+(?=[^,]*?\bet\.?\s*al\b)", re.IGNORECASE)


def _names_until_et_al(listed: Listed) -> bool:
    """``Title, Lee et al., ICRA 2021``: a plain title, then authors up to "et al." (which no
    title says) and the venue after them."""
    for cut in _ET_AL_CUT.finditer(listed.title):
        head, after = listed.title[: cut.start()], listed.title[cut.end() :]
        tail = read_tail(after)
        if len(head.split()) < 2 or tail.authors is None or read_authors(tail.authors) is None:
            continue
        # "Title (2014, C. Dong et al.": a year opened in brackets is the title's.
        opened = _OPEN_YEAR.search(head)
        if opened and len(head[: opened.start()].split()) >= 2:
            head = head[: opened.start()]
            listed.year = listed.year or int(opened.group(1))
        listed.title = head.strip(EDGES)
        _set_byline(listed, tail.authors, tail.venue)
        _nickname(listed)
        return True
    return False


_OPEN_YEAR = re.compile(r"\s*\(\s*((?:19|20)\d\d)\s*$")


_SENTENCE_END = re.compile(r"(?<![\s.\-][A-Z])(?<!^[A-Z])\.\s+")


def _names_in(listed: Listed, text: str) -> bool:
    """Authors (and a venue) from ``text`` when it is a list of names, as said above."""
    names, venue = name_list(text)
    if names is None:
        return False
    found = read_authors(names)
    if found is None or (len(found[0]) < 2 and venue is None):
        return False
    _set_authors(listed, names)
    if venue is not None and listed.venue is None and listed.year is None:
        _set_venue(listed, venue)
    return True


def _links(listed: Listed, line: Line, *, title_link: bool = False, label: str = "") -> None:
    for piece in line:
        if piece.href is None:
            continue
        names_paper = title_link and listed.is_title(piece.text)
        # "Code: [link](...)" and a "code" column say what a link labelled "link" is.
        # "Project: [Diffusion Policy](...)": the label says what the link is; so does a
        # "Paper" column of a table its "Model" column titles ("[Nature Methods](...)").
        said = is_generic(piece.text) or label in ROLE_LABELS or label in PAPER_WORDS
        text = label if label and said else piece.text
        try:
            link = classify(text, piece.href, names_paper=names_paper)
        except ValueError as exc:
            listed.notes.append(f"link {piece.href!r} left out: {exc}")
            continue
        if link is not None:
            listed.links.append(link)


def _venue_from_emphasis(listed: Listed, line: Line) -> None:
    for piece in line:
        if listed.is_title(piece.text):
            continue  # "*Title 2021 Edition*": the title in emphasis is no venue
        if piece.em and piece.href is None and YEAR.search(piece.text):
            _set_venue(listed, piece.text)
            return


def _set_venue(listed: Listed, text: str) -> None:
    venue = read_venue(text)
    if venue is None:
        return
    if venue.name is not None:
        listed.venue, listed.venue_year = venue.name, venue.year
    if venue.named is not None and listed.year is None:
        listed.year = venue.named


def _set_authors(listed: Listed, text: str, *, labelled: bool = False) -> None:
    found = read_authors(text, labelled=labelled)
    if found is None:
        listed.notes.append(f"{text!r} does not read as a list of authors; left out")
    else:
        listed.authors, listed.authors_incomplete = found


def _set_byline(listed: Listed, authors: str, venue: str | None) -> None:
    """The authors named after (or before) a title, and the venue after them unless one was
    read already."""
    _set_authors(listed, authors)
    if venue is not None and listed.venue is None:
        _set_venue(listed, venue)


def _attribute_line(listed: Listed, line: Line) -> None:
    text = plain_text([p for p in line if p.href is None])
    labelled = LABELLED.match(text)
    word = label_word(labelled.group(1)) if labelled else ""
    value = labelled.group(2).strip() if labelled else ""
    if word in AUTHOR_LABELS:
        _set_authors(listed, value, labelled=True)
    elif word in VENUE_LABELS:
        _set_venue(listed, value)
    elif word in YEAR_LABELS:
        found = YEAR.search(value)
        if found:
            listed.year = int(found.group(1))
    elif word in IGNORED_LABELS:
        pass
    elif _ELSEWHERE.match(text) and any(p.href for p in line):
        # "Read also [...]", "See also: [...]": another paper's links, not this one's.
        said = "".join(p.text for p in line).strip()
        listed.notes.append(f"{said!r} points to other papers; its links left out")
    elif any(p.href for p in line):
        _links(listed, line, label=word)
        _dated_before_links(listed, line)
    elif text.lower().startswith("by "):
        _set_authors(listed, _names_text(line)[3:])
    elif YEAR.search(text) and (_names_then_venue(listed, text) or _dated_line(listed, text)):
        pass
    elif all(p.em for p in line) and YEAR.search(text):
        _set_venue(listed, text)
    elif not listed.authors and _run_together(line):
        listed.notes.append(f"{text!r} runs names together; its authors left out")
    elif not listed.authors:
        _set_authors(listed, _names_text(line))


def _run_together(line: Line) -> bool:
    """Whether names marked by footnotes in superscript run together between the marks, with
    no comma to tell where one ends: ``Byeonghwi Kim Jinyeon Kim<sup>1</sup> Cheolhong Min``."""
    if not any(p.sup for p in line) or any("," in p.text for p in line if not p.sup):
        return False
    names = _names_text(line).split(",")
    return any(len(name.split()) >= _RUN_TOGETHER for name in names)


# Words between two marks that are more than a name (four: "Byeonghwi Kim Jinyeon Kim").
_RUN_TOGETHER = 4


def _names_text(line: Line) -> str:
    """A line of names as text, a footnote's mark in superscript after a name ending it:
    ``Ann Lee<sup>1,2</sup> Bo Chen<sup>2</sup>`` is "Ann Lee, Bo Chen"."""
    return plain_text([Piece(", ") if p.sup else p for p in line if p.href is None])


# A line under a paper that sends the reader to other papers.
_ELSEWHERE = re.compile(
    r"\s*(?:(?:(?:read|see)\s+also|related(?:\s+(?:work|papers?))?|follow[- ]?ups?)\b|cf\.)",
    re.IGNORECASE,
)


def _names_then_venue(listed: Listed, text: str) -> bool:
    """``Alice Smith, Bob Jones. CVPR 2021.``: a line of authors, then where and when."""
    names, venue = name_list(text)
    if names is None:
        return False
    if not listed.authors:
        _set_authors(listed, names)
    if venue is not None and listed.venue is None:
        _set_venue(listed, venue)
    return True


_BRACKETED = re.compile(r"\[([^\]]*)\]")


def _dated_before_links(listed: Listed, line: Line) -> None:
    """``NeurIPS 2023. [[Paper](...)] [[Github](...)]``: where and when, before a line's
    links (``arXiv 2023.`` gives the year)."""
    lead: list[Piece] = []
    for piece in line:
        if piece.href is not None:
            break
        lead.append(piece)
    text = plain_text(lead).strip(EDGES)
    if text and YEAR.search(text) and len(text.split()) <= 8:
        _dated_line(listed, text)


def _dated_line(listed: Listed, text: str) -> bool:
    """``[2023-05] [CVPR, 2023]`` or ``CVPR 2023``: a line of a date and a venue."""
    parts = _BRACKETED.findall(text) or [text]
    read = False
    for part in parts:
        if not ends_dated(part) or len(part.split()) > 8:
            continue  # "Task: datasets from Flan 2021, P3, ...": a sentence, not a date
        venue = read_venue(part)
        if venue is None or (venue.name is None and venue.named is None):
            continue
        if venue.name is not None and venue.named is None:
            continue  # words without a year: not what a date line holds
        read = True
        if venue.name is not None and listed.venue is None:
            listed.venue, listed.venue_year = venue.name, venue.year
        if venue.named is not None and listed.year is None:
            listed.year = venue.named
    return read


def _from_cells(item: Item) -> Listed | None:
    cells = item.cells or {}
    if not cells:
        return None
    kinds = {n: column_kind(column_name(n)) for n in cells}
    titles = [n for n in cells if kinds[n] == "title"] or list(cells)[:1]
    # The surest of the title columns that names the paper ("Title", then a "Paper" column
    # whose link is not labelled "[arXiv]", then "Name" or "Model"); of two "Paper" columns
    # (a link, then the title), the one that names it.
    ranked = sorted(titles, key=lambda n: title_rank(column_name(n)))
    named = [n for n in ranked if _names_something(cells[n])]
    # A "Paper" column's link of a word or two names where it is read ("[Nature Methods]",
    # "[Hugging Face]") when a "Name" or "Model" column names the paper beside it.
    surer = [n for n in named if title_rank(column_name(n)) != 1 or _names_in_words(cells[n])]
    title_col = next(iter(surer or named), titles[0])
    # A title cell may hold lines (``<br>``): the title, then its authors or venue.
    listed = _from_lines(item, split_lines(cells[title_col]))
    if listed is None:
        return None
    for key, cell in cells.items():
        if key == title_col:
            continue
        name = column_name(key)
        text = plain_text([p for p in cell if p.href is None])
        kind = kinds[key]
        if kind == "venue" and text:
            _set_venue(listed, text)
        elif kind == "year" and YEAR.search(text):
            listed.year = int(YEAR.findall(text)[0])
        elif kind == "authors" and text:
            _set_authors(listed, text, labelled=True)
        elif listed.short_name is None and (kind == "short name" or _linked_name(kind, name, cell)):
            # "Abbr.", or a "Method" or "Model" cell linking the paper beside its "Title" cell:
            # "[MoRE](url)" (a plain one may hold what kind of method it is: "Reward Model").
            short = (text or plain_text(cell)).strip(EDGES)
            if short and _is_short_name(short) and short != listed.title:
                listed.short_name = short
        if any(p.href for p in cell):
            _links(listed, cell, label=name)
    return listed


def _linked_name(kind: str | None, name: str, cell: Line) -> bool:
    """Whether a naming column's cell ("Method", "Model", "Name") is one link and nothing else,
    the paper's or its code's: ``[MoRE](https://arxiv.org/abs/2503.08007)``."""
    if kind != "title" or title_rank(name) != 2:
        return False
    parts = [p for p in cell if p.href is not None or p.text.strip()]
    return len(parts) == 1 and parts[0].href is not None and not is_generic(parts[0].text)


def _names_in_words(cell: Line) -> bool:
    """Whether a cell gives a title in words: plain text, or a link of three words or more."""
    text = plain_text([p for p in cell if p.href is None]).strip(EDGES)
    return bool(text) or any(p.href and len(p.text.split()) >= 3 for p in cell)


def _names_something(cell: Line) -> bool:
    text = plain_text([p for p in cell if p.href is None]).strip(EDGES)
    return bool(text) or any(p.href and not is_generic(p.text) for p in cell)
