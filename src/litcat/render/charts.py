"""Bar charts as inline SVG, drawn at build time.

Colours come from CSS classes (``litcat-series-N``, defined in the site's stylesheet for the
light and the dark palette) and text and axes use ``currentColor``, so a chart follows the
palette the reader picked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 720
HEIGHT = 260
LEFT = 36
BOTTOM = 28
TOP = 12
SERIES_COLOURS = 8


@dataclass(frozen=True)
class Series:
    label: str
    counts: dict[int, int]


def year_axis(years: list[int]) -> list[int]:
    """Every year from the first to the last, or only the years with papers if that is long."""
    if not years:
        return []
    low, high = min(years), max(years)
    return list(range(low, high + 1)) if high - low < 40 else sorted(set(years))


def ticks(top: int) -> list[int]:
    step = max(1, math.ceil(top / 4))
    return list(range(0, top + step, step))


def grouped_bars(title: str, years: list[int], series: list[Series]) -> Markup:
    """Papers per year, one bar per series within each year."""
    if not years or not series:
        return Markup("")
    top = max((s.counts.get(y, 0) for s in series for y in years), default=0) or 1
    scale_top = ticks(top)[-1]
    plot_w = WIDTH - LEFT - 8
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / len(years)
    bar = max(1.0, (slot * 0.8) / len(series))
    parts = [
        f'<svg class="litcat-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    parts += _grid(top, scale_top, plot_h)
    for i, year in enumerate(years):
        x0 = LEFT + slot * i + slot * 0.1
        for j, s in enumerate(series):
            n = s.counts.get(year, 0)
            if not n:
                continue
            h = plot_h * n / scale_top
            parts.append(
                f'<rect class="litcat-series-{j % SERIES_COLOURS}" x="{x0 + bar * j:.1f}" '
                f'y="{TOP + plot_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}">'
                f"<title>{escape(s.label)}, {year}: {n} paper{'s' if n != 1 else ''}</title></rect>"
            )
        if len(years) <= 16 or i % math.ceil(len(years) / 16) == 0:
            parts.append(
                f'<text class="litcat-axis" x="{LEFT + slot * (i + 0.5):.1f}" '
                f'y="{HEIGHT - 8}" text-anchor="middle">{year}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def _grid(top: int, scale_top: int, plot_h: float) -> list[str]:
    """Horizontal grid lines with their counts on the left."""
    lines = []
    for value in ticks(top):
        y = TOP + plot_h - plot_h * value / scale_top
        lines.append(
            f'<line class="litcat-grid" x1="{LEFT}" x2="{WIDTH - 8}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="litcat-axis" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{value}</text>"
        )
    return lines


def legend(series: list[Series]) -> Markup:
    items = "".join(
        f'<li><span class="litcat-swatch litcat-series-{j % SERIES_COLOURS}"></span>'
        f"{escape(s.label)}</li>"
        for j, s in enumerate(series)
    )
    return Markup(f'<ul class="litcat-legend">{items}</ul>')
