"""The catalog's export formats, by name: what ``litcat export`` and the site's downloads offer.

Every output is deterministic (records in id order, no timestamps), so two builds of one catalog
are identical.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..core.catalog import Catalog
from .bibtex import to_bibtex
from .csl import to_csl_json
from .tables import to_csv, to_json


@dataclass(frozen=True, slots=True)
class Export:
    filename: str
    media_type: str
    render: Callable[[Catalog], str]


EXPORTS: dict[str, Export] = {
    "bibtex": Export("catalog.bib", "application/x-bibtex", to_bibtex),
    "csl-json": Export("catalog.csl.json", "application/vnd.citationstyles.csl+json", to_csl_json),
    "csv": Export("catalog.csv", "text/csv", to_csv),
    "json": Export("catalog.json", "application/json", to_json),
}
