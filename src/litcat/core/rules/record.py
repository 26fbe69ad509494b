"""Checks of one record against the taxonomy: tags, added tags, origin, attributes, and what
the catalog expects every record to have (a summary, a primary source, a venue's year).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..models import Paper
from ..problems import Severity, did_you_mean
from ..reading.reader import Document, Path_
from ..taxonomy import NodeInfo, Taxonomy
from . import sources
from .located import validate_model

SUMMARY_WORDS = (8, 60)
TAG_FIELDS = ("tags", "added_tags")


def check_record(doc: Document, data: dict[str, Any], taxonomy: Taxonomy) -> dict[str, Any]:
    """Check tags, origin and attributes against the taxonomy, adding problems to ``doc``.

    Returns the attributes with their declared types (``"true"`` becomes ``True``).
    """
    for key in TAG_FIELDS:
        tags = data.get(key)
        if isinstance(tags, dict):
            for dim_id, values in tags.items():
                _check_tags(doc, taxonomy, key, dim_id, values)
    _check_added_twice(doc, taxonomy, data)
    origin = data.get("origin")
    if isinstance(origin, str) and taxonomy.origin(origin) is None:
        known = [o.id for o in taxonomy.origins]
        hint = did_you_mean(origin, known) if known else "the taxonomy declares no origins"
        doc.error(("origin",), f"unknown origin {origin!r}", hint)
    attributes = data.get("attributes")
    if not isinstance(attributes, dict) or not attributes:
        return {}
    typed = validate_model(
        doc,
        taxonomy.attributes_model,
        attributes,
        fields=tuple(taxonomy.attribute_ids()),
        prefix=("attributes",),
    )
    return typed.model_dump(exclude_none=True) if typed is not None else {}


@dataclass(frozen=True, slots=True)
class TagFinding:
    """Something wrong with the tags of one dimension; ``index`` is None for the dimension."""

    index: int | None
    severity: Severity
    message: str
    hint: str = ""


def tag_findings(taxonomy: Taxonomy, dim_id: str, values: list[Any]) -> list[TagFinding]:
    """Every problem of ``dim_id: values``: the one tag check of records and of ``--tag``."""
    dim = taxonomy.dimension(dim_id)
    if dim is None:
        hint = did_you_mean(dim_id, taxonomy.dimension_ids())
        return [TagFinding(None, "error", f"unknown dimension {dim_id!r}", hint)]
    found: list[TagFinding] = []
    resolved: list[tuple[int, NodeInfo]] = []
    seen: set[str] = set()
    for i, value in enumerate(values):
        if not isinstance(value, str):
            continue
        info, by_alias = taxonomy.resolve(dim_id, value)
        if info is None:
            hint = did_you_mean(value, taxonomy.nodes(dim_id))
            found.append(TagFinding(i, "error", f"unknown {dim.label} value {value!r}", hint))
        elif info.id in seen:
            found.append(TagFinding(i, "error", f"{info.id!r} is listed twice"))
        else:
            if by_alias:
                message = f"{value!r} is an old name of {info.id!r}"
                found.append(TagFinding(i, "warning", message, f"write {info.id!r}"))
            resolved.append((i, info))
            seen.add(info.id)
    if not dim.multiple and len(resolved) > 1:
        message = f"{dim.label} takes one value, found {len(resolved)}"
        found.append(TagFinding(resolved[1][0], "error", message))
    found.extend(_implied(resolved))
    return found


def _implied(resolved: list[tuple[int, NodeInfo]]) -> list[TagFinding]:
    if len(resolved) < 2:
        return []
    # A value is implied when it is an ancestor of another value: one set of every ancestor.
    ancestors = {node for _, other in resolved for node in other.path[:-1]}
    if not ancestors:
        return []
    return [
        TagFinding(
            i,
            "warning",
            f"{info.id!r} is implied by a more specific value",
            "a child implies its ancestors; remove it",
        )
        for i, info in resolved
        if info.id in ancestors
    ]


def _check_tags(doc: Document, taxonomy: Taxonomy, key: str, dim_id: str, values: Any) -> None:
    if not isinstance(values, list):
        values = []  # the model reports the wrong type; the dimension is still checked
    for finding in tag_findings(taxonomy, dim_id, values):
        path: Path_ = (key, dim_id) if finding.index is None else (key, dim_id, finding.index)
        doc.report(finding.severity, path, finding.message, finding.hint, key=finding.index is None)


def _check_added_twice(doc: Document, taxonomy: Taxonomy, data: dict[str, Any]) -> None:
    tags, added = data.get("tags"), data.get("added_tags")
    if not isinstance(tags, dict) or not isinstance(added, dict):
        return
    for dim_id, values in added.items():
        filed = tags.get(dim_id)
        if not isinstance(values, list) or not isinstance(filed, list):
            continue
        have = {_node_id(taxonomy, dim_id, v) for v in filed if isinstance(v, str)}
        for i, value in enumerate(values):
            if isinstance(value, str) and _node_id(taxonomy, dim_id, value) in have:
                doc.error(
                    ("added_tags", dim_id, i),
                    f"{value!r} is in tags already",
                    "added_tags hold only what the origin's filing lacks",
                )


def _node_id(taxonomy: Taxonomy, dim_id: str, value: str) -> str:
    info = taxonomy.resolve(dim_id, value)[0]
    return info.id if info is not None else value


# -- what every record is expected to have -----------------------------------------------------


def check_expected(doc: Document, paper: Paper, taxonomy: Taxonomy) -> None:
    """Warnings for what the taxonomy's ``expect`` list asks of every record."""
    expected = set(taxonomy.expect) - set(paper.not_found)
    primary: list[str] | None = None
    if paper.not_found or "primary-source" in expected:
        primary = sources.primary_sources(paper)
    if paper.not_found:
        _stale_not_found(doc, paper, bool(primary))
    if "summary" in expected:
        _expect_summary(doc, paper)
    if "primary-source" in expected and not primary:
        doc.warning(
            ("sources",) if paper.sources else (),
            "no primary source: none of the sources is the paper's own page (arXiv, "
            "OpenReview, proceedings, publisher, or the authors' project page or repository)",
            "add the page the facts were checked on",
        )
    if "venue-year" in expected and paper.venue is not None and paper.venue_year is None:
        doc.warning(
            ("venue",),
            "the venue's year is not given; citations would give the first version's year",
            "add venue_year",
        )


def _stale_not_found(doc: Document, paper: Paper, has_primary: bool) -> None:
    have = {
        "summary": paper.summary is not None,
        "primary-source": has_primary,
        "venue-year": paper.venue_year is not None,
        "year": paper.year is not None,
    }
    for i, what in enumerate(paper.not_found):
        if have[what]:
            doc.warning(
                ("not_found", i),
                f"not_found lists {what}, but the record has it",
                "remove it from not_found",
            )


def _expect_summary(doc: Document, paper: Paper) -> None:
    if paper.summary is None:
        doc.warning((), "no summary", "say in one or two sentences what the paper does")
        return
    words = len(paper.summary.split())
    low, high = SUMMARY_WORDS
    if not low <= words <= high:
        doc.warning(("summary",), f"the summary has {words} words", f"write {low} to {high}")
