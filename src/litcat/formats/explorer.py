"""The explorer's data: the catalog as two compact JSON files that the browser filters.

``data.json`` is what the explorer needs to draw its first view: the facets (every dimension of
the taxonomy, then every ``bool`` and ``choice`` attribute) and per paper its id, title,
authors, year, venue and facet values. ``details.json`` is fetched only when the reader searches
or exports: summaries, the searchable text attributes and the identifiers that BibTeX and
CSL-JSON need. Both are arrays, not objects, with strings stored once in tables and facet values
as indexes, so 10,000 papers stay small (see ``benchmarks/``).

Formats (``format`` says which; the script refuses another):

- facet: ``{"id", "label", "kind": "dimension"|"bool"|"choice", "values": [[id, label,
  parent]]}``, ``parent`` being the index of the parent value within the facet, or -1; the
  dimensions come first, then the ``bool`` and ``choice`` attributes, then two facets every
  catalog has, whose ids start with ``_`` so that no taxonomy id can take them: ``_code``
  (released, announced) and, when the taxonomy declares origins, ``_origin`` (each origin,
  and ``catalog`` for papers the catalog added itself);
- paper (``papers``): ``[id, title, [name index...], year, venue index or -1, [value index...],
  short name or "", citation year]``, where a value index counts through the values of all
  facets in order, only the values a record names itself are listed (the script adds their
  ancestors), a name index of -1 at the end says the author list is incomplete, and the
  citation year is the venue's year that BibTeX and CSL-JSON give (``year`` is the first public
  version's);
- venue: ``[name, BibTeX entry type]``; name: a full name;
- details: ``papers`` in the same order, each ``[summary, text, arxiv, doi, url]`` (``""`` when
  missing; ``text`` joins the text and list attributes), and ``given``: per name, how many of
  its words are given names in CSL-JSON (0 for a name CSL keeps as a literal).
"""

from __future__ import annotations

import json
from typing import Any

from ..core import values
from ..core.catalog import Catalog
from ..core.models import Paper
from ..core.taxonomy import Taxonomy
from .bibtex import entry_type
from .csl import csl_name

FORMAT = 2
DATA_FILE = "data.json"
DETAILS_FILE = "details.json"
CODE_FACET = "_code"
ORIGIN_FACET = "_origin"
CATALOG_ORIGIN = "catalog"
# Attribute types that become facets; text, list and int attributes are searched instead.
FACET_TYPES = ("bool", "choice")
TEXT_TYPES = ("text", "list")
BOOL_VALUES = (("true", "Yes"), ("false", "No"))


def facets(taxonomy: Taxonomy) -> list[dict[str, Any]]:
    """Every facet the explorer offers, in the order of ``taxonomy.yaml``."""
    result: list[dict[str, Any]] = []
    for dim in taxonomy.dimensions:
        nodes = taxonomy.nodes(dim.id)
        position = {node_id: i for i, node_id in enumerate(nodes)}
        values = [
            [info.id, info.node.label, position[info.parent] if info.parent else -1]
            for info in nodes.values()
        ]
        result.append({"id": dim.id, "label": dim.label, "kind": "dimension", "values": values})
    for attr in taxonomy.attributes:
        if attr.type not in FACET_TYPES:
            continue
        pairs = BOOL_VALUES if attr.type == "bool" else [(c.id, c.label) for c in attr.choices]
        values = [[value, label, -1] for value, label in pairs]
        result.append({"id": attr.id, "label": attr.label, "kind": attr.type, "values": values})
    result.append(
        {
            "id": CODE_FACET,
            "label": "Code",
            "kind": "choice",
            "values": [["released", "Released", -1], ["announced", "Announced, not released", -1]],
        }
    )
    if taxonomy.origins:
        values = [[o.id, o.label, -1] for o in taxonomy.origins]
        values.append([CATALOG_ORIGIN, "Added by this catalog", -1])
        result.append({"id": ORIGIN_FACET, "label": "From", "kind": "choice", "values": values})
    return result


