"""A catalog's generated site kept from one build to the next, as ``mkdocs serve`` rebuilds.

:class:`LiveSite` loads the catalog with a :class:`~litcat.core.reload.CatalogLoader` (only the
records whose file changed are read again), renders with a
:class:`~litcat.render.site.SiteRenderer` (only the outputs the change touches are made again)
and keeps each page's finished HTML while its Markdown stays the same. A build that fails
(a broken record) changes nothing kept, so the next save starts from the last good state.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..core.catalog import Catalog
from ..core.reload import CatalogLoader
from . import PRODUCERS
from .context import RenderOptions
from .finish import Finished, Finisher
from .output import MarkdownPage
from .search import Entry, search_entries
from .site import Rendered, SiteRenderer


class LiveSite:
    def __init__(self, root: Path) -> None:
        self.loader = CatalogLoader(root)
        self._renderer: SiteRenderer | None = None
        self._finisher: Finisher | None = None
        self._finisher_key: object = None
        self._finished: dict[str, tuple[MarkdownPage, Finished | None]] = {}
        self.catalog: Catalog | None = None

    def load(self) -> Catalog:
        return self.loader.load()

    def render(self, catalog: Catalog, options: RenderOptions) -> Rendered:
        if self._renderer is None or self._renderer.options != options:
            self._renderer = SiteRenderer(options, list(PRODUCERS))
        rendered = self._renderer.render(catalog)
        self.catalog = catalog
        for path in rendered.removed:
            self._finished.pop(path, None)
        return rendered

    def search_entries(self) -> dict[str, list[Entry]]:
        return search_entries(self.catalog) if self.catalog is not None else {}

    def use_finisher(self, key: object, make: Callable[[], Finisher]) -> None:
        """Finish pages with ``make()``'s finisher; pages finished by another (a different
        Markdown setup, told by ``key``) are finished again."""
        if self._finisher is None or key != self._finisher_key:
            self._finisher, self._finisher_key = make(), key
            self._finished = {}

    def finished(self, path: str, page: MarkdownPage) -> Finished | None:
        """The page as finished HTML, or None when it must go through Markdown."""
        assert self._finisher is not None, "use_finisher first"
        kept = self._finished.get(path)
        if kept is not None and (kept[0] is page or kept[0] == page):
            return kept[1]
        result = self._finisher.finish(page.body)
        self._finished[path] = (page, result)
        return result
