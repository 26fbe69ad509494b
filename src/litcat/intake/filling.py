"""Adding facts to a record that lacks them, and never changing one it has.

``litcat enrich`` (facts from the arXiv and doi.org) and ``litcat import-markdown --update``
(tags and links from a list) both go through :func:`fill`: a field is written only where the
record has none (an empty author list said to be incomplete counts as none), and what the
record holds differently is returned, to be reported rather than replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..core import ids
from ..core.catalog import Catalog
from ..core.loader import load_record
from ..core.models import RECORD_FIELDS
from ..core.reading.reader import parse
from ..store.writer import body_comment_lines, record_text, split_header, write_atomic
from .add import check_record


@dataclass
class Filled:
    """What :func:`fill` added, and the facts the record keeps where the source differs."""

    added: list[str] = field(default_factory=list)
    kept: list[tuple[str, str, str]] = field(default_factory=list)


# Fields whose values are compared loosely: a title differing in case or punctuation is the same.
_LOOSE = {"title": ids.title_key}
_FACTS = ("title", "short_name", "year", "venue", "venue_year", "arxiv", "doi")
_LINKS = ("paper", "code", "project", "video")


def fill(data: dict[str, Any], facts: dict[str, Any]) -> Filled:
    """Add to ``data`` (a record's fields) the ``facts`` it lacks; ``data`` is changed in place."""
    result = Filled()
    _authors(data, facts, result)
    for name in _FACTS:
        new = facts.get(name)
        if new is None or (name == "venue_year" and not _same_venue(data, facts)):
            continue
        old = data.get(name)
        if old is None:
            data[name] = new
            result.added.append(name)
        elif _differs(name, old, new):
            result.kept.append((name, str(old), str(new)))
    _links(data, facts, result)
    _tags(data, facts, result)
    for source in facts.get("sources", []):
        sources = data.setdefault("sources", [])
        if source not in sources:
            sources.append(source)
    if "year" in result.added and "year" in data.get("not_found", []):
        data["not_found"] = [gap for gap in data["not_found"] if gap != "year"]
        if not data["not_found"]:
            del data["not_found"]
    return result


def _same_venue(data: dict[str, Any], facts: dict[str, Any]) -> bool:
    """A venue's year belongs to that venue: it is added only beside the same venue."""
    return ids.title_key(str(data.get("venue"))) == ids.title_key(str(facts.get("venue")))


def _differs(name: str, old: Any, new: Any) -> bool:
    # The reader gives every scalar as text, so values are compared as text.
    key = _LOOSE.get(name, str)
    return key(str(old)) != key(str(new))


def _authors(data: dict[str, Any], facts: dict[str, Any], result: Filled) -> None:
    new = facts.get("authors")
    if not new:
        return
    if not data.get("authors"):
        data["authors"] = list(new)
        if facts.get("authors_incomplete"):
            data["authors_incomplete"] = True
        else:
            data.pop("authors_incomplete", None)
        result.added.append("authors")


def _links(data: dict[str, Any], facts: dict[str, Any], result: Filled) -> None:
    new = facts.get("links") or {}
    links = data.get("links") or {}
    for kind in _LINKS:
        if new.get(kind) and not links.get(kind):
            links[kind] = new[kind]
            result.added.append(f"links.{kind}")
            if kind == "code":
                # Code that is linked is released: no longer only announced.
                data.pop("code_announced", None)
    if links:
        data["links"] = links


def _tags(data: dict[str, Any], facts: dict[str, Any], result: Filled) -> None:
    # A record from the catalog's origin keeps that list's filing in ``tags``: what is added
    # later is the catalog's own, in ``added_tags`` (as ``add --force --tag`` does).
    field_ = "added_tags" if data.get("origin") else "tags"
    for dim, values in (facts.get("tags") or {}).items():
        own = (data.get("tags") or {}).get(dim) or []
        for value in values:
            have = data.setdefault(field_, {}).setdefault(dim, [])
            if value not in have and value not in own:
                have.append(value)
                result.added.append(f"{field_}.{dim}")
    for dim in [d for d, v in (data.get(field_) or {}).items() if not v]:
        del data[field_][dim]
    if field_ in data and not data[field_]:
        del data[field_]


@dataclass
class Refill:
    """What :func:`refill` added to a record, or why it wrote nothing (``error``)."""

    filled: Filled
    error: str = ""


def refill(catalog: Catalog, pid: str, facts: dict[str, Any], *, write: bool) -> Refill:
    """Add ``facts`` a record lacks and rewrite it through the one writer, checked as validate
    would check it; ``write=False`` only says what would change."""
    file = catalog.files[pid]
    path = catalog.root / file
    # The record as it is now, not as it was loaded: enrich pauses minutes between requests,
    # and a save made meanwhile must not be written over.
    try:
        raw = path.read_bytes()
        old_text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return Refill(Filled(), f"{file} cannot be read any more ({exc}); left alone")
    current = load_record(parse(raw, file), pid, catalog.taxonomy)
    if current is None:
        return Refill(Filled(), f"{file} changed meanwhile and no longer validates; left alone")
    data = parse(record_text(current, catalog.taxonomy).encode("utf-8"), file).data
    filled = fill(data, facts)
    if not filled.added:
        return Refill(filled)
    comments = body_comment_lines(old_text)
    if comments:
        where = ", ".join(map(str, comments))
        return Refill(filled, f"{file} has comments (lines {where}) the writer would drop")
    ordered = {name: data[name] for name in RECORD_FIELDS if name in data}
    record, text, problems = check_record(catalog, pid, ordered, split_header(old_text)[0])
    errors = [p.describe() for p in problems if p.is_error]
    if record is None or errors:
        return Refill(filled, f"{file} would not validate: {'; '.join(errors)}")
    if write:
        write_atomic(path, text, overwrite=True)
    return Refill(filled)
