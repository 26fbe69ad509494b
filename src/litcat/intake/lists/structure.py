"""A Markdown paper list (an awesome-list README) read into headings and items, with lines.

markdown-it-py parses the file as CommonMark (and GitHub's tables), so a list is read the way
GitHub shows it: nested bullets, reference links, emphasis and escapes are what they look like
there. Python-Markdown, which MkDocs uses, follows other rules and gives no line numbers.

This module only finds the structure: headings, and bullets and table rows with their inline
pieces. What a piece means (a title, a code link, a venue) is :mod:`.entry`'s job.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .depth import entries_in, watch_depth

# Lists past this size are not paper lists; reading them would only cost time.
MAX_BYTES = 8 * 1024 * 1024
_BR = re.compile(r"^<br\s*/?>$", re.IGNORECASE)
# An HTML link inside Markdown text (``<a href="...">Title</a>``).
_A_OPEN = re.compile(r"^<a\s[^>]*>$", re.IGNORECASE)
_BOLD = re.compile(r"^</?(?:b|strong)\s*>$", re.IGNORECASE)
_SUP = re.compile(r"^</?sup\s*>$", re.IGNORECASE)
_A_CLOSE = re.compile(r"^</a\s*>$", re.IGNORECASE)
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


@dataclass(frozen=True)
class Piece:
    """A run of inline text, or a link (``href``) and its text, with its emphasis."""

    text: str
    href: str | None = None
    strong: bool = False
    em: bool = False
    # A link named only by an image (a badge): its text is the image's alt text.
    badge: bool = False
    # Text in <sup>: a footnote's mark after an author's name ("Ann Lee<sup>1,2</sup>"), or
    # part of a word ("ST<sup>2</sup>").
    sup: bool = False


# A line break inside a paragraph (or ``<br>``): items are read line by line.
BREAK = Piece("\n")
Line = list[Piece]


@dataclass(frozen=True)
class Heading:
    """A section of the list; ``parent`` is the index of the heading it is under."""

    index: int
    level: int
    text: str
    line: int
    parent: int | None


@dataclass
class Item:
    """A bullet (its lines, then its nested bullets) or a table row (its cells by column)."""

    line: int
    heading: int | None
    lines: list[Line] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    cells: dict[str, Line] | None = None


@dataclass
class Parsed:
    headings: list[Heading] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    # Tables whose rows link nothing (figures, comparisons): their line, not read further.
    plain_tables: list[int] = field(default_factory=list)
    # Paragraphs outside lists and tables that open with a bold or linked title: a list may
    # be made of such entries (title, authors, date and links on lines of their own).
    paragraphs: list[Item] = field(default_factory=list)
    # Every link of the file with its line, wherever it stands (headings, prose, items).
    links: list[tuple[int, str]] = field(default_factory=list)
    # HTML blocks (their line, the heading they are under, their HTML): :mod:`.htmlblocks`
    # reads the items in them.
    html: list[tuple[int, int | None, str]] = field(default_factory=list)
    # Lines of bullets (or links) the parser skipped: nested past its limit, or after such.
    too_deep: list[int] = field(default_factory=list)


# An address markdown-it's normalizeLink gives back as it is: http(s), an ASCII host, and
# only characters that percent-encoding leaves alone (no %, no brackets, nothing beyond ASCII).
_PLAIN_LINK = re.compile(
    r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:[/?#][A-Za-z0-9._~!$&'()*+,;=:@/?#-]*)?"
)


def normalize_link(md: MarkdownIt) -> Callable[[str], str]:
    """markdown-it's normalizeLink, with plain addresses (most of a list's) returned as they
    are without parsing them (its parse, encode and punycode were a third of reading a list)."""
    slow = md.normalizeLink

    def normalize(url: str) -> str:
        return url if _PLAIN_LINK.fullmatch(url) else slow(url)

    return normalize


_PARSERS = threading.local()


def _parser() -> tuple[MarkdownIt, list[tuple[int, int]]]:
    """This thread's markdown-it parser, and the list its depth watch fills, made once: making
    a parser took as long as reading a list of ten bullets."""
    made: tuple[MarkdownIt, list[tuple[int, int]]] | None = getattr(_PARSERS, "made", None)
    if made is None:
        md = MarkdownIt("commonmark").enable("table")
        md.normalizeLink = normalize_link(md)  # type: ignore[method-assign,assignment]
        made = _PARSERS.made = (md, watch_depth(md))
    return made


def parse_markdown(text: str) -> Parsed:
    md, too_deep = _parser()
    too_deep.clear()
    tokens = md.parse(text)
    parsed = _Reader(tokens).read()
    parsed.links = all_links(tokens)
    if too_deep:
        parsed.too_deep = entries_in(text.splitlines(), too_deep)
    return parsed


_BARE = re.compile(r"https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:]")


def all_links(tokens: Sequence[Token]) -> list[tuple[int, str]]:
    """Each link's line and address: Markdown links, autolinks and addresses written as text
    (in HTML blocks, only what GitHub shows as Markdown is read)."""
    found: list[tuple[int, str]] = []
    for token in tokens:
        if token.type != "inline":
            continue
        line = _line(token)
        inside = 0
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "link_open":
                inside += 1
                found.append((line, str(child.attrs.get("href", ""))))
            elif child.type == "link_close":
                inside = max(0, inside - 1)
            elif child.type == "text" and not inside and "http" in child.content:
                found.extend((line, m.group(0)) for m in _BARE.finditer(child.content))
    return found


def _bold_only(lines: list[Line]) -> bool:
    """Whether lines say one thing, all of it in bold and without a link (``**Title**``)."""
    pieces = [p for line in lines for p in line if p.text.strip() or p.href]
    return bool(pieces) and all(p.strong and p.href is None for p in pieces)


def plain_text(pieces: Sequence[Piece]) -> str:
    """The text of pieces as a reader sees it, on one line."""
    return " ".join("".join(p.text for p in pieces).split())


def split_lines(pieces: Sequence[Piece]) -> list[Line]:
    lines: list[Line] = [[]]
    for piece in pieces:
        if piece is BREAK:
            lines.append([])
        else:
            lines[-1].append(piece)
    return [line for line in lines if plain_text(line) or any(p.href for p in line)]


def inline_pieces(children: Sequence[Token]) -> list[Piece]:
    """The pieces of an inline token's children: text with its emphasis, links, breaks."""
    out: list[Piece] = []
    strong = em = sup = 0
    link: tuple[str, list[str], bool, bool] | None = None
    texts = 0
    for child in children:
        kind = child.type
        if kind in ("strong_open", "strong_close"):
            strong += 1 if kind == "strong_open" else -1
        elif kind == "html_inline" and _BOLD.match(child.content):
            strong = max(0, strong + (-1 if child.content[1] == "/" else 1))
        elif kind == "html_inline" and _SUP.match(child.content):
            sup = max(0, sup + (-1 if child.content[1] == "/" else 1))
        elif kind in ("em_open", "em_close"):
            em += 1 if kind == "em_open" else -1
        elif kind == "link_open" or (kind == "html_inline" and _A_OPEN.match(child.content)):
            href = child.attrs.get("href", "") if kind == "link_open" else _html_href(child)
            link = (str(href), [], strong > 0, em > 0)
            texts = 0
        elif (
            kind == "link_close" or (kind == "html_inline" and _A_CLOSE.match(child.content))
        ) and (link is not None):
            href, words, was_strong, was_em = link
            name = " ".join("".join(words).split())
            out.append(Piece(name, href, was_strong, was_em, badge=bool(name) and not texts))
            link = None
        elif kind in ("softbreak", "hardbreak") or (
            kind == "html_inline" and _BR.match(child.content)
        ):
            if link is not None:
                link[1].append(" ")
            else:
                out.append(BREAK)
        elif kind in ("text", "code_inline", "image"):
            # An image inside a link (a badge) names the link by its alt text.
            content = child.content
            if link is not None:
                link[1].append(content)
                texts += kind != "image" and bool(content.strip())
            elif kind != "image":
                out.append(Piece(content, None, strong > 0, em > 0, sup=sup > 0))
    return out


