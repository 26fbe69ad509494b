"""Items inside the HTML blocks of a list: rows of a ``<table>``, ``<li>`` and ``<p>`` elements.

Lists written for GitHub often put their papers in HTML (a ``<table>`` of papers with their
badges, a ``<p>`` per entry). CommonMark keeps such a block as raw HTML, so the Markdown reader
sees no link in it. Here its elements become the same :class:`.structure.Item` a bullet or a
table row is: text and links (``<a href>``, named by its text or an image's alt text), with
bold and italics, line breaks at ``<br>`` and at block ends, and a row's cells under the names
of its table's header. Only elements that hold a link become items; what they say is read, and
refused with its line when it names no paper, exactly as for a bullet.

Nothing of the HTML reaches a record but text and the links' addresses, which
:func:`.links.classify` checks like any other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

from .structure import BREAK, Item, Line, Piece, column_names, plain_text, split_lines

_ITEMS = frozenset({"li", "p", "dd", "dt", "blockquote", "div", "center", "section"})
_BREAKS = frozenset({"br", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ul", "ol", "dl"})
_STRONG = frozenset({"b", "strong"})
_EM = frozenset({"i", "em", "cite"})
# Elements whose text is not shown.
_HIDDEN = frozenset({"script", "style", "template", "title", "head"})


@dataclass
class _Open:
    """An element being read: its line in the list, and its pieces so far."""

    line: int
    pieces: list[Piece] = field(default_factory=list)


class _BlockReader(HTMLParser):
    def __init__(self, first_line: int, heading: int | None) -> None:
        super().__init__(convert_charrefs=True)
        self.first_line = first_line
        self.heading = heading
        self.items: list[Item] = []
        # The block itself holds what no element of its own holds (its line: its first link's).
        self.open: list[_Open] = [_Open(0)]
        self.strong = self.em = self.hidden = 0
        self.link: tuple[str, list[str], bool, bool, bool] | None = None
        self.row: list[Line] | None = None
        self.row_line = 0
        self.row_is_head = False
        self.cell: _Open | None = None
        self.head: list[str] = []

    def _line(self) -> int:
        return self.first_line + self.getpos()[0] - 1

    def _add(self, piece: Piece) -> None:
        target = self.cell if self.cell is not None else self.open[-1]
        if not target.line and piece.href is not None:
            target.line = self._line()
        target.pieces.append(piece)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _STRONG:
            self.strong += 1
        elif tag in _EM:
            self.em += 1
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.link = (href.strip(), [], self.strong > 0, self.em > 0, False)
        elif tag == "img" and self.link is not None:
            alt = dict(attrs).get("alt") or ""
            href, words, strong, em, _ = self.link
            words.append(alt)
            self.link = (href, words, strong, em, not "".join(words[:-1]).strip())
        elif tag == "tr":
            self.row, self.row_line, self.row_is_head = [], self._line(), False
        elif tag in ("td", "th") and self.row is not None:
            self.cell = _Open(self._line())
            self.row_is_head = self.row_is_head or tag == "th"
        elif tag in _ITEMS and self.cell is None:
            self.open.append(_Open(self._line()))
        elif tag in _BREAKS:
            self._add(BREAK)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "img", "hr"):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _STRONG:
            self.strong = max(0, self.strong - 1)
        elif tag in _EM:
            self.em = max(0, self.em - 1)
        elif tag == "a" and self.link is not None:
            href, words, strong, em, badge = self.link
            name = " ".join("".join(words).split())
            self._add(Piece(name, href, strong, em, badge=badge and bool(name)))
            self.link = None
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(self.cell.pieces)
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self._end_row()
        elif tag in _ITEMS and len(self.open) > 1 and self.cell is None:
            self._emit(self.open.pop())
        elif tag in _BREAKS:
            self._add(BREAK)

    def handle_data(self, data: str) -> None:
        if self.hidden:
            return
        if self.link is not None:
            self.link[1].append(data)
        elif data:
            self._add(Piece(data, None, self.strong > 0, self.em > 0))

    def _end_row(self) -> None:
        row = self.row or []
        if self.cell is not None:
            row.append(self.cell.pieces)
            self.cell = None
        if self.row_is_head and not any(p.href for cell in row for p in cell):
            self.head = [plain_text(cell).lower() for cell in row]
        elif any(p.href for cell in row for p in cell):
            names = column_names(self.head + [""] * (len(row) - len(self.head)))
            cells = dict(zip(names, row, strict=False))
            self.items.append(Item(self.row_line, self.heading, cells=cells))
        self.row = None

    def _emit(self, element: _Open) -> None:
        lines = split_lines(element.pieces)
        if any(p.href for line in lines for p in line):
            self.items.append(Item(element.line or self.first_line, self.heading, lines))

    def finish(self) -> list[Item]:
        self.close()
        if self.row is not None:
            self._end_row()
        while self.open:
            self._emit(self.open.pop())
        return sorted(self.items, key=lambda item: item.line)


def html_items(html: str, first_line: int, heading: int | None) -> list[Item]:
    """The items (rows, list items, paragraphs that hold a link) of an HTML block that starts
    on ``first_line`` of the list, under the heading ``heading``."""
    reader = _BlockReader(first_line, heading)
    reader.feed(html)
    return reader.finish()
