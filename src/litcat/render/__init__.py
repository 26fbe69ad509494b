"""The catalog as pages: ``render_site(catalog, options) -> {path: text}``.

Nothing here knows MkDocs. Each kind of output is one producer module; to add one, write the
module (exposing ``PRODUCER``) and add it to :data:`PRODUCERS`.
"""

from __future__ import annotations

from ..core.catalog import Catalog
from . import compare, downloads, explorer, feeds, home, nodes, papers, recent, schema, trends
from .context import Producer, RenderContext, RenderOptions, href, page_url
from .output import MarkdownPage, Output, as_text
from .site import Rendered, SiteRenderer
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
    "MarkdownPage",
    "Output",
    "Producer",
    "RenderContext",
    "RenderOptions",
    "Rendered",
    "SiteRenderer",
    "as_text",
    "edit_url",
    "href",
    "page_url",
    "render_outputs",
    "render_site",
    "source_of",
]


def render_site(catalog: Catalog, options: RenderOptions) -> dict[str, str]:
    """Every generated page and file, by path relative to the docs folder; pages are Markdown
    with YAML front matter.

    The catalog must have loaded without errors (``catalog.ok``).
    """
    return {path: as_text(out) for path, out in render_outputs(catalog, options).items()}


def render_outputs(catalog: Catalog, options: RenderOptions) -> dict[str, Output]:
    """Like :func:`render_site`, with each page's metadata and body kept apart."""
    return SiteRenderer(options, list(PRODUCERS)).render(catalog).outputs
