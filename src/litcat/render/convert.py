"""The two helpers :class:`~litcat.render.finish.Finisher` needs: a Markdown converter with the
site's extensions, and a highlighter for fenced code that gives what that converter gives.

Python-Markdown is imported when a converter is made, so rendering to Markdown loads none of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import escape
from typing import Any

from .finish import Converted, Highlight

# A sample that exercises the highlighter's escaping; the fast one is used only when it gives
# the same HTML as the site's Markdown for it.
SAMPLE = ("@misc{key,\n  title = {<b> & \"q\" 'a'},\n  year = {2024},\n}", "bibtex")


class MarkdownConverter:
    """One Python-Markdown instance with the site's extensions, reset between texts (MkDocs
    makes a new one per page, which costs more than converting a page's headings)."""

    def __init__(self, extensions: list[Any], configs: dict[str, Any]) -> None:
        import markdown

        self.md = markdown.Markdown(extensions=extensions, extension_configs=configs)

    def __call__(self, text: str) -> Converted:
        self.md.reset()
        html = self.md.convert(text)
        toc: list[dict[str, Any]] = list(getattr(self.md, "toc_tokens", []))
        # MkDocs takes a page's title from an h1 that opens it.
        title = str(toc[0]["name"]) if toc and html.startswith("<h1") else None
        return Converted(html, toc, title)


def fence_text(code: str, lang: str) -> str:
    longest = max((len(run) for run in code.split("\n") if set(run) == {"`"}), default=0)
    marks = "`" * max(3, longest + 1)
    return f"{marks}{lang}\n{code}\n{marks}\n"


def converted_highlight(convert: Callable[[str], Converted]) -> Highlight:
    """Highlighting by the converter itself: always what the site's Markdown gives."""

    def highlight(code: str, lang: str) -> str:
        return convert(fence_text(code, lang)).html

    return highlight


def pygments_highlight() -> Highlight:
    """Pygments as pymdownx.highlight calls it with its default settings, with one lexer per
    language (looking one up is most of the cost of a small block)."""
    from pygments import highlight as pygmentize
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound

    formatter = HtmlFormatter(cssclass="highlight", wrapcode=True)
    lexers: dict[str, Any] = {}

    def highlight(code: str, lang: str) -> str:
        lexer = lexers.get(lang)
        if lexer is None:
            try:
                lexer = get_lexer_by_name(lang or "text", stripnl=True)
            except ClassNotFound:
                lexer = get_lexer_by_name("text", stripnl=True)
            lexers[lang] = lexer
        return str(pygmentize(code, lexer, formatter)).rstrip("\n")

    return highlight


# The BibTeX entries the site shows (formats.bibtex.bibtex_entry): a head line, one
# ``  name = {value},`` line per field, and a closing brace. Pygments' BibTeX lexer reads every
# such entry into the same tokens, written below as its HTML formatter writes them; anything
# else goes to Pygments.
_BIB_HEAD = re.compile(r"@([a-z]+)\{([a-z0-9_.:-]+),\Z")
_BIB_FIELD = re.compile(r"  ([a-z][a-z]*) = (\{.*\}),\Z", re.IGNORECASE)
# Entry types Pygments' lexer reads otherwise: @comment opens a comment, as does any type
# beginning with it but "commentary"; a type beginning with "preamble" or "string" is read as
# that keyword followed by an error.
_BIB_SPECIAL = re.compile(r"comment(?!ary)|preamble|string")


def _span(css: str, text: str) -> str:
    return f'<span class="{css}">{escape(text, quote=False)}</span>'


def _braced(value: str) -> bool:
    """Whether ``value`` is one brace group: its braces balance and the first closes last (a
    backslash escapes nothing for the lexer)."""
    depth = 0
    for position, char in enumerate(value):
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0 and position != len(value) - 1:
                return False
    return depth == 0


def bibtex_html(code: str) -> str | None:
    """The HTML Pygments gives a BibTeX entry of the site's shape (with pymdownx.highlight's
    default settings), or None for any other code."""
    lines = code.split("\n")
    head = _BIB_HEAD.match(lines[0])
    if head is None or _BIB_SPECIAL.match(head[1]) or len(lines) < 2 or lines[-1] != "}":
        return None
    out = [
        '<div class="highlight"><pre><span></span><code>'
        f"{_span('nc', '@' + head[1])}{_span('p', '{')}{_span('nl', head[2])}{_span('p', ',')}"
    ]
    for line in lines[1:-1]:
        field = _BIB_FIELD.match(line)
        if field is None or not _braced(field[2]) or "\n" in field[2]:
            return None
        out.append(
            f"{_span('w', '  ')}{_span('na', field[1])}{_span('w', ' ')}{_span('p', '=')}"
            f"{_span('w', ' ')}{_span('s', field[2])}{_span('p', ',')}"
        )
    out.append(f"{_span('p', '}')}\n</code></pre></div>")
    return "\n".join(out)


def site_highlight(convert: Callable[[str], Converted]) -> Highlight:
    """The fast highlighter if it agrees with the site's Markdown on :data:`SAMPLE` and on
    the code in question, else the converter. Code Markdown would change before highlighting
    (tabs, spaces-only lines, control characters) always goes to the converter."""
    slow = converted_highlight(convert)
    try:
        fast = pygments_highlight()
    except ImportError:
        return slow
    if fast(*SAMPLE) != slow(*SAMPLE).strip():
        return slow
    # The site's own entries skip Pygments when the shortcut gives its HTML for the sample.
    entries = bibtex_html(SAMPLE[0]) == fast(*SAMPLE)

    def highlight(code: str, lang: str) -> str:
        if not _plain(code):
            return slow(code, lang)
        if entries and lang == "bibtex":
            html = bibtex_html(code)
            if html is not None:
                return html
        return fast(code, lang)

    return highlight


def _plain(code: str) -> bool:
    return all(line.isprintable() and (line.strip() or not line) for line in code.split("\n"))
