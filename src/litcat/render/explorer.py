"""The explorer: one page that filters every paper in the browser, and the data it reads."""

from __future__ import annotations

from collections.abc import Iterator

from ..formats.explorer import explorer_files
from .context import EXPLORER_PAGE, TAXONOMY_PAGE, Producer, RenderContext

# The script fills in each paper's id: the page template gives it this pattern to fill.
ID_SLOT = "{id}"


def produce(ctx: RenderContext) -> Iterator[tuple[str, str]]:
    folder = EXPLORER_PAGE.rsplit("/", 1)[0]
    files = explorer_files(ctx.catalog)
    yield (
        EXPLORER_PAGE,
        ctx.page(
            "explorer.md.j2",
            EXPLORER_PAGE,
            {"title": "Explorer", "hide": ["toc"]},
            data={name: f"{folder}/{name}" for name in files},
            paper_pattern=ctx.paper_page(ID_SLOT),
            taxonomy_page=TAXONOMY_PAGE,
            total=len(ctx.catalog.papers),
        ),
    )
    for name, text in files.items():
        yield f"{folder}/{name}", text


PRODUCER = Producer("explorer", produce)
