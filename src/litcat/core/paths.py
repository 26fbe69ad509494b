"""Where everything of a catalog's site lives: every page and file path, in one place.

Paths are posix and relative to the docs folder (``papers/<id>/index.md``); the renderer turns
them into relative links. Templates get this module as ``paths``, so no template spells a path
itself. The inverse functions tell which record or node a page shows, for edit links.
"""

from __future__ import annotations

HOME = "index.md"
TAXONOMY = "taxonomy/index.md"
EXPLORER = "explorer/index.md"
COMPARE = "compare/index.md"
TRENDS = "trends.md"
RECENT = "recent.md"
DOWNLOADS = "downloads/index.md"
DOWNLOADS_DIR = "downloads"
SCHEMA = "schema/record.json"
CATALOG_FEED = "feeds/catalog.xml"

_PAPER = "papers/{id}/index.md"
_NODE = "taxonomy/{dim}/{node}/index.md"
_NODE_FEED = "feeds/{dim}/{node}.xml"
_COMPARE_TABLE = "compare/{dim}/{node}/index.md"
_COMPARE_CSV = "compare/{dim}/{node}.csv"


def paper(paper_id: str) -> str:
    return _PAPER.format(id=paper_id)


def node(dim: str, node_id: str) -> str:
    return _NODE.format(dim=dim, node=node_id)


def node_feed(dim: str, node_id: str) -> str:
    return _NODE_FEED.format(dim=dim, node=node_id)


def compare_table(dim: str, node_id: str) -> str:
    return _COMPARE_TABLE.format(dim=dim, node=node_id)


def compare_csv(dim: str, node_id: str) -> str:
    return _COMPARE_CSV.format(dim=dim, node=node_id)


def download(filename: str) -> str:
    return f"{DOWNLOADS_DIR}/{filename}"


def explorer_file(name: str) -> str:
    return f"{EXPLORER.rsplit('/', 1)[0]}/{name}"


def paper_of(path: str) -> str | None:
    """The id of the paper a page shows (``papers/<id>/index.md``), else None."""
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == "papers" and parts[2] == "index.md":
        return parts[1]
    return None


def is_node_page(path: str) -> bool:
    parts = path.split("/")
    return len(parts) == 4 and parts[0] == "taxonomy" and parts[3] == "index.md"
