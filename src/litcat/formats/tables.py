"""The catalog as tables and data: one CSV row per paper, and the whole catalog as JSON."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import Any

from ..core import values
from ..core.catalog import Catalog
from ..core.models import Paper, to_data


def spreadsheet_safe(value: str) -> str:
    # A cell starting with one of these is run as a formula by spreadsheet programs.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


# The record columns of the CSV, in order; the tags (one column per dimension) and the
# attributes (one per declared attribute) come between ``video`` and ``summary``.
_HEAD: list[tuple[str, Callable[[Paper], Any]]] = [
    ("id", lambda p: p.id),
    ("title", lambda p: p.title),
    ("authors", lambda p: "; ".join(p.authors)),
    ("authors_incomplete", lambda p: p.authors_incomplete),
    ("year", lambda p: p.year),
    ("venue", lambda p: p.venue),
    ("venue_confirmed", lambda p: p.venue_confirmed),
    ("arxiv", lambda p: p.arxiv),
    ("doi", lambda p: p.doi),
    ("url", lambda p: p.url()),
    ("code", lambda p: p.links.code),
    ("project", lambda p: p.links.project),
    ("video", lambda p: p.links.video),
]
_TAIL: list[tuple[str, Callable[[Paper], Any]]] = [
    ("summary", lambda p: p.summary),
    ("added", lambda p: p.added.isoformat()),
]


def to_csv(catalog: Catalog) -> str:
    taxonomy = catalog.require_taxonomy()
    dims = taxonomy.dimension_ids()
    attrs = taxonomy.attribute_ids()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _ in _HEAD] + dims + attrs + [name for name, _ in _TAIL])
    for paper in catalog.sorted_papers():
        row: list[Any] = [get(paper) for _, get in _HEAD]
        row += ["; ".join(catalog.direct_nodes(paper.id, d)) for d in dims]
        row += [paper.attributes.get(a) for a in attrs]
        row += [get(paper) for _, get in _TAIL]
        writer.writerow([spreadsheet_safe(values.plain(v)) for v in row])
    return out.getvalue()


def catalog_data(catalog: Catalog) -> dict[str, Any]:
    """The whole catalog as plain data: the taxonomy and every record with its id and URL."""
    taxonomy = catalog.require_taxonomy()
    papers = []
    for paper in catalog.sorted_papers():
        record: dict[str, Any] = {"id": paper.id, "url": paper.url()}
        record.update(to_data(paper, taxonomy.dimension_ids(), taxonomy.attribute_ids()))
        record["added"] = paper.added.isoformat()
        papers.append(record)
    return {"taxonomy": taxonomy.model_dump(mode="json", exclude_defaults=True), "papers": papers}


def to_json(catalog: Catalog) -> str:
    return json.dumps(catalog_data(catalog), indent=2, ensure_ascii=False) + "\n"
