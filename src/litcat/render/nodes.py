"""The taxonomy: an overview page, and one page per node with its papers."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass

from ..core import paths
from ..core.taxonomy import Dimension, Group, NodeInfo
from . import origins
from .context import Producer, RenderContext
from .output import Output
from .sources import source_of


@dataclass(frozen=True)
class Branch:
    """A node of the tree as the pages draw it: label, page, paper count, children."""

    info: NodeInfo
    page: str
    count: int
    children: list[Branch]


@dataclass(frozen=True)
class DimensionTree:
    dimension: Dimension
    count: int
    branches: list[Branch]


@dataclass(frozen=True)
class GroupTrees:
    group: Group | None
    dimensions: list[DimensionTree]


def produce(ctx: RenderContext) -> Iterator[tuple[str, Output]]:
    yield (
        paths.TAXONOMY,
        ctx.page(
            "taxonomy.md.j2",
            paths.TAXONOMY,
            {"title": "Taxonomy"},
            groups=trees(ctx),
            sources=origins.nodes(ctx),
        ),
    )


def node_pages(ctx: RenderContext, info: NodeInfo) -> Iterator[tuple[str, Output]]:
    yield node_page(ctx, info)


def node_page(ctx: RenderContext, info: NodeInfo) -> tuple[str, Output]:
    taxonomy = ctx.taxonomy
    path = paths.node(info.dimension, info.id)
    dim = taxonomy.dimension(info.dimension)
    assert dim is not None
    ancestors = [taxonomy.node(info.dimension, a) for a in info.path[:-1]]
    content = ctx.page(
        "node.md.j2",
        path,
        {"title": html.escape(info.node.label)},
        info=info,
        dimension=dim,
        ancestors=[a for a in ancestors if a is not None],
        children=[branch(ctx, child) for child in taxonomy.children(info.dimension, info.id)],
        papers=ctx.papers(ctx.catalog.papers_at(info.dimension, info.id)),
        extra_links=ctx.node_links(info),
        feed=feed_path(info),
        origin=taxonomy.origin(info.node.origin) if info.node.origin else None,
        edit_url=ctx.edit_url(source_of(ctx.catalog, path)),
    )
    return path, content


def feed_path(info: NodeInfo) -> str | None:
    """Top-level nodes have an Atom feed of their own."""
    return paths.node_feed(info.dimension, info.id) if info.depth == 0 else None


def branch(ctx: RenderContext, info: NodeInfo) -> Branch:
    children = ctx.taxonomy.children(info.dimension, info.id)
    return Branch(
        info,
        paths.node(info.dimension, info.id),
        len(ctx.catalog.papers_at(info.dimension, info.id)),
        [branch(ctx, child) for child in children],
    )


def dimension_tree(ctx: RenderContext, dim: Dimension) -> DimensionTree:
    tagged = sum(1 for pid in ctx.catalog.papers if ctx.catalog.nodes_of(pid, dim.id))
    branches = [branch(ctx, top) for top in ctx.taxonomy.top_nodes(dim.id)]
    return DimensionTree(dim, tagged, branches)


def trees(ctx: RenderContext) -> list[GroupTrees]:
    """The dimensions by group, in taxonomy order; ungrouped ones come last."""
    taxonomy = ctx.taxonomy
    out = [
        GroupTrees(group, [dimension_tree(ctx, d) for d in taxonomy.dimensions_of_group(group.id)])
        for group in taxonomy.groups
    ]
    loose = taxonomy.dimensions_of_group(None)
    if loose:
        out.append(GroupTrees(None, [dimension_tree(ctx, d) for d in loose]))
    return [g for g in out if g.dimensions]


PRODUCER = Producer("nodes", produce, per_node=node_pages)
