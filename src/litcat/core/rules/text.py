"""Text that reads as something it is not: invisible characters and look-alike link hosts.

A reviewer reads a pull request on GitHub. A zero-width space or a Unicode tag character in a
title, a bidi mark in a name, or a Cyrillic a (U+0430) in ``github.com`` all pass review unseen.
They are warnings, not errors (Persian writes a zero-width non-joiner, emoji join with a
zero-width joiner), so ``litcat validate --strict`` and a strict site build fail on them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from ..fields import BIDI_CONTROLS
from ..reading.reader import Document, Path_

# Format characters (Cf: bidi marks, zero-width characters, the word joiner, invisible
# operators, tag characters, the soft hyphen...) and the letters that render as nothing.
_INVISIBLE_LETTERS = "\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0\u2800"
_LINK_FIELDS = ("links", "sources")


_LETTERS = re.compile(f"[{_INVISIBLE_LETTERS}]")


def invisible(text: str) -> str | None:
    """The first character of ``text`` a reader cannot see, if any (spaces are seen)."""
    # isprintable() is false for every Cf character: printable text can only hide one of the
    # invisible letters, which one expression finds.
    if text.isprintable() and _LETTERS.search(text) is None:
        return None
    for char in text:
        if char in BIDI_CONTROLS:
            continue  # refused outright by the fields (fields._line)
        if unicodedata.category(char) == "Cf" or char in _INVISIBLE_LETTERS:
            return char
    return None


# Invisible characters no text needs: a soft hyphen only marks where a word may break (lists
# copied from PDFs are full of them), zero-width spaces, the word joiner and the byte-order
# mark separate or join nothing a reader sees. Joiners (ZWJ, ZWNJ) are kept: Persian writes
# them, emoji sequences need them.
_NEVER_NEEDED = re.compile("[\u00ad\u180e\u200b\u2060\ufeff]")


def remove_invisible(text: str, *, every: bool = False) -> str:
    """``text`` without the invisible characters no text needs (with ``every``, without any
    invisible character: for names that must be plain, such as a site's)."""
    text = _NEVER_NEEDED.sub("", text)
    if every and invisible(text) is not None:
        text = "".join(c for c in text if invisible(c) is None)
    return text


def _describe(char: str) -> str:
    name = unicodedata.name(char, "").lower() or "an unnamed character"
    return f"U+{ord(char):04X} ({name})"


def lookalike_host(url: str) -> str | None:
    """Why a link's host may not be the one it looks like, if it may not."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return None
    foreign = next((c for c in host if ord(c) > 0x7F), None)
    if foreign is not None:
        return f"the host holds {_describe(foreign)}, which can look like a Latin letter"
    if re.search(r"(?:^|\.)xn--", host):
        return "the host is an internationalised name (xn--), which can look like another"
    return None


def _strings(value: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*path, i))


def _suspect(value: Any) -> bool:
    """Whether any string of ``value`` is not ASCII or may name an internationalised host."""
    if isinstance(value, str):
        return not value.isascii() or "xn--" in value
    if isinstance(value, dict):
        return any(map(_suspect, value.values()))
    if isinstance(value, list):
        return any(map(_suspect, value))
    return False


def _plain(source: str) -> bool:
    """Whether YAML ``source`` can only give ASCII strings without 'xn--': it is ASCII and has
    no backslash (an escape of a double-quoted string, like \\u200b, is the one way to more)."""
    return source.isascii() and "\\" not in source and "xn--" not in source


def check_text(doc: Document, data: dict[str, Any]) -> None:
    """Warn about every invisible character and look-alike link host of a record."""
    if (doc.text and _plain(doc.text)) or not _suspect(data):
        return  # ASCII without 'xn--' holds neither (most records): no walk with locations
    for path, text in _strings(data, ()):
        if path and path[0] in _LINK_FIELDS:
            why = None if text.isascii() and "xn--" not in text else lookalike_host(text)
            if why is not None:
                doc.warning(path, why, "write the host in ASCII, as its owner registered it")
            continue  # a link holding an invisible character is refused (ids.check_url)
        char = None if text.isascii() else invisible(text)
        if char is not None:
            doc.warning(
                path,
                f"holds the invisible character {_describe(char)}",
                "remove it, unless the script needs it: it hides a difference no reviewer sees",
            )
