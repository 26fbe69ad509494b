"""Generated pages as finished HTML, without running Python-Markdown over their raw HTML.

The templates write pages that are mostly raw HTML blocks (record text already escaped), with
a few Markdown headings and fenced code blocks between them. Python-Markdown spends most of a
build parsing those raw blocks only to pass them through. :class:`Finisher` splits a page
into blocks as Python-Markdown would: raw HTML blocks are kept as they are; fenced code goes
to a highlighter; what is left (headings, and any other Markdown a template writes) goes to a
real Markdown converter as a skeleton, with one placeholder paragraph per kept block. Paper
pages share a handful of skeletons, so each is converted once per build.

A page the finisher cannot split with certainty (a raw block left open, a placeholder the
converter did not keep) gets ``None``: the caller sends it through Markdown whole.
``tests/test_finish.py`` builds sites both ways and compares the pages.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .text import spaced_matches

# Tags that open a raw block whose content Python-Markdown leaves alone. Tags whose content is
# not HTML (pre, script, style, textarea) are not among them: such blocks go to the converter.
_RAW = "address article aside blockquote details dl div fieldset figcaption figure footer form"
_RAW += " h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav noscript ol p section table ul"
RAW_BLOCK_TAGS = frozenset(_RAW.split(" "))
_VOID = "area base br col embed hr img input link meta param source track wbr"
VOID_TAGS = frozenset(_VOID.split(" "))
_BLOCK_START = re.compile(r"<([A-Za-z][A-Za-z0-9]*)[\s/>]")
_VOID_START = re.compile(f"<(?:{_VOID.replace(' ', '|')})[\\s/>]")
# A line holding only an opening tag with the ``markdown`` attribute (md_in_html): its content
# is Markdown. The attribute goes; the rest of the tag is kept as written.
_MARKDOWN_OPEN = re.compile(
    r'<([a-z]+)((?:\s+[^\s>]+)*?)\s+markdown(?:="(?:1|block)")?((?:\s+[^\s>]+)*)>'
)
_FENCE_OPEN = re.compile(r"(`{3,}|~{3,})[ \t]*([\w+#.-]*)[ \t]*")
ID = re.compile(r'\sid="([^"]+)"')


@dataclass(frozen=True)
class Converted:
    """What a Markdown converter makes of a text: HTML, the table of contents' tokens (as
    Python-Markdown's ``toc`` extension gives them) and the title of a leading ``h1``."""

    html: str
    toc: list[dict[str, Any]]
    title: str | None


@dataclass(frozen=True)
class Finished:
    """A page's finished HTML, its table of contents, title and element ids."""

    html: str
    toc: list[dict[str, Any]]
    title: str | None
    ids: frozenset[str]


Convert = Callable[[str], Converted]
Highlight = Callable[[str, str], str]


class Finisher:
    """Turns Markdown bodies into :class:`Finished` pages.

    ``convert`` is the site's Markdown (its extensions and their settings); ``highlight``
    gives a fenced block's HTML from its code and language, as the site's Markdown would.
    """

    def __init__(self, convert: Convert, highlight: Highlight, memo_size: int = 256) -> None:
        self.convert = convert
        self.highlight = highlight
        self._token = "litcat" + secrets.token_hex(8)
        self._memo: dict[str, Converted] = {}
        self._memo_size = memo_size
        self._wrappers = self._wrapper_rule()

    def finish(self, body: str) -> Finished | None:
        blocks = split(body)
        if blocks is None:
            return None
        skeleton: list[str] = []
        kept: list[str] = []
        for kind, text in blocks:
            if kind == "markdown":
                skeleton.append(text)
                continue
            if kind == "fence":
                code, lang = text
                text = self.highlight(code, lang)
            elif kind == "wrapper":
                if self._wrappers is None:
                    return None
                text = text[self._wrappers]
            skeleton.append(f"{self._token}{len(kept)}x")
            kept.append(text)
        converted = self._convert("\n\n".join(skeleton) + "\n")
        html = self._fill(converted.html, kept)
        if html is None:
            return None
        return Finished(html, converted.toc, converted.title, element_ids(html))

    def _wrapper_rule(self) -> int | None:
        """How the site's Markdown writes a tag with the ``markdown`` attribute: without it
        (0: md_in_html reads the content as Markdown), as written (1: no md_in_html, though
        a fence inside is still highlighted, as superfences does), or otherwise (None: pages
        with one go through Markdown)."""
        sample = '<div class="w" markdown>\n\n```text\nq\n```\n\n</div>\n'
        expected = _squeeze(self.convert(sample).html)
        for rule in (0, 1):
            self._wrappers = rule
            found = self.finish(sample)
            if found is not None and _squeeze(found.html) == expected:
                return rule
        return None

    def _convert(self, skeleton: str) -> Converted:
        found = self._memo.get(skeleton)
        if found is None:
            if len(self._memo) >= self._memo_size:
                self._memo.clear()
            found = self._memo[skeleton] = self.convert(skeleton)
        return found

    def _fill(self, html: str, kept: list[str]) -> str | None:
        parts = html.split(f"<p>{self._token}")
        if len(parts) != len(kept) + 1:
            return None
        out = [parts[0]]
        for index, part in enumerate(parts[1:]):
            number, mark, rest = part.partition("x</p>")
            if not mark or number != str(index):
                return None
            out.append(kept[index])
            out.append(rest)
        return "".join(out)


