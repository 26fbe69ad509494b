"""Bullets nested past what the Markdown parser reads: found, so that they are reported.

markdown-it stops reading a block nested deeper than its ``maxNesting`` (about nine bullet
levels) and skips to the end of that block, which for a list is the end of the whole list,
without a word: its guard against unbounded recursion. The limit stays; :func:`watch_depth`
notes what it skips, and :func:`entries_in` names the bullets and links in those lines.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

_ENTRY_LINE = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)|https?://|\|")


def entries_in(lines: list[str], ranges: list[tuple[int, int]]) -> list[int]:
    """The lines in ``ranges`` (first, last; from 1) that open a bullet or hold a link."""
    merged: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if merged and first <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], last))
        else:
            merged.append((first, last))
    return [
        n
        for first, last in merged
        for n in range(first, min(last, len(lines)) + 1)
        if _ENTRY_LINE.search(lines[n - 1])
    ]


def watch_depth(md: MarkdownIt) -> list[tuple[int, int]]:
    """The line ranges that ``md`` will skip for being nested past its ``maxNesting``.

    markdown-it stops reading a block nested that deep and skips to its end without a word
    (its guard against unbounded recursion); the limit stays, and what it skips is reported.
    """
    skipped: list[tuple[int, int]] = []
    tokenize = md.block.tokenize

    def watched(state: StateBlock, start: int, end: int) -> None:
        line = state.skipEmptyLines(start)
        if (
            line < end
            and state.sCount[line] >= state.blkIndent
            and state.level >= md.options.maxNesting
        ):
            skipped.append((line + 1, end))
        tokenize(state, start, end)

    # This parser's own block reader, not markdown-it's class.
    md.block.tokenize = watched  # type: ignore[method-assign, assignment]
    return skipped