def _html_href(token: Token) -> str:
    found = _HREF.search(token.content)
    return html.unescape(next((g for g in found.groups() if g is not None), "")) if found else ""


class _Reader:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.out = Parsed()
        self.heading: int | None = None
        # The <details> sections open here: the heading each was opened under, and the
        # heading its <summary> made (None until it has one, or for a "more" fold).
        self.details: list[tuple[int | None, int | None]] = []

    def read(self) -> Parsed:
        i = 0
        tokens = self.tokens
        while i < len(tokens):
            token = tokens[i]
            if token.type == "heading_open":
                self._heading(token, tokens[i + 1])
                i += 3
            elif token.type in ("bullet_list_open", "ordered_list_open"):
                items, i = self._list(i + 1, token.type.replace("_open", "_close"))
                self.out.items.extend(items)
            elif token.type == "table_open":
                i = self._table(i)
            elif token.type == "paragraph_open" and i + 1 < len(tokens):
                i = self._paragraph(i)
            elif token.type == "html_block":
                self._html(token)
                self.out.html.append((_line(token), self.heading, token.content))
                i += 1
            else:
                i += 1
        return self.out

    def _paragraph(self, i: int) -> int:
        """Reads the paragraph opened at ``i``; returns the index after it. A paragraph that
        is only a title in bold, with the rest of its entry in the block quote after it
        (``**Title**`` then ``> *Authors*`` and ``> arXiv 2022. [[Paper](...)]``), is read with
        that quote's first paragraph, as one entry."""
        token, inline = self.tokens[i], self.tokens[i + 1]
        lines = split_lines(inline_pieces(inline.children or []))
        after = i + 3
        if (
            lines
            and _bold_only(lines)
            and after + 2 < len(self.tokens)
            and self.tokens[after].type == "blockquote_open"
            and self.tokens[after + 1].type == "paragraph_open"
        ):
            quoted = self.tokens[after + 2]
            lines = lines + split_lines(inline_pieces(quoted.children or []))
            after += 4  # the quote's first paragraph is this entry's
        if not lines or not any(p.href for line in lines for p in line):
            return after
        first = next((p for p in lines[0] if p.text.strip() or p.href), None)
        if first is not None and not first.badge and (first.strong or first.href is not None):
            self.out.paragraphs.append(Item(_line(token), self.heading, lines))
        return after

    def _heading(self, token: Token, inline: Token) -> None:
        level = int(token.tag[1:])
        headings = self.out.headings
        parent = self.heading
        # A heading inside a <details> topic stays under that topic.
        floor = self.details[-1][1] if self.details else None
        while parent is not None and parent != floor and headings[parent].level >= level:
            parent = headings[parent].parent
        pieces = inline_pieces(inline.children or [])
        text = plain_text([p for p in pieces if p is not BREAK and not p.badge])
        index = len(headings)
        headings.append(Heading(index, level, text, _line(token), parent))
        self.heading = index

    def _list(self, i: int, close: str) -> tuple[list[Item], int]:
        items: list[Item] = []
        while i < len(self.tokens) and self.tokens[i].type != close:
            if self.tokens[i].type == "list_item_open":
                item, i = self._item(i)
                items.append(item)
            else:
                i += 1
        return items, i + 1

    def _item(self, i: int) -> tuple[Item, int]:
        item = Item(_line(self.tokens[i]), self.heading)
        i += 1
        while i < len(self.tokens) and self.tokens[i].type != "list_item_close":
            token = self.tokens[i]
            if token.type in ("bullet_list_open", "ordered_list_open"):
                children, i = self._list(i + 1, token.type.replace("_open", "_close"))
                item.children.extend(children)
                continue
            if token.type == "inline":
                item.lines.extend(split_lines(inline_pieces(token.children or [])))
            elif token.type == "html_block":
                self._html(token)
                self.out.html.append((_line(token), self.heading, token.content))
            i += 1
        return item, i + 1

    def _html(self, token: Token) -> None:
        """``<details><summary>Topic</summary>``, then the list's Markdown (separated by blank
        lines, as GitHub renders it), then ``</details>``: a section one level below the
        heading it sits in; its bullets file under it."""
        for found in _DETAILS.finditer(token.content):
            if found.group("open") is not None:
                self.details.append((self.heading, None))
            elif found.group("close") is not None:
                if self.details:
                    self.heading = self.details.pop()[0]
            elif self.details and self.details[-1][1] is None:
                line = _line(token) + token.content.count("\n", 0, found.start())
                self._summary(summary_text(found.group("summary")), line)

    def _summary(self, text: str, line: int) -> None:
        enclosing, _ = self.details[-1]
        if not text or " ".join(text.lower().split()) in FOLDS:
            return
        headings = self.out.headings
        level = (headings[enclosing].level if enclosing is not None else 0) + 1
        index = len(headings)
        headings.append(Heading(index, level, text, line, enclosing))
        self.details[-1] = (enclosing, index)
        self.heading = index

    def _table(self, i: int) -> int:
        start = _line(self.tokens[i])
        head: list[str] = []
        rows: list[Item] = []
        row: list[Line] = []
        line = start
        in_head = False
        while self.tokens[i].type != "table_close":
            token = self.tokens[i]
            if token.type in ("thead_open", "thead_close"):
                in_head = token.type == "thead_open"
            elif token.type == "tr_open":
                row, line = [], _line(token)
            elif token.type == "inline":
                row.append(inline_pieces(token.children or []))
            elif token.type == "tr_close" and in_head:
                head = [plain_text(cell).lower() for cell in row]
            elif token.type == "tr_close":
                cells = dict(zip(column_names(head), row, strict=False))
                rows.append(Item(line, self.heading, cells=cells))
            i += 1
        if any(p.href for r in rows for cell in (r.cells or {}).values() for p in cell):
            self.out.items.extend(rows)
        else:
            self.out.plain_tables.append(start)
        return i + 1


