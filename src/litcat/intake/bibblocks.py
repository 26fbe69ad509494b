"""The steps bibtexparser runs for litcat, and where each block of a file starts.

bibtexparser v2 splits a file into blocks and leaves two things of BibTeX to middlewares:
concatenation (``"a " # "b"``, ``jan # " 2024"``) and decoding LaTeX. Names are split on their
LaTeX text (``{ATLAS Collaboration}`` is one name, ``{\\"U}nal`` one word) and decoded part by
part, so that a literal brace (``\\{``) survives decoding.
"""

from __future__ import annotations

import re
from typing import Any

from bibtexparser import middlewares as mw
from bibtexparser.library import Library
from bibtexparser.middlewares.middleware import BlockMiddleware, Middleware
from bibtexparser.middlewares.names import NameParts
from bibtexparser.model import Block, Entry

from . import latex

TEXT_FIELDS = frozenset({"title", "journal", "booktitle"})
NOTES = "litcat_notes"
# One piece of a concatenation: "quoted", {braced}, a number, or the name of an @string.
_PIECE = re.compile(r'\s*(?:"(?P<quoted>(?:[^"{}]|\{[^{}]*\})*)"|(?P<word>[\w:.+-]+))\s*')
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def parse_stack() -> list[Middleware]:
    return [
        mw.ResolveStringReferencesMiddleware(),
        Concatenate(),
        mw.RemoveEnclosingMiddleware(),
        # Name middlewares only see lowercase keys; files write Author as often as author.
        mw.NormalizeFieldKeys(),
        mw.SeparateCoAuthors(),
        mw.SplitNameParts(),
        DecodeText(),
    ]


def note(entry: Entry, text: str) -> None:
    notes: list[str] = entry.parser_metadata.setdefault(NOTES, [])
    if text not in notes:
        notes.append(text)


def _braced_end(text: str, start: int) -> int | None:
    depth = 0
    for i in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return i + 1
    return None


def split_concatenation(value: str) -> list[tuple[str, str]] | None:
    """``"a " # b # {c}`` as ``[("text", "a "), ("name", "b"), ("text", "c")]``; ``None`` when
    the value is not a concatenation of two pieces or more."""
    pieces: list[tuple[str, str]] = []
    pos = 0
    while True:
        if value[pos:].lstrip().startswith("{"):
            start = value.index("{", pos)
            end = _braced_end(value, start)
            if end is None:
                return None
            pieces.append(("text", value[start + 1 : end - 1]))
            pos = end
        else:
            piece = _PIECE.match(value, pos)
            if piece is None or piece.end() == pos:
                return None
            kind = "text" if piece["quoted"] is not None else "name"
            pieces.append((kind, piece["quoted"] if kind == "text" else piece["word"]))
            pos = piece.end()
        rest = value[pos:].lstrip()
        if not rest:
            return pieces if len(pieces) > 1 else None
        if not rest.startswith("#"):
            return None
        pos = value.index("#", pos) + 1


class Concatenate(BlockMiddleware):
    """``a # b`` joined, each name replaced by its ``@string`` (or kept, with a note)."""

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True, allow_parallel_execution=False)

    @classmethod
    def metadata_key(cls) -> str:
        return "litcat_concatenate"

    def transform_entry(self, entry: Entry, library: Library) -> Block:
        strings = {key.lower(): s.value for key, s in library.strings_dict.items()}
        for fld in entry.fields:
            if not isinstance(fld.value, str) or "#" not in fld.value:
                continue
            pieces = split_concatenation(fld.value)
            if pieces is None:
                continue
            joined = []
            for kind, text in pieces:
                if kind == "name" and not text.isdigit():
                    found = strings.get(text.lower())
                    if found is None:
                        note(entry, f"{fld.key}: @string {text!r} is not defined; kept as a word")
                    text = _unenclosed(found) if found is not None else text
                joined.append(text)
            fld.value = "{" + "".join(joined) + "}"
        return entry


def _unenclosed(value: Any) -> str:
    text = str(value)
    if len(text) > 1 and (text[0], text[-1]) in (("{", "}"), ('"', '"')):
        return text[1:-1]
    return text


class DecodeText(BlockMiddleware):
    """LaTeX to Unicode in the fields that hold text (title, venue, names), and only there.

    Identifiers and URLs stay verbatim: in ``https://x.org/a%20b`` the ``%`` is an escape,
    which a LaTeX decoder would take for a comment.
    """

    def __init__(self) -> None:
        super().__init__(allow_inplace_modification=True, allow_parallel_execution=False)

    @classmethod
    def metadata_key(cls) -> str:
        return "litcat_decode_text"

    def transform_entry(self, entry: Entry, library: Library) -> Block:
        for fld in entry.fields:
            if fld.key in TEXT_FIELDS and isinstance(fld.value, str):
                fld.value = self._decode(entry, fld.key, fld.value)
            elif fld.key == "author" and isinstance(fld.value, list):
                fld.value = [self._name(entry, n) for n in fld.value]
        return entry

    def _decode(self, entry: Entry, key: str, text: str) -> str:
        plain, notes = latex.decode(text)
        for found in notes:
            note(entry, f"{key}: {found}")
        return plain

    def _name(self, entry: Entry, parts: Any) -> Any:
        if not isinstance(parts, NameParts):
            return parts
        return NameParts(
            *(
                [w for w in (self._decode(entry, "author", word) for word in words) if w]
                for words in (parts.first, parts.von, parts.last, parts.jr)
            )
        )


def block_lines(text: str, blocks: list[Block]) -> dict[int, int]:
    """The line (1-based) each block starts on, by ``id(block)``, found in the text itself.

    Blocks keep their raw text, in file order; finding each after the one before gives its
    true line whatever the splitter counted.
    """
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
    lines: dict[int, int] = {}
    cursor, line = 0, 1
    for block in blocks:
        raw = getattr(block, "raw", None) or ""
        found = text.find(raw, cursor) if raw else -1
        if found < 0:
            continue
        while line < len(starts) and starts[line] <= found:
            line += 1
        lines[id(block)] = line
        cursor = found + len(raw)
    return lines
