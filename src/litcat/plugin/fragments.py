"""The theme's page frame, rendered once and reused on the catalog's pages out of the nav.

Material renders the same header, navigation, footer and script tags around every page; on a
paper page out of the nav, only the title in the header changes from one page to the next
(the navigation has no active item, the links are relative to the same folder, and the table
of contents is one of a few). Rendering that frame for each of 2,000 paper pages was most of
their cost. The package's ``main.html`` wraps those blocks in ``litcat_fragment``: a block is
rendered in full the first time for a given *key* (folder, table of contents, front matter
other than the title and description, nav state), rendered again for a second page with the
same key and learned only if that page's output is the first one's with the title replaced;
after that it is made from the learned pieces, and rendered in full again on the 4th, 8th,
16th... use and compared. A block whose output the key and title do not explain (another
plugin's context, a template of the catalog's own) is rendered in full for the rest of the
build. Pages in the nav, the home page and hand-written pages are always rendered in full.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .pages import GeneratedFile

# Front matter that differs from page to page and that the cached blocks do not print: the
# title is learned in the output, the description and citation tags are in the head.
_PER_PAGE_META = frozenset({"title", "description", "citation"})


@dataclass
class _Block:
    """What is known of one block under one key."""

    first: str
    title: str
    parts: list[str] | None = None  # the output split on the title, once learned
    off: bool = False
    uses: int = 0


@dataclass
class FragmentCache:
    """The blocks of the theme's page learned so far in one build (see the module's doc)."""

    blocks: dict[tuple[str, Hashable], _Block] = field(default_factory=dict)
    rendered: int = 0  # blocks rendered by the theme, including checks
    reused: int = 0  # blocks made from what was learned
    _last: tuple[Any, Hashable | None] | None = None

    def jinja_global(self) -> Callable[..., str]:
        @pass_context
        def litcat_fragment(context: Context, name: str, caller: Callable[[], str]) -> str:
            return self.fragment(context, name, caller)

        return litcat_fragment

    def fragment(self, context: Context, name: str, caller: Callable[[], str]) -> str:
        page = context.get("page")
        key = self._key(context, page)
        if key is None:
            return self._render(caller)
        title = str(page.title or "")
        block = self.blocks.get((name, key))
        if block is None:
            out = self._render(caller)
            self.blocks[(name, key)] = _Block(str(out), title)
            return out
        if block.off:
            return self._render(caller)
        if block.parts is None:
            out = self._render(caller)
            if title != block.title:
                parts = block.first.split(block.title) if block.title else [block.first]
                if title.join(parts) == out:
                    block.parts = parts
                else:
                    block.off = True
            return out
        block.uses += 1
        made = title.join(block.parts)
        if block.uses & (block.uses - 1) == 0:
            # The 1st, 2nd, 4th, 8th... use after learning is rendered again and compared.
            out = self._render(caller)
            if out != made:
                block.off = True
            return out
        self.reused += 1
        return Markup(made) if context.eval_ctx.autoescape else made

    def _render(self, caller: Callable[[], str]) -> str:
        self.rendered += 1
        return caller()

    def _key(self, context: Context, page: Any) -> Hashable | None:
        """What the frame of ``page`` depends on besides its title, or None when it is not a
        generated page out of the nav (its frame is rendered in full)."""
        if self._last is not None and self._last[0] is page:
            return self._last[1]
        key = frame_key(context, page)
        self._last = (page, key)
        return key


def frame_key(context: Context, page: Any) -> Hashable | None:
    if page is None or not isinstance(getattr(page, "file", None), GeneratedFile):
        return None
    if page.is_homepage or page.parent is not None:
        return None
    if page.previous_page is not None or page.next_page is not None:
        return None
    nav = context.get("nav")
    if nav is not None and any(item is page for item in getattr(nav, "pages", ())):
        return None
    meta = page.meta or {}
    rest = repr(sorted((k, v) for k, v in meta.items() if k not in _PER_PAGE_META))
    url = str(page.url or "")
    return (
        posixpath.dirname(url.rstrip("/")),
        url.endswith("/"),
        str(context.get("base_url")),
        "title" in meta,
        rest,
        toc_key(page.toc),
    )


def toc_key(toc: Any) -> Hashable:
    return tuple(
        (str(item.title), str(item.url), int(item.level), toc_key(item.children)) for item in toc
    )
