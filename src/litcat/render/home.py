"""The home page: what the catalog holds, its taxonomy at a glance, and its matrix views."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..core import paths
from ..core.taxonomy import Dimension, MatrixView, NodeInfo
from . import origins
from .context import Producer, RenderContext
from .nodes import trees
from .output import Output


@dataclass(frozen=True)
class Cell:
    count: int
    heat: float
    href: str


@dataclass(frozen=True)
class Row:
    info: NodeInfo
    page: str
    cells: list[Cell]


@dataclass(frozen=True)
class Matrix:
    view: MatrixView
    rows_dim: Dimension
    columns_dim: Dimension
    columns: list[tuple[NodeInfo, str]]
    rows: list[Row]


def produce(ctx: RenderContext) -> Iterator[tuple[str, Output]]:
    catalog = ctx.catalog
    years = [p.year for p in catalog.papers.values() if p.year is not None]
    counts = {
        "papers": len(catalog.papers),
        "dimensions": len(ctx.taxonomy.dimensions),
        "nodes": sum(1 for _ in ctx.taxonomy.all_nodes()),
        "with_code": sum(1 for p in catalog.papers.values() if p.links.code),
    }
    yield (
        paths.HOME,
        ctx.page(
            "home.md.j2",
            paths.HOME,
            # The heading is the site name; the matrices need the width of the table of contents.
            {"hide": ["toc"]},
            counts=counts,
            years=(min(years), max(years)) if years else None,
            groups=trees(ctx),
            matrices=[matrix(ctx, view) for view in ctx.taxonomy.views],
            sources=origins.papers(ctx),
            citations=origins.citations(ctx),
        ),
    )


def matrix(ctx: RenderContext, view: MatrixView) -> Matrix:
    taxonomy = ctx.taxonomy
    rows_dim = taxonomy.dimension(view.rows)
    columns_dim = taxonomy.dimension(view.columns)
    if rows_dim is None or columns_dim is None:
        raise ValueError(f"view {view.id} names a dimension the taxonomy lacks")
    columns = list(taxonomy.nodes(view.columns).values())
    column_sets = [set(ctx.catalog.papers_at(view.columns, c.id)) for c in columns]
    grid = []
    for info in taxonomy.nodes(view.rows).values():
        at_row = set(ctx.catalog.papers_at(view.rows, info.id))
        grid.append((info, [len(at_row & ids) for ids in column_sets]))
    top = max((n for _, counts in grid for n in counts), default=0) or 1
    rows = [
        Row(
            info,
            paths.node(view.rows, info.id),
            [
                Cell(
                    n,
                    round(n / top, 3),
                    ctx.explorer_href(paths.HOME, {view.rows: [info.id], view.columns: [col.id]}),
                )
                for col, n in zip(columns, counts, strict=True)
            ],
        )
        for info, counts in grid
    ]
    headers = [(c, paths.node(view.columns, c.id)) for c in columns]
    return Matrix(view, rows_dim, columns_dim, headers, rows)


PRODUCER = Producer("home", produce)
