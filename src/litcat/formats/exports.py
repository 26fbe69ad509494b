"""The catalog as BibTeX, CSL-JSON, CSV and JSON.

One implementation serves both ``litcat export`` and the site's downloads. Every output is
deterministic (records in id order, no timestamps), so two builds of one catalog are identical.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core import values
from ..core.catalog import Catalog
from ..core.models import Paper, to_data

# A venue naming one of these is a journal; anything else with a venue is a proceedings volume.
_JOURNAL = re.compile(
    r"\b(journal|transactions|letters|magazine|review|nature|science|systems|access|annals)\b",
    re.IGNORECASE,
)
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
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX_SPECIAL))


def cite_key(paper: Paper) -> str:
    """Record ids are already good citation keys: ``ma2023eureka``."""
    return paper.id


def latex_escape(text: str) -> str:
    return _LATEX_RE.sub(lambda m: _LATEX_SPECIAL[m.group()], text)


def entry_type(paper: Paper) -> str:
    if paper.venue is None:
        return "misc"
    return "article" if _JOURNAL.search(paper.venue) else "inproceedings"


def bibtex_fields(paper: Paper) -> list[tuple[str, str]]:
    """The fields of a paper's BibTeX entry, unescaped, in the order they are written."""
    fields = [("title", paper.title)]
    # BibTeX's "others" says the list goes on; alone, it says no author is known.
    others = ["others"] if paper.authors_incomplete else []
    if paper.authors or others:
        fields.append(("author", " and ".join([*paper.authors, *others])))
    fields.append(("year", str(paper.year)))
    kind = entry_type(paper)
    if paper.venue is not None:
        fields.append(("journal" if kind == "article" else "booktitle", paper.venue))
    if paper.arxiv:
        fields += [("eprint", paper.arxiv), ("archiveprefix", "arXiv")]
    if paper.doi:
        fields.append(("doi", paper.doi))
    url = paper.url()
    if url:
        fields.append(("url", url))
    return fields


def bibtex_entry(paper: Paper) -> str:
    """One BibTeX entry. Values are LaTeX-escaped; non-ASCII text is kept as UTF-8."""
    lines = [f"@{entry_type(paper)}{{{cite_key(paper)},"]
    for name, value in bibtex_fields(paper):
        # Identifiers and URLs are written verbatim: escaping would break them.
        text = value if name in ("doi", "url", "eprint") else latex_escape(value)
        lines.append(f"  {name} = {{{text}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_bibtex(catalog: Catalog) -> str:
    return "\n".join(bibtex_entry(p) for p in _papers(catalog))


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
        "issued": {"date-parts": [[paper.year]]},
    }
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
    return json.dumps([csl_item(p) for p in _papers(catalog)], indent=2, ensure_ascii=False) + "\n"


def spreadsheet_safe(value: str) -> str:
    # A cell starting with one of these is run as a formula by spreadsheet programs.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(catalog: Catalog) -> str:
    taxonomy = catalog.require_taxonomy()
    dims = taxonomy.dimension_ids()
    attrs = taxonomy.attribute_ids()
    header = [
        "id",
        "title",
        "authors",
        "authors_incomplete",
        "year",
        "venue",
        "venue_confirmed",
        "arxiv",
        "doi",
        "url",
        "code",
        "project",
        "video",
        *dims,
        *attrs,
        "summary",
        "added",
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for paper in _papers(catalog):
        row: list[Any] = [
            paper.id,
            paper.title,
            "; ".join(paper.authors),
            paper.authors_incomplete,
            paper.year,
            paper.venue,
            paper.venue_confirmed,
            paper.arxiv,
            paper.doi,
            paper.url(),
            paper.links.code,
            paper.links.project,
            paper.links.video,
            *("; ".join(catalog.direct_nodes(paper.id, d)) for d in dims),
            *(values.plain(paper.attributes.get(a)) for a in attrs),
            paper.summary,
            paper.added.isoformat(),
        ]
        writer.writerow([spreadsheet_safe(values.plain(v)) for v in row])
    return out.getvalue()


def catalog_data(catalog: Catalog) -> dict[str, Any]:
    """The whole catalog as plain data: the taxonomy and every record with its id and URL."""
    taxonomy = catalog.require_taxonomy()
    papers = []
    for paper in _papers(catalog):
        record: dict[str, Any] = {"id": paper.id, "url": paper.url()}
        record.update(to_data(paper, taxonomy.dimension_ids(), taxonomy.attribute_ids()))
        record["added"] = paper.added.isoformat()
        papers.append(record)
    return {"taxonomy": taxonomy.model_dump(mode="json", exclude_defaults=True), "papers": papers}


def to_json(catalog: Catalog) -> str:
    return json.dumps(catalog_data(catalog), indent=2, ensure_ascii=False) + "\n"


def _papers(catalog: Catalog) -> list[Paper]:
    return [catalog.papers[pid] for pid in sorted(catalog.papers)]


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