_DETAILS = re.compile(
    r"(?P<open><details\b[^>]*>)|(?P<close></details\s*>)"
    r"|<summary\b[^>]*>(?P<summary>.*?)</summary\s*>",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(r"<[^>]*>")
# What a <summary> says when it only folds the rest of a section away: not a topic.
FOLDS = frozenset(
    {
        "more",
        "more papers",
        "show more",
        "see more",
        "view more",
        "read more",
        "expand",
        "click to expand",
        "click to show",
        "click here",
        "show",
        "show all",
        "details",
        "...",
        "\u2026",
        "older",
        "older papers",
    }
)


def summary_text(inner: str) -> str:
    """The text of a ``<summary>``: its tags dropped, its entities read, on one line."""
    text = html.unescape(_TAG.sub(" ", inner))
    return " ".join(text.split()).strip(" *_#:")


# What tells a second column of one name from the first ("code #2"): see ``column_name``.
_REPEATED = re.compile(r" #\d+$")


def column_names(head: Sequence[str]) -> list[str]:
    """A table's column names, each once: a second "Code" column is "code #2", so that its
    cells are kept beside the first's rather than in their place."""
    names: list[str] = []
    seen: dict[str, int] = {}
    for n, name in enumerate(head):
        name = name or f"column {n + 1}"
        seen[name] = seen.get(name, 0) + 1
        names.append(name if seen[name] == 1 else f"{name} #{seen[name]}")
    return names


def column_name(name: str) -> str:
    """What a column is called in its table's head ("code #2" is a "code" column)."""
    return _REPEATED.sub("", name)


def _line(token: Token) -> int:
    return token.map[0] + 1 if token.map else 1
