"""Which file of the catalog a generated page comes from, for its edit link."""

from __future__ import annotations

from ..core import paths
from ..core.catalog import TAXONOMY_FILE, Catalog


def source_of(catalog: Catalog, path: str) -> str | None:
    """The file (relative to the catalog root) a page shows, or None for summary pages."""
    paper_id = paths.paper_of(path)
    if paper_id is not None:
        return catalog.files.get(paper_id)
    if paths.is_node_page(path):
        return TAXONOMY_FILE
    return None


def edit_url(edit_base: str | None, source: str | None) -> str | None:
    """The link that edits ``source`` (a path in the catalog folder), when the repo is known."""
    if edit_base is None or source is None:
        return None
    return edit_base + source
