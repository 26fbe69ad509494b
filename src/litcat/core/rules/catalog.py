"""Checks that need the taxonomy or the whole catalog, beyond what the models check alone.

Two entry points: :func:`check_taxonomy` (the taxonomy file itself) and :func:`check_catalog`
(across records). One record's checks are in :mod:`litcat.core.rules.record`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from .. import ids
from ..catalog import Catalog
from ..problems import Problem, did_you_mean
from ..reading.reader import Document, Path_, locate, read
from ..taxonomy import Node, Taxonomy

# -- the taxonomy -----------------------------------------------------------------------------


def _node_paths(nodes: list[Node], base: Path_) -> Iterator[tuple[Node, Path_]]:
    for i, node in enumerate(nodes):
        path = (*base, i)
        yield node, path
        yield from _node_paths(node.children, (*path, "children"))


def node_locations(taxonomy: Taxonomy) -> dict[tuple[str, str], Path_]:
    """The data path of every node in ``taxonomy.yaml``, by (dimension, node id)."""
    where: dict[tuple[str, str], Path_] = {}
    for d, dim in enumerate(taxonomy.dimensions):
        for node, path in _node_paths(dim.nodes, ("dimensions", d, "nodes")):
            where.setdefault((dim.id, node.id), path)
    return where


def check_taxonomy(taxonomy: Taxonomy, doc: Document) -> None:
    """Unique ids, existing references, choices where they are needed."""
    for key, what, ids_ in (
        ("origins", "origin", [o.id for o in taxonomy.origins]),
        ("groups", "group", [g.id for g in taxonomy.groups]),
        ("dimensions", "dimension", taxonomy.dimension_ids()),
        ("attributes", "attribute", taxonomy.attribute_ids()),
        ("views", "view", [v.id for v in taxonomy.views]),
    ):
        _unique(doc, [((key, i, "id"), item) for i, item in enumerate(ids_)], what)
    _check_dimensions(taxonomy, doc)
    _check_attributes(taxonomy, doc)
    _check_views(taxonomy, doc)
    _check_facet_ids(taxonomy, doc)


def _check_dimensions(taxonomy: Taxonomy, doc: Document) -> None:
    groups = {g.id for g in taxonomy.groups}
    for d, dim in enumerate(taxonomy.dimensions):
        if dim.group is not None and dim.group not in groups:
            doc.error(
                ("dimensions", d, "group"),
                f"unknown group {dim.group!r}",
                did_you_mean(dim.group, groups),
            )
        origins = {o.id for o in taxonomy.origins}
        names: list[tuple[Path_, str]] = []
        for node, path in _node_paths(dim.nodes, ("dimensions", d, "nodes")):
            if node.origin is not None and node.origin not in origins:
                hint = did_you_mean(node.origin, origins) if origins else "declare it in origins"
                doc.error((*path, "origin"), f"unknown origin {node.origin!r}", hint)
            names.append(((*path, "id"), node.id))
            names.extend(((*path, "aliases", j), a) for j, a in enumerate(node.aliases))
        _unique(doc, names, f"node or alias of dimension {dim.id!r}")


def _check_attributes(taxonomy: Taxonomy, doc: Document) -> None:
    for a, attr in enumerate(taxonomy.attributes):
        if attr.type == "choice" and not attr.choices:
            doc.error(("attributes", a, "choices"), "an attribute of type choice needs choices")
        if attr.type != "choice" and attr.choices:
            doc.error(("attributes", a, "choices"), f"choices are for type choice, not {attr.type}")
        _unique(
            doc,
            [(("attributes", a, "choices", i, "id"), c.id) for i, c in enumerate(attr.choices)],
            "choice",
        )


def _check_views(taxonomy: Taxonomy, doc: Document) -> None:
    dims = set(taxonomy.dimension_ids())
    for v, view in enumerate(taxonomy.views):
        for side in ("rows", "columns"):
            value = getattr(view, side)
            if value not in dims:
                doc.error(
                    ("views", v, side), f"unknown dimension {value!r}", did_you_mean(value, dims)
                )
        if view.rows == view.columns:
            doc.error(("views", v, "columns"), "a matrix needs two different dimensions")


# The explorer's own URL parameters (RESERVED in src/litcat/assets/explorer/core.js): a facet of the
# same id could not be chosen from a link. Its built-in facets start with "_", which no id can.
EXPLORER_PARAMETERS = frozenset({"search", "q", "year", "sort"})


def _check_facet_ids(taxonomy: Taxonomy, doc: Document) -> None:
    """Dimensions and attributes share one namespace: the explorer's facets and its URLs."""
    dims = set(taxonomy.dimension_ids())
    for key, ids_ in (
        ("dimensions", taxonomy.dimension_ids()),
        ("attributes", taxonomy.attribute_ids()),
    ):
        for i, facet_id in enumerate(ids_):
            if facet_id in EXPLORER_PARAMETERS:
                doc.error(
                    (key, i, "id"),
                    f"{facet_id!r} is reserved: the explorer's links use ?{facet_id}= themselves",
                    "rename it",
                )
    for a, attr in enumerate(taxonomy.attributes):
        if attr.id in dims:
            doc.error(
                ("attributes", a, "id"),
                f"attribute id {attr.id!r} is also a dimension's id",
                "the explorer filters both by id; rename one",
            )


