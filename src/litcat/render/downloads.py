"""The downloads page and the catalog files it offers (BibTeX, JSON, CSL-JSON, CSV)."""

from __future__ import annotations

from collections.abc import Iterator

from ..core import paths
from ..formats.exports import EXPORTS
from .context import Producer, RenderContext
from .output import Output

DESCRIPTIONS = {
    "bibtex": "Every paper as a BibTeX entry; the keys are the record ids.",
    "csl-json": "CSL-JSON, which Zotero, pandoc and other reference managers import.",
    "csv": "One row per paper, for spreadsheets; tags and lists are separated by semicolons.",
    "json": "The whole catalog as data: the taxonomy and every record.",
}


def produce(ctx: RenderContext) -> Iterator[tuple[str, Output]]:
    files = []
    for name, export in EXPORTS.items():
        content = export.render(ctx.catalog)
        path = paths.download(export.filename)
        files.append(
            {
                "name": name,
                "path": path,
                "filename": export.filename,
                "media_type": export.media_type,
                "description": DESCRIPTIONS.get(name, ""),
                "size": len(content.encode("utf-8")),
            }
        )
        yield path, content
    yield (
        paths.DOWNLOADS,
        ctx.page("downloads.md.j2", paths.DOWNLOADS, {"title": "Downloads"}, files=files),
    )


PRODUCER = Producer("downloads", produce)
