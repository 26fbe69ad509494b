"""The explorer: one page that filters every paper in the browser, and the data it reads."""

from __future__ import annotations

from collections.abc import Iterator

from ..core import paths
from ..formats.explorer import explorer_files
from .context import Producer, RenderContext
from .output import Output

# The script fills in each paper's id: the page template gives it this pattern to fill.
ID_SLOT = "{id}"


def produce(ctx: RenderContext) -> Iterator[tuple[str, Output]]:
    files = explorer_files(ctx.catalog)
    yield (
        paths.EXPLORER,
        ctx.page(
            "explorer.md.j2",
            paths.EXPLORER,
            {"title": "Explorer", "hide": ["toc"]},
            data={name: paths.explorer_file(name) for name in files},
            paper_pattern=paths.paper(ID_SLOT),
            taxonomy_page=paths.TAXONOMY,
            total=len(ctx.catalog.papers),
        ),
    )
    for name, text in files.items():
        yield paths.explorer_file(name), text


PRODUCER = Producer("explorer", produce)
