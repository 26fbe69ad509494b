"""The catalog as CSL-JSON, which Zotero, pandoc and other reference managers import."""

from __future__ import annotations

import json
from typing import Any

from ..core.catalog import Catalog
from ..core.models import Paper
from .bibtex import cite_key, entry_type

_PARTICLES = frozenset(
    {
        "van",
        "von",
        "de",
        "der",
        "den",
        "del",
        "della",
        "da",
        "di",
        "du",
        "le",
        "la",
        "dos",
        "das",
        "ter",
        "ten",
        "bin",
        "al",
    }
)


def csl_name(name: str) -> dict[str, str]:
    """Split a full name into CSL family and given parts; particles join the family name."""
    parts = name.split()
    if len(parts) < 2:
        return {"literal": name}
    cut = len(parts) - 1
    while cut > 1 and parts[cut - 1].lower() in _PARTICLES:
        cut -= 1
    return {"family": " ".join(parts[cut:]), "given": " ".join(parts[:cut])}


def csl_item(paper: Paper) -> dict[str, Any]:
    kind = entry_type(paper)
    item: dict[str, Any] = {
        "id": cite_key(paper),
        "type": {"article": "article-journal", "inproceedings": "paper-conference"}.get(
            kind, "article"
        ),
        "title": paper.title,
        "author": [csl_name(a) for a in paper.authors],
    }
    cited = paper.citation_year()
    if cited is not None:
        item["issued"] = {"date-parts": [[cited]]}
    if cited != paper.year and paper.year is not None:
        item["original-date"] = {"date-parts": [[paper.year]]}
    if paper.venue is not None:
        item["container-title"] = paper.venue
    elif paper.arxiv:
        item["publisher"] = "arXiv"
        item["number"] = f"arXiv:{paper.arxiv}"
    if paper.doi:
        item["DOI"] = paper.doi
    url = paper.url()
    if url:
        item["URL"] = url
    return item


def to_csl_json(catalog: Catalog) -> str:
    return (
        json.dumps([csl_item(p) for p in catalog.sorted_papers()], indent=2, ensure_ascii=False)
        + "\n"
    )