def builtin_values(paper: Paper, facet_id: str) -> list[str]:
    """A paper's values of the facets every catalog has."""
    if facet_id == CODE_FACET:
        return ["released"] if paper.links.code else ["announced"] if paper.code_announced else []
    if facet_id == ORIGIN_FACET:
        return [paper.origin or CATALOG_ORIGIN]
    return []


class _Table:
    """Strings stored once, referred to by their index."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def add(self, value: str) -> int:
        return self.index.setdefault(value, len(self.index))

    def values(self) -> list[str]:
        return list(self.index)


def _value_index(facet_list: list[dict[str, Any]]) -> dict[tuple[str, str], int]:
    index: dict[tuple[str, str], int] = {}
    for facet in facet_list:
        for value in facet["values"]:
            index[(facet["id"], value[0])] = len(index)
    return index


def _paper_values(
    catalog: Catalog,
    paper: Paper,
    facet_list: list[dict[str, Any]],
    index: dict[tuple[str, str], int],
) -> list[int]:
    found: list[int] = []
    for facet in facet_list:
        if facet["kind"] == "dimension":
            keys = catalog.direct_nodes(paper.id, facet["id"])
        elif facet["id"].startswith("_"):
            keys = builtin_values(paper, facet["id"])
        else:
            value = paper.attributes.get(facet["id"])
            keys = [] if value is None else [values.plain(value)]
        found.extend(index[(facet["id"], k)] for k in keys if (facet["id"], k) in index)
    return found


def _papers(catalog: Catalog) -> list[Paper]:
    return [catalog.papers[pid] for pid in sorted(catalog.papers)]


def explorer_data(catalog: Catalog) -> dict[str, Any]:
    """What the explorer draws its first view from (see the module's docstring)."""
    taxonomy = catalog.require_taxonomy()
    facet_list = facets(taxonomy)
    index = _value_index(facet_list)
    names, venues = _Table(), _Table()
    venue_kinds: dict[str, str] = {}
    rows: list[list[Any]] = []
    for paper in _papers(catalog):
        authors = [names.add(name) for name in paper.authors]
        if paper.authors_incomplete:
            authors.append(-1)
        venue = -1
        if paper.venue is not None:
            venue = venues.add(paper.venue)
            venue_kinds[paper.venue] = entry_type(paper)
        values = _paper_values(catalog, paper, facet_list, index)
        # 0 stands for a year no source gives (the explorer keeps years in an Int16Array).
        cite = paper.citation_year() or 0
        short = paper.short_name or ""
        year = paper.year or 0
        rows.append([paper.id, paper.title, authors, year, venue, values, short, cite])
    return {
        "format": FORMAT,
        "facets": facet_list,
        "venues": [[v, venue_kinds[v]] for v in venues.values()],
        "names": names.values(),
        "papers": rows,
    }


def _given_words(name: str) -> int:
    parts = csl_name(name)
    return len(parts["given"].split()) if "given" in parts else 0


def _searchable_text(paper: Paper, text_attributes: list[str]) -> str:
    chunks: list[str] = []
    for attr in text_attributes:
        value = paper.attributes.get(attr)
        if isinstance(value, list):
            chunks.extend(str(v) for v in value)
        elif value is not None:
            chunks.append(str(value))
    return " · ".join(chunks)


def explorer_details(catalog: Catalog, names: list[str]) -> dict[str, Any]:
    """The fields fetched on the first search or export, for ``names`` as in ``data.json``."""
    taxonomy = catalog.require_taxonomy()
    text_attributes = [a.id for a in taxonomy.attributes if a.type in TEXT_TYPES]
    rows = [
        [
            paper.summary or "",
            _searchable_text(paper, text_attributes),
            paper.arxiv or "",
            paper.doi or "",
            paper.url() or "",
        ]
        for paper in _papers(catalog)
    ]
    return {"format": FORMAT, "given": [_given_words(n) for n in names], "papers": rows}


def _compact(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def explorer_files(catalog: Catalog) -> dict[str, str]:
    """The two files by name, as text."""
    data = explorer_data(catalog)
    details = explorer_details(catalog, data["names"])
    return {DATA_FILE: _compact(data), DETAILS_FILE: _compact(details)}
