"""The two helpers :class:`~litcat.render.finish.Finisher` needs: a Markdown converter with the
site's extensions, and a highlighter for fenced code that gives what that converter gives.

Python-Markdown is imported when a converter is made, so rendering to Markdown loads none of it.
"""

from __future__ import annotations

from collections.abc import Callable
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

    def highlight(code: str, lang: str) -> str:
        if not _plain(code):
            return slow(code, lang)
        return fast(code, lang)

    return highlight


def _plain(code: str) -> bool:
    return all(line.isprintable() and (line.strip() or not line) for line in code.split("\n"))
