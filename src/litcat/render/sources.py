"""Which file of the catalog a generated page comes from, for its edit link."""

from __future__ import annotations

from ..core.catalog import TAXONOMY_FILE, Catalog


def source_of(catalog: Catalog, path: str) -> str | None:
    """The file (relative to the catalog root) a page shows, or None for summary pages."""
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == "papers" and parts[2] == "index.md":
        return catalog.files.get(parts[1])
    if len(parts) == 4 and parts[0] == "taxonomy" and parts[3] == "index.md":
        return TAXONOMY_FILE
    return None


def edit_url(edit_base: str | None, source: str | None) -> str | None:
    """The link that edits ``source`` (a path in the catalog folder), when the repo is known."""
    if edit_base is None or source is None:
        return None
    return edit_base + source
