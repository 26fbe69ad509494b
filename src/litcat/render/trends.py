"""Trends: papers per year, overall and per top-level node of each dimension."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from ..core import paths
from ..core.taxonomy import Dimension
from .charts import PARTIAL_MARK, Series, grouped_bars, legend, year_axis
from .context import Producer, RenderContext
from .output import Output


@dataclass(frozen=True)
class Chart:
    dimension: Dimension | None
    years: list[int]
    series: list[Series]
    svg: Markup
    legend: Markup


def partial_year(ctx: RenderContext, years: list[int]) -> int | None:
    """The year of the build when the charts show it: it is not over, its counts will grow."""
    today = ctx.options.today
    return today.year if today is not None and today.year in years else None


def produce(ctx: RenderContext) -> Iterator[tuple[str, Output]]:
    catalog = ctx.catalog
    # A paper whose year no source gives has no place on a time axis.
    dated = {pid: p.year for pid, p in catalog.papers.items() if p.year is not None}
    years = year_axis(list(dated.values()))
    partial = partial_year(ctx, years)
    total = Series("All papers", dict(Counter(dated.values())))
    svg = grouped_bars("Papers per year", years, [total], partial)
    charts = [Chart(None, years, [total], svg, legend([]))]
    for dim in ctx.taxonomy.dimensions:
        series = []
        for info in ctx.taxonomy.top_nodes(dim.id):
            ids = catalog.papers_at(dim.id, info.id)
            series.append(
                Series(info.node.label, dict(Counter(dated[i] for i in ids if i in dated)))
            )
        svg = grouped_bars(f"Papers per year by {dim.label}", years, series, partial)
        charts.append(Chart(dim, years, series, svg, legend(series)))
    yield (
        paths.TRENDS,
        ctx.page(
            "trends.md.j2",
            paths.TRENDS,
            {"title": "Trends"},
            charts=charts,
            partial=partial,
            today=ctx.options.today,
            mark=PARTIAL_MARK,
        ),
    )


PRODUCER = Producer("trends", produce)
