"""Where a catalog's papers and nodes come from: the lists it grew from (the taxonomy's
``origins``) and what it added itself. A catalog without origins gets none of this.

Also the citations the home page offers: each origin's own BibTeX entry, and the catalog's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from markupsafe import Markup

from ..core import paths
from ..core.models import Paper
from ..core.taxonomy import Origin
from ..formats.bibtex import catalog_entry
from ..formats.explorer import CATALOG_ORIGIN, ORIGIN_FACET
from .context import RenderContext
from .recent import recently_added
from .text import fence, lower_first

# How many of the catalog's own additions the home page lists by name.
LATEST = 5


@dataclass(frozen=True)
class Share:
    """An origin and how many papers (or nodes) come from it."""

    origin: Origin
    count: int


@dataclass(frozen=True)
class Papers:
    """The papers by where they come from: each origin's, then the catalog's own."""

    shares: list[Share]
    added: int
    latest: list[Paper]
    # The explorer showing every paper the catalog added, linked from the home page.
    explorer: str


@dataclass(frozen=True)
class Nodes:
    """The taxonomy's nodes by where they come from, for the taxonomy page."""

    shares: list[Share]
    added: int


@dataclass(frozen=True)
class Citation:
    heading: str
    bibtex: Markup


def papers(ctx: RenderContext) -> Papers | None:
    origins = ctx.taxonomy.origins
    if not origins:
        return None
    counts = Counter(p.origin for p in ctx.catalog.papers.values())
    own = [p for p in ctx.catalog.papers.values() if p.origin is None]
    return Papers(
        [Share(o, counts[o.id]) for o in origins],
        len(own),
        recently_added(own, LATEST),
        ctx.explorer_href(paths.HOME, {ORIGIN_FACET: [CATALOG_ORIGIN]}),
    )


def nodes(ctx: RenderContext) -> Nodes | None:
    origins = ctx.taxonomy.origins
    if not origins:
        return None
    counts = Counter(info.node.origin for info in ctx.taxonomy.all_nodes())
    return Nodes([Share(o, counts[o.id]) for o in origins], counts[None])


def citations(ctx: RenderContext) -> list[Citation]:
    """A "Cite the review" block for each origin that gives its BibTeX, then "Cite this
    catalog"."""
    found = [
        Citation(f"Cite {lower_first(o.label)}", fence(o.bibtex, "bibtex"))
        for o in ctx.taxonomy.origins
        if o.bibtex
    ]
    options = ctx.options
    entry = catalog_entry(options.site_name, options.site_url, options.today)
    found.append(Citation("Cite this catalog", fence(entry, "bibtex")))
    return found
