"""Trends: papers per year, overall and per top-level node of each dimension."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from markupsafe import Markup

from ..core import paths
from ..core.taxonomy import Dimension
from .charts import Series, grouped_bars, legend, year_axis
from .context import Producer, RenderContext
from .output import Output


@dataclass(frozen=True)
class Chart:
    dimension: Dimension | None
    years: list[int]
    series: list[Series]
    svg: Markup
    legend: Markup


def produce(ctx: RenderContext) -> Iterator[tuple[str, Output]]:
    catalog = ctx.catalog
    years = year_axis([p.year for p in catalog.papers.values()])
    total = Series("All papers", dict(Counter(p.year for p in catalog.papers.values())))
    charts = [
        Chart(None, years, [total], grouped_bars("Papers per year", years, [total]), legend([]))
    ]
    for dim in ctx.taxonomy.dimensions:
        series = []
        for info in ctx.taxonomy.top_nodes(dim.id):
            ids = catalog.papers_at(dim.id, info.id)
            series.append(
                Series(info.node.label, dict(Counter(catalog.papers[i].year for i in ids)))
            )
        title = f"Papers per year by {dim.label}"
        charts.append(Chart(dim, years, series, grouped_bars(title, years, series), legend(series)))
    yield paths.TRENDS, ctx.page("trends.md.j2", paths.TRENDS, {"title": "Trends"}, charts=charts)


PRODUCER = Producer("trends", produce)
