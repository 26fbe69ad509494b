"""The recently added papers, by the date their record was added."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from ..core import paths
from ..core.models import Paper
from .context import Producer, RenderContext
from .output import Output

SHOWN = 100


def recently_added(papers: list[Paper], limit: int) -> list[Paper]:
    """Newest additions first; ties by year (newest first), then id, so output is stable."""
    newest = sorted(papers, key=lambda p: (p.added.toordinal(), p.year or 0, p.id), reverse=True)
    return newest[:limit]


def produce(ctx: RenderContext) -> Iterator[tuple[str, Output]]:
    chosen = recently_added(list(ctx.catalog.papers.values()), SHOWN)
    days = [(day, list(group)) for day, group in groupby(chosen, key=lambda p: p.added)]
    yield (
        paths.RECENT,
        ctx.page(
            "recent.md.j2",
            paths.RECENT,
            {"title": "Recently added"},
            days=days,
            shown=len(chosen),
            feeds=feed_list(ctx),
        ),
    )


def feed_list(ctx: RenderContext) -> list[tuple[str, str]]:
    """(label, path) of every feed: the catalog's, then one per top-level node."""
    out = [("The whole catalog", paths.CATALOG_FEED)]
    for dim in ctx.taxonomy.dimensions:
        for info in ctx.taxonomy.top_nodes(dim.id):
            out.append((f"{dim.label}: {info.node.label}", paths.node_feed(dim.id, info.id)))
    return out


PRODUCER = Producer("recent", produce)
