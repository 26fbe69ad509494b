"""The catalog as pages: ``render_site(catalog, options) -> {path: text}``.

Nothing here knows MkDocs. Each kind of output is one producer module; to add one, write the
module (exposing ``PRODUCER``) and add it to :data:`PRODUCERS`.
"""

from __future__ import annotations

from ..core.catalog import Catalog
from . import compare, downloads, explorer, feeds, home, nodes, papers, recent, schema, trends
from .context import Producer, RenderContext, RenderOptions, href, page_url
from .sources import edit_url, source_of

PRODUCERS: list[Producer] = [
    home.PRODUCER,
    nodes.PRODUCER,
    papers.PRODUCER,
    trends.PRODUCER,
    recent.PRODUCER,
    feeds.PRODUCER,
    downloads.PRODUCER,
    schema.PRODUCER,
    explorer.PRODUCER,
    compare.PRODUCER,
]

__all__ = [
    "PRODUCERS",
    "Producer",
    "RenderContext",
    "RenderOptions",
    "edit_url",
    "href",
    "page_url",
    "render_site",
    "source_of",
]


def render_site(catalog: Catalog, options: RenderOptions) -> dict[str, str]:
    """Every generated page and file, by path relative to the docs folder.

    The catalog must have loaded without errors (``catalog.ok``).
    """
    if not catalog.ok:
        raise ValueError("the catalog has errors; run litcat validate")
    ctx = RenderContext(catalog, options, list(PRODUCERS))
    pages: dict[str, str] = {}
    owner: dict[str, str] = {}
    for producer in ctx.producers:
        for path, content in producer.produce(ctx):
            if path in pages:
                raise ValueError(f"{producer.name} and {owner[path]} both write {path}")
            pages[path] = content
            owner[path] = producer.name
    return pages