Block = tuple[str, Any]


def element_ids(html: str) -> frozenset[str]:
    """The values of the page's ``id`` attributes: what ``ID.findall(html)`` finds, found from
    ``id="`` (:func:`~litcat.render.text.spaced_matches`; findall over the pages of 2,000 papers
    took a tenth of a second)."""
    return frozenset(found.group(1) for found in spaced_matches(html, 'id="', ID))


def _squeeze(html: str) -> str:
    return re.sub(r">\s+<", "><", html).strip()


def split(body: str) -> list[Block] | None:
    """The page's blocks in order: ``("raw", html)``, ``("fence", (code, lang))``,
    ``("markdown", text)`` and ``("wrapper", (tag without, tag with the markdown attribute))``;
    None when a block does not end where Markdown's would."""
    lines = body.split("\n")
    blocks: list[Block] = []
    wrappers: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        fence = _FENCE_OPEN.fullmatch(line)
        opened = _MARKDOWN_OPEN.fullmatch(line)
        if fence:
            end = _fence_end(lines, i, fence.group(1))
            if end is None:
                return None
            blocks.append(("fence", ("\n".join(lines[i + 1 : end]), fence.group(2))))
            i = end + 1
        elif opened:
            tag, before, after = opened.groups()
            wrappers.append(tag)
            blocks.append(("wrapper", (f"<{tag}{before}{after}>", line)))
            i += 1
        else:
            end = _chunk_end(lines, i)
            if end is None:
                return None
            chunk = "\n".join(lines[i:end])
            if wrappers and chunk == f"</{wrappers[-1]}>":
                wrappers.pop()
                blocks.append(("raw", chunk))
            else:
                kind = _kind(chunk)
                if kind is None:
                    return None
                blocks.append((kind, chunk))
            i = end
    return None if wrappers else blocks


def _fence_end(lines: list[str], start: int, marks: str) -> int | None:
    closing = re.compile(re.escape(marks[0]) + "{" + str(len(marks)) + r",}[ \t]*")
    for j in range(start + 1, len(lines)):
        if closing.fullmatch(lines[j]):
            return j
    return None


def _chunk_end(lines: list[str], start: int) -> int | None:
    """Where a chunk of non-blank lines ends; None if a fence opens inside it (the fence
    may hold blank lines, which only Markdown would read through)."""
    j = start
    while j < len(lines) and lines[j].strip():
        if j > start and _FENCE_OPEN.fullmatch(lines[j]):
            return None
        j += 1
    return j


def _kind(chunk: str) -> str | None:
    """``raw`` for a chunk of raw HTML blocks, ``markdown`` for one Markdown must read, None
    for a chunk whose elements do not all close in it (Markdown would read on)."""
    start = _BLOCK_START.match(chunk)
    if start is None:
        return "markdown" if not chunk.startswith("</") else None
    if not _balanced(chunk):
        return None
    return "raw" if start.group(1).lower() in RAW_BLOCK_TAGS else "markdown"


def _balanced(chunk: str) -> bool:
    """Whether the chunk closes as many elements as it opens and ends with a tag.

    Counting, not parsing: record text reaches pages escaped, so every tag comes from a
    template, and ``tests/test_finish.py`` holds the templates to what Markdown makes of them.
    """
    if "<!--" in chunk or not chunk.rstrip().endswith(">"):
        return False
    closes = chunk.count("</")
    opens = chunk.count("<") - closes - chunk.count("/>") - len(_VOID_START.findall(chunk))
    return opens == closes
