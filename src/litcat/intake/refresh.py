"""``add --force`` on a paper the catalog holds: the facts a source gives, and nothing else.

A source (BibTeX, the arXiv API, doi.org) knows a paper's title, authors, year, venue and
identifiers. It does not know what curators added: the code and project links, the short name,
notes, tags, attributes, the summary, the sources checked. Those stay; a paper link the record
lacks is taken, the source's page joins the sources, and every change is listed.

The writer keeps the comment lines at the top of a record, not comments in its body: a record
holding those is refused with their lines rather than rewritten without them.
"""

from __future__ import annotations

from typing import Any

from ..core.catalog import Catalog
from ..core.models import RECORD_FIELDS, to_data
from ..core.problems import Problem
from ..store.writer import body_comment_lines, split_header
from .curated import with_curated

# What a source states about a paper; everything else in a record is the catalog's own.
FACTS = ("title", "authors", "authors_incomplete", "year", "venue", "venue_year", "arxiv", "doi")


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    return repr(value) if isinstance(value, str) else str(value).lower()


# The field that fills each gap not_found may list.
_FILLS = {"year": "year", "summary": "summary", "venue-year": "venue_year"}


def _added(
    own: dict[str, list[str]], added: dict[str, list[str]], given: dict[str, list[str]]
) -> dict[str, list[str]]:
    out = {dim: list(nodes) for dim, nodes in added.items()}
    for dim, nodes in given.items():
        have = out.setdefault(dim, [])
        have += [n for n in nodes if n not in have and n not in own.get(dim, [])]
    return {dim: nodes for dim, nodes in out.items() if nodes}


def merge(
    data: dict[str, Any],
    facts: dict[str, Any],
    tags: dict[str, list[str]],
    curated: dict[str, Any] | None = None,
) -> tuple[dict[str, Any], list[str]]:
    """The record's data with the source's facts in, and what the contributor gave (a short
    name, a summary, links, sources: :func:`.curated.with_curated`), and a line per
    change."""
    new = dict(data)
    if "authors" in facts:
        # The source's author list is complete unless it says "and others".
        facts = {"authors_incomplete": False, **facts}
    if "venue" in facts and facts["venue"] != data.get("venue") and "venue_year" not in facts:
        facts = {**facts, "venue_year": None}  # the old venue's year is not the new one's
    for key in FACTS:
        if key in facts:
            new[key] = facts[key]
    links = dict(data.get("links") or {})
    paper_link = (facts.get("links") or {}).get("paper")
    if paper_link and "paper" not in links:
        links["paper"] = paper_link
    if links:
        new["links"] = links
    sources = list(data.get("sources") or [])
    sources += [s for s in facts.get("sources", []) if s not in sources]
    if sources:
        new["sources"] = sources
    if tags and data.get("origin"):
        # The origin's filing is the list's own: tags given now are the catalog's additions.
        new["added_tags"] = _added(data.get("tags") or {}, data.get("added_tags") or {}, tags)
    elif tags:
        new["tags"] = tags
    if curated:
        new = with_curated(new, curated)
    if (new.get("links") or {}).get("code"):
        new.pop("code_announced", None)  # released: the link says so
    gaps = [g for g in new.get("not_found") or [] if not new.get(_FILLS.get(g, ""))]
    new["not_found"] = gaps or None
    # No defaults in a record: an author list now complete, a venue year now unknown go.
    if new.get("authors_incomplete") is False:
        del new["authors_incomplete"]
    new = {k: v for k, v in new.items() if v is not None}
    changes = []
    for key in RECORD_FIELDS:
        old_value, new_value = data.get(key), new.get(key)
        if old_value != new_value:
            changes.append(f"{key}: {_show(old_value)} -> {_show(new_value)}")
    kept = (facts.get("links") or {}).get("paper")
    if kept and links.get("paper") != kept:
        changes.append(f"links.paper kept ({links['paper']}); the source gives {kept}")
    return {name: new[name] for name in RECORD_FIELDS if name in new}, changes


def refresh_data(
    catalog: Catalog,
    pid: str,
    file: str,
    facts: dict[str, Any],
    tags: dict[str, list[str]],
    curated: dict[str, Any] | None = None,
) -> tuple[dict[str, Any] | None, str, list[str], list[Problem]]:
    """The refreshed data, the file's header, the changes, or why the file is left alone."""
    old_text = (catalog.root / file).read_bytes().decode("utf-8")
    comments = body_comment_lines(old_text)
    if comments:
        lines = ", ".join(str(n) for n in comments)
        problem = Problem(
            "error",
            file,
            comments[0],
            1,
            "",
            f"comments on line {lines} would be lost: the writer keeps only comment lines at "
            "the top of a record",
            "move them to the top (or into curator_notes), then run add --force again",
        )
        return None, "", [], [problem]
    taxonomy = catalog.require_taxonomy()
    data = to_data(catalog.papers[pid], taxonomy.dimension_ids(), taxonomy.attribute_ids())
    merged, changes = merge(data, facts, tags, curated)
    return merged, split_header(old_text)[0], changes, []
