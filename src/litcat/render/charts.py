"""Bar charts as inline SVG, drawn at build time.

Colours come from CSS classes (``litcat-series-N``, defined in the site's stylesheet for the
light and the dark palette) and text and axes use ``currentColor``, so a chart follows the
palette the reader picked. Each chart is drawn twice, for wide screens and for phones (the
stylesheet shows one): scaled down to a phone, the wide drawing's labels would be 5 px tall.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from markupsafe import Markup, escape

SERIES_COLOURS = 8
# Marks the year that is not over yet, on its axis label and in the note under the chart.
PARTIAL_MARK = "*"


@dataclass(frozen=True)
class Frame:
    """One drawing of a chart: its size in SVG units, and the size of its text."""

    name: str
    width: int
    height: int
    left: int
    font: int
    bottom: int = 28
    top: int = 12
    right: int = 8


# The narrow frame is drawn about as wide as a phone's page, so that its units are pixels there.
WIDE = Frame("wide", 720, 260, 36, 12)
NARROW = Frame("narrow", 360, 240, 34, 12)
FRAMES = (WIDE, NARROW)


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


def year_label(year: int, partial: int | None) -> str:
    return f"{year}{PARTIAL_MARK}" if year == partial else str(year)


def grouped_bars(
    title: str, years: list[int], series: list[Series], partial: int | None = None
) -> Markup:
    """Papers per year, one bar per series within each year, in every frame.

    ``partial`` is the year that is not over yet: its bars are drawn apart and its label marked.
    """
    if not years or not series:
        return Markup("")
    return Markup("".join(_drawing(f, title, years, series, partial) for f in FRAMES))


def _drawing(
    frame: Frame, title: str, years: list[int], series: list[Series], partial: int | None
) -> str:
    top = max((s.counts.get(y, 0) for s in series for y in years), default=0) or 1
    scale_top = ticks(top)[-1]
    plot_w = frame.width - frame.left - frame.right
    plot_h = frame.height - frame.top - frame.bottom
    slot = plot_w / len(years)
    bar = max(1.0, (slot * 0.8) / len(series))
    # Labels that would touch their neighbours are thinned out, keeping every n-th.
    widest = max(len(year_label(y, partial)) for y in years) * frame.font * 0.62 + 6
    every = max(1, math.ceil(widest / slot))
    parts = [
        f'<svg class="litcat-chart litcat-chart-{frame.name}" '
        f'viewBox="0 0 {frame.width} {frame.height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        f'font-size="{frame.font}">',
        f"<title>{escape(title)}</title>",
    ]
    parts += _grid(frame, top, scale_top, plot_h)
    for i, year in enumerate(years):
        x0 = frame.left + slot * i + slot * 0.1
        parts += _bars(frame, year, series, (x0, bar, plot_h / scale_top), partial)
        # The last year keeps its label even off the rhythm: it is the one readers look for.
        if i % every == 0 or (i == len(years) - 1 and (i % every) * slot >= widest):
            parts.append(
                f'<text class="litcat-axis" x="{frame.left + slot * (i + 0.5):.1f}" '
                f'y="{frame.height - 8}" text-anchor="middle">{year_label(year, partial)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _bars(
    frame: Frame,
    year: int,
    series: list[Series],
    place: tuple[float, float, float],
    partial: int | None,
) -> list[str]:
    """One year's bars; ``place`` is the first bar's x, a bar's width and the height of one
    paper."""
    x0, bar, unit = place
    late = " litcat-partial" if year == partial else ""
    when = f"{year} (so far)" if year == partial else str(year)
    parts = []
    for j, s in enumerate(series):
        n = s.counts.get(year, 0)
        if not n:
            continue
        h = unit * n
        parts.append(
            f'<rect class="litcat-series-{j % SERIES_COLOURS}{late}" '
            f'x="{x0 + bar * j:.1f}" y="{frame.height - frame.bottom - h:.1f}" '
            f'width="{bar:.1f}" height="{h:.1f}">'
            f"<title>{escape(s.label)}, {when}: {n} paper{'s' if n != 1 else ''}</title></rect>"
        )
    return parts


def _grid(frame: Frame, top: int, scale_top: int, plot_h: float) -> list[str]:
    """Horizontal grid lines with their counts on the left."""
    lines = []
    for value in ticks(top):
        y = frame.top + plot_h - plot_h * value / scale_top
        lines.append(
            f'<line class="litcat-grid" x1="{frame.left}" x2="{frame.width - frame.right}" '
            f'y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="litcat-axis" x="{frame.left - 6}" y="{y + 4:.1f}" text-anchor="end">'
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
