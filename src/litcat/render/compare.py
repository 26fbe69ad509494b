"""Comparison tables: for each node, its papers side by side on the attributes marked ``compare``.

A node gets a table when at least one of its papers (its own or its sub-nodes') records one of
those attributes. Each table is a page, sortable in the browser
(``src/litcat/assets/explorer/compare.js``), and a CSV file of the same rows next to it.
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..core import paths, values
from ..core.models import Paper
from ..core.taxonomy import Attribute, NodeInfo, Taxonomy
from ..formats.tables import spreadsheet_safe
from .context import NodeLink, Producer, RenderContext
from .output import Output


@dataclass(frozen=True)
class Cell:
    text: str
    # What the script sorts by when the text would sort wrongly (numbers); None: the text.
    sort: str | None = None


@dataclass(frozen=True)
class Row:
    paper: Paper
    cells: list[Cell]
    # The row in the table's CSV file, line end included.
    csv: str


@dataclass(frozen=True)
class Table:
    info: NodeInfo
    columns: list[Attribute]
    rows: list[Row]
    # Papers of the node that record none of the columns, left out of the table.
    left_out: int

    @property
    def page(self) -> str:
        return paths.compare_table(self.info.dimension, self.info.id)

    @property
    def csv(self) -> str:
        return paths.compare_csv(self.info.dimension, self.info.id)


def columns(taxonomy: Taxonomy) -> list[Attribute]:
    return [a for a in taxonomy.attributes if a.compare]


def _compared(paper: Paper, cols: list[Attribute]) -> bool:
    """Whether the paper records anything a table shows besides its title and year."""
    if paper.short_name or paper.links.code or paper.code_announced:
        return True
    return any(paper.attributes.get(a.id) not in (None, [], "") for a in cols)


def cell(attribute: Attribute, value: Any) -> Cell:
    """How one attribute value reads in a table: choices by label, booleans as yes or no."""
    text = values.shown(attribute, value)
    return Cell(text, text if attribute.type == "int" and value is not None else None)


def table(ctx: RenderContext, info: NodeInfo) -> Table | None:
    """The node's table, or None when none of its papers records a compared attribute."""
    cols = columns(ctx.taxonomy)
    papers = ctx.papers(ctx.catalog.papers_at(info.dimension, info.id))
    # Every table has the same columns, and a paper sits in the table of each of its nodes
    # and their ancestors: its row is made once per render.
    made: dict[str, Row | None] = ctx.cache.setdefault(f"{__name__}.rows", {})  # type: ignore[assignment]
    rows = []
    for paper in papers:
        if paper.id not in made:
            made[paper.id] = (
                Row(
                    paper,
                    [cell(a, paper.attributes.get(a.id)) for a in cols],
                    csv_line(paper, cols),
                )
                if _compared(paper, cols)
                else None
            )
        row = made[paper.id]
        if row is not None:
            rows.append(row)
    if not rows:
        return None
    return Table(info, cols, rows, len(papers) - len(rows))


def csv_line(paper: Paper, cols: list[Attribute]) -> str:
    """A paper's row of a table's CSV: identifiers and raw values, as ``litcat export``
    writes them."""
    out = io.StringIO()
    cells = [paper.id, paper.title, paper.short_name, paper.year, paper.url(), paper.links.code]
    cells += [paper.attributes.get(a.id) for a in cols]
    csv.writer(out, lineterminator="\n").writerow(
        [spreadsheet_safe(values.plain(v)) for v in cells]
    )
    return out.getvalue()


def table_csv(t: Table) -> str:
    """The table's rows as CSV."""
    out = io.StringIO()
    head = ["id", "title", "short_name", "year", "url", "code", *(a.id for a in t.columns)]
    csv.writer(out, lineterminator="\n").writerow(head)
    out.writelines(row.csv for row in t.rows)
    return out.getvalue()


def tables(ctx: RenderContext) -> dict[tuple[str, str], Table]:
    """Every node's table, made once per render: the index counts their rows."""
    found = ctx.cache.get(__name__)
    if found is None:
        made = ((info, table(ctx, info)) for info in ctx.taxonomy.all_nodes())
        found = ctx.cache[__name__] = {(i.dimension, i.id): t for i, t in made if t is not None}
    assert isinstance(found, dict)
    return found


def table_pages(ctx: RenderContext, info: NodeInfo) -> Iterator[tuple[str, Output]]:
    t = tables(ctx).get((info.dimension, info.id))
    if t is None:
        return
    dim = ctx.taxonomy.dimension(t.info.dimension)
    assert dim is not None
    # Themes print the title unescaped. A table of every compared column needs the width
    # of the navigation and the toc; the breadcrumb leads back. Search leaves it out: the
    # paper pages already index every value it shows.
    title = html.escape(f"Compare: {t.info.node.label}")
    meta = {"title": title, "hide": ["navigation", "toc"], "search": {"exclude": True}}
    yield t.page, ctx.page("compare.md.j2", t.page, meta, table=t, dimension=dim)
    yield t.csv, table_csv(t)


def produce(ctx: RenderContext) -> Iterator[tuple[str, Output]]:
    """The index of the tables; each table is made by :func:`table_pages`."""
    found = list(tables(ctx).values())
    by_dimension = [
        (dim, [t for t in found if t.info.dimension == dim.id]) for dim in ctx.taxonomy.dimensions
    ]
    yield (
        paths.COMPARE,
        ctx.page(
            "compare-index.md.j2",
            paths.COMPARE,
            {"title": "Comparison tables", "hide": ["toc"]},
            dimensions=[(dim, ts) for dim, ts in by_dimension if ts],
            columns=columns(ctx.taxonomy),
        ),
    )


def node_links(ctx: RenderContext, info: NodeInfo) -> list[NodeLink]:
    cols = columns(ctx.taxonomy)
    papers = ctx.catalog.papers
    if not any(
        _compared(papers[pid], cols) for pid in ctx.catalog.papers_at(info.dimension, info.id)
    ):
        return []
    return [NodeLink("Comparison table", paths.compare_table(info.dimension, info.id))]


PRODUCER = Producer("compare", produce, node_links, per_node=table_pages)
