"""Which record of the catalog holds a listed paper, and whether it may be taken as that paper.

A record holds a paper by its arXiv id, its DOI or, last, its title. Ids outrank a title: a
record whose title a bullet shares but whose arXiv id (or DOI) differs is another paper, and a
bullet whose arXiv id one record holds and whose DOI another holds matches neither. A record
that does not load still holds its paper: its ids and title are read from what of the file can
be read, and the bullet waits until the record is fixed rather than becoming a second record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...core import ids
from ...core.catalog import PAPERS_DIR, Catalog
from ...core.reading.reader import MAX_BYTES, read
from ..add import Index

_BY = (("arxiv", "arXiv id"), ("doi", "DOI"))
# A top-level ``key: value`` line, for records whose YAML does not parse.
_TOP_LINE = re.compile(r"^(title|arxiv|doi):[ \t]*(.*?)[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Holder:
    """The record that holds a listed paper (``by`` names the fact they share), or why the
    bullet may not be merged into it (``refusal``, with ``severity``)."""

    file: str
    pid: str
    by: str
    broken: bool = False
    refusal: str = ""
    severity: str = "error"


@dataclass
class Held:
    """The catalog's papers by id and title, loaded or not; grows as records are written."""

    index: Index
    broken: Index = field(default_factory=Index)
    ids_of: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def of(cls, catalog: Catalog) -> Held:
        held = cls(Index.of(catalog))
        for pid, paper in catalog.papers.items():
            held.ids_of[pid] = _present({"arxiv": paper.arxiv, "doi": paper.doi})
        for pid, file, facts in _broken_records(catalog):
            held.broken.add(pid, file, facts.get("arxiv"), facts.get("doi"), facts["title"])
            held.ids_of[pid] = _present(facts)
        return held

    def add(self, pid: str, file: str, arxiv: str | None, doi: str | None, title: str) -> None:
        self.index.add(pid, file, arxiv, doi, title)
        self.ids_of[pid] = _present({"arxiv": arxiv, "doi": doi})

    def taken(self, pid: str) -> bool:
        return self.index.taken(pid)

    def find(self, facts: dict[str, Any]) -> Holder | None:
        """The record holding the paper ``facts`` describe, or why none may be taken for it;
        None when the catalog does not hold it (a title shared with another paper included)."""
        by_id = [(label, found) for key, label in _BY if (found := self._by(key, facts.get(key)))]
        if len({found[1] for _, found in by_id}) > 1:
            shown = " and ".join(f"its {label} is in {found[1]}" for label, found in by_id)
            pid, file, _ = by_id[0][1]
            return Holder(
                file,
                pid,
                by_id[0][0],
                refusal=f"{shown}: two records of one paper, or a link to another paper; "
                "check which",
            )
        if by_id:
            label, (pid, file, broken) = by_id[0]
            return self._holder(pid, file, label, broken)
        found = self._by("title", ids.title_key(str(facts.get("title", ""))) or None)
        if found is None:
            return None
        pid, file, broken = found
        other = self._other_ids(pid, facts)
        if other:
            return Holder(
                file,
                pid,
                "title",
                broken,
                refusal=f"not merged into {file}, whose title it shares: {other}, so it is "
                "another paper",
                severity="warning",
            )
        return self._holder(pid, file, "title", broken)

    def _holder(self, pid: str, file: str, by: str, broken: bool) -> Holder:
        if broken:
            return Holder(
                file,
                pid,
                by,
                broken,
                refusal=f"{file} holds this paper (the same {by}) but does not load; fix it "
                "first (litcat validate says why), then import again",
            )
        return Holder(file, pid, by)

    def _by(self, key: str, value: str | None) -> tuple[str, str, bool] | None:
        if value is None:
            return None
        for index, broken in ((self.index, False), (self.broken, True)):
            table = {"arxiv": index.by_arxiv, "doi": index.by_doi, "title": index.by_title}[key]
            if value in table:
                pid, file = table[value]
                return pid, file, broken
        return None

    def _other_ids(self, pid: str, facts: dict[str, Any]) -> str:
        """How the record's ids say it is not the paper ``facts`` describe ("" if they agree)."""
        mine = self.ids_of.get(pid, {})
        for key, label in _BY:
            if mine.get(key) and facts.get(key) and mine[key] != facts[key]:
                return f"its {label} is {mine[key]}, this bullet's {facts[key]}"
        return ""


def _present(facts: dict[str, Any]) -> dict[str, str]:
    return {k: str(v) for k, v in facts.items() if k in ("arxiv", "doi") and v}


def _broken_records(catalog: Catalog) -> list[tuple[str, str, dict[str, str]]]:
    """``(id, file, facts)`` of each record in ``papers/`` that did not load: its title and
    ids, from its data if it parses, else from its top-level lines."""
    found: list[tuple[str, str, dict[str, str]]] = []
    if not catalog.papers_dir.is_dir():
        return found
    loaded = set(catalog.files.values())
    for path in sorted(catalog.papers_dir.glob("*.yaml")):
        file = f"{PAPERS_DIR}/{path.name}"
        if file in loaded or path.is_symlink() or not path.is_file():
            continue
        doc = read(path, file)
        facts = _facts_of(doc.data, doc.text or _text_anyway(path))
        if facts:
            found.append((path.stem, file, facts))
    return found


def _text_anyway(path: Path) -> str:
    """A record's text even where it is not UTF-8 or too long to load (its first bytes)."""
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return ""


def _facts_of(data: Any, text: str | None) -> dict[str, str]:
    data = data if isinstance(data, dict) else None
    if data is None and text:
        data = {m.group(1): m.group(2).strip("'\"") for m in _TOP_LINE.finditer(text)}
    if not data:
        return {}
    out = {"title": str(data.get("title") or "")}
    for key, normalize in (("arxiv", ids.normalize_arxiv), ("doi", ids.normalize_doi)):
        value = data.get(key)
        if value is None:
            continue
        try:
            out[key] = normalize(str(value))
        except ValueError:
            continue
    return out if out["title"] or len(out) > 1 else {}