def _unique(doc: Document, items: list[tuple[Path_, str]], what: str) -> None:
    first: dict[str, Path_] = {}
    for path, value in items:
        if value in first:
            line = locate(doc.root, first[value])[0]
            doc.error(path, f"duplicate {what} id {value!r}; the first is on line {line}")
        else:
            first[value] = path


# -- the whole catalog ------------------------------------------------------------------------


def check_catalog(catalog: Catalog, taxonomy_doc: Document) -> None:
    """Duplicates across records and taxonomy nodes that no paper uses."""
    _duplicates(catalog, "arxiv", "arXiv id", lambda p: p.arxiv)
    _duplicates(catalog, "doi", "DOI", lambda p: p.doi)
    _duplicates(
        catalog, "title", "title", lambda p: ids.title_key(p.title) or None, severity="warning"
    )
    _ids_differing_in_case(catalog)
    if catalog.papers and catalog.ok:
        _unused_nodes(catalog, taxonomy_doc)


def _duplicates(
    catalog: Catalog, field: str, label: str, key: Any, severity: Any = "error"
) -> None:
    first: dict[str, str] = {}
    for pid, paper in catalog.papers.items():
        value = key(paper)
        if value is None:
            continue
        if value in first:
            other = first[value]
            line, column = _field_location(catalog, pid, field)
            catalog.problems.append(
                Problem(
                    severity,
                    catalog.files[pid],
                    line,
                    column,
                    field,
                    f"same {label} as {catalog.files[other]}",
                    "one paper, one record: merge them",
                )
            )
        else:
            first[value] = pid


def _field_location(catalog: Catalog, pid: str, field: str) -> tuple[int, int]:
    # Reparsing is cheap and only happens for files that have a problem.
    doc = read(catalog.root / catalog.files[pid], catalog.files[pid])
    return locate(doc.root, (field,))


def _ids_differing_in_case(catalog: Catalog) -> None:
    counts = Counter(pid.lower() for pid in catalog.papers)
    for pid in catalog.papers:
        if counts[pid.lower()] > 1:
            catalog.problems.append(
                Problem("error", catalog.files[pid], 1, 1, "", f"duplicate id {pid.lower()!r}")
            )


def _unused_nodes(catalog: Catalog, doc: Document) -> None:
    taxonomy = catalog.require_taxonomy()
    where = node_locations(taxonomy)
    for info in taxonomy.all_nodes():
        if not catalog.papers_at(info.dimension, info.id):
            line, column = locate(doc.root, where[(info.dimension, info.id)])
            catalog.problems.append(
                Problem(
                    "warning",
                    doc.file,
                    line,
                    column,
                    f"{info.dimension}.{info.id}",
                    "no paper uses this node",
                    "tag a paper with it or remove it",
                )
            )
