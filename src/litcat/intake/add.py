"""Making new records: their ids, the papers the catalog already holds, checking and writing.

A new record is checked the way ``litcat validate`` would check it once written: its YAML text
is parsed and loaded by :func:`litcat.core.loader.load_record`, so a contributor sees the same
located messages (``papers/<id>.yaml:LINE:COL: field: message``) before anything is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core import ids
from ..core.catalog import PAPERS_DIR, Catalog
from ..core.loader import load_record
from ..core.models import Paper
from ..core.problems import Problem
from ..core.reading.reader import parse
from ..core.rules import record as record_rules
from ..core.taxonomy import Taxonomy
from ..store.writer import dump, record_text, write_atomic
from . import fetch
from .bibtex import parse_bibtex, surname
from .curated import with_curated
from .refresh import refresh_data

# Words that say nothing about a paper, skipped when picking the id's title word.
_STOPWORDS_TEXT = """a an the of on in for to with and or from by at via into onto as is are be
do does can how what why when which who towards toward using use through about over under vs
versus not no we our your its it this that these those"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())
# A word, with its hyphenated or apostrophised parts: "RF-Agent" is one word, "rfagent".
_WORD = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")


def words_of(title: str) -> list[str]:
    """The words of a title, as ids are made from them."""
    return _WORD.findall(title)


def make_id(authors: list[str], year: int, title: str) -> str:
    """``surname + year + first significant title word``: ``ma2024dreureka``."""
    who = ids.slug(surname(authors[0])) if authors else ""
    words = [ids.slug(w) for w in words_of(title)]
    # A number alone ("0.6", "2") says little; a word with letters says more.
    word = next((w for w in words if w and not w.isdigit() and w not in STOPWORDS), "")
    word = word or next((w for w in words if w and w not in STOPWORDS), "")
    word = word or next((w for w in words if w), "")
    base = f"{who or 'anon'}{year}{word}"[: ids.ID_MAX - 4]
    return base


def unique_id(base: str, taken: Callable[[str], bool]) -> str:
    """``base``, or ``base-2``, ``base-3``... the first that is not taken."""
    candidate, n = base, 1
    while taken(candidate):
        n += 1
        candidate = f"{base}-{n}"
    return candidate


@dataclass(frozen=True)
class Match:
    """A record that already holds a paper, and by which fact (arXiv id, DOI or title)."""

    paper_id: str
    file: str
    by: str


@dataclass
class Index:
    """What the catalog holds, by arXiv id, DOI and title key; grows as records are added."""

    by_arxiv: dict[str, tuple[str, str]] = field(default_factory=dict)
    by_doi: dict[str, tuple[str, str]] = field(default_factory=dict)
    by_title: dict[str, tuple[str, str]] = field(default_factory=dict)
    ids: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, catalog: Catalog) -> Index:
        index = cls()
        for pid, paper in catalog.papers.items():
            index.add(pid, catalog.files[pid], paper.arxiv, paper.doi, paper.title)
        if catalog.papers_dir.is_dir():
            index.ids.update(p.stem.lower() for p in catalog.papers_dir.iterdir())
        return index

    def add(self, pid: str, file: str, arxiv: str | None, doi: str | None, title: str) -> None:
        where = (pid, file)
        if arxiv:
            self.by_arxiv.setdefault(arxiv, where)
        if doi:
            self.by_doi.setdefault(doi, where)
        if ids.title_key(title):
            self.by_title.setdefault(ids.title_key(title), where)
        self.ids.add(pid.lower())

    def find(self, data: dict[str, Any]) -> Match | None:
        """The record holding the paper described by ``data`` (record fields), if any."""
        lookups = (
            ("arXiv id", self.by_arxiv, data.get("arxiv")),
            ("DOI", self.by_doi, data.get("doi")),
            ("title", self.by_title, ids.title_key(str(data.get("title", ""))) or None),
        )
        for label, table, key in lookups:
            if key is not None and key in table:
                pid, file = table[key]
                return Match(pid, file, label)
        return None

    def taken(self, pid: str) -> bool:
        return pid.lower() in self.ids


def record_data(
    facts: dict[str, Any],
    tags: dict[str, list[str]],
    added: dt.date,
    curated: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Record data in canonical field order from fetched or imported facts, tags and what
    the contributor gave (:func:`with_curated`)."""
    data = {**facts, "added": added.isoformat()}
    if tags:
        data["tags"] = tags
    return with_curated(data, curated or {})


def check_record(
    catalog: Catalog, pid: str, data: dict[str, Any], header: str = ""
) -> tuple[Paper | None, str, list[Problem]]:
    """Check a new record as ``litcat validate`` will; returns the paper and its canonical text.

    Problems are located in the file the record would be written to.
    """
    file = f"{PAPERS_DIR}/{pid}.yaml"
    checked = _checked_canonical(catalog, pid, data, file)
    if checked is not None:
        return checked[0], header + checked[1], checked[2]
    doc = parse(dump(data).encode("utf-8"), file)
    paper = load_record(doc, pid, catalog.taxonomy) if not doc.problems else None
    if paper is None:
        return None, "", doc.problems
    return paper, record_text(paper, catalog.taxonomy, header), doc.problems


def _checked_canonical(
    catalog: Catalog, pid: str, data: dict[str, Any], file: str
) -> tuple[Paper, str, list[Problem]] | None:
    """The usual case in one YAML dump instead of two: data the model takes as they are is
    written in canonical form and that text is checked, when it reads back as the same paper
    and without an error. Anything else (None) is checked as given, so that its problems are
    located in the data the contributor or the source gave."""
    try:
        paper = Paper.model_validate({**data, "id": pid})
    except ValueError:
        return None
    body = record_text(paper, catalog.taxonomy)
    doc = parse(body.encode("utf-8"), file)
    loaded = load_record(doc, pid, catalog.taxonomy) if not doc.problems else None
    if loaded is None or loaded != paper or any(p.is_error for p in doc.problems):
        return None
    return loaded, body, doc.problems


def write_record(catalog: Catalog, pid: str, text: str, *, overwrite: bool = False) -> Path:
    """Write ``papers/<pid>.yaml``; never replaces a file unless asked (``FileExistsError``)."""
    path = catalog.papers_dir / f"{pid}.yaml"
    write_atomic(path, text, overwrite=overwrite)
    return path


def tag_errors(taxonomy: Taxonomy, tags: dict[str, list[str]]) -> list[str]:
    """What is wrong with ``--tag`` options, worded for the command line."""
    errors: list[str] = []
    for dim_id, values in tags.items():
        for finding in record_rules.tag_findings(taxonomy, dim_id, values):
            if finding.severity != "error":
                continue
            option = (
                f"{dim_id}=..." if finding.index is None else f"{dim_id}={values[finding.index]}"
            )
            hint = f" ({finding.hint})" if finding.hint else ""
            errors.append(f"--tag {option}: {finding.message}{hint}")
    return errors


def parse_tags(values: Iterable[str]) -> tuple[dict[str, list[str]], list[str]]:
    """``DIM=NODE`` options to a tags mapping; malformed options are returned as errors."""
    tags: dict[str, list[str]] = {}
    errors: list[str] = []
    for value in values:
        dim, sep, node = value.partition("=")
        dim, node = dim.strip(), node.strip()
        if not sep or not dim or not node:
            errors.append(f"--tag {value!r}: write DIMENSION=VALUE, e.g. --tag method=gps-tags")
            continue
        tags.setdefault(dim, []).append(node)
    return tags, errors


# -- from fetched facts to a record ------------------------------------------------------------


@dataclass
class Prepared:
    """A record ready to write (``text``), or why not: a duplicate or problems."""

    pid: str
    text: str = ""
    problems: list[Problem] = field(default_factory=list)
    duplicate: Match | None = None
    replaces: bool = False
    changes: list[str] = field(default_factory=list)


def facts_from_arxiv(arxiv_id: str, transport: fetch.Transport) -> dict[str, Any]:
    found, url = fetch.fetch_arxiv([arxiv_id], transport)
    entry = found.get(arxiv_id)
    if entry is None:
        raise fetch.FetchError(f"export.arxiv.org has no paper {arxiv_id}")
    facts: dict[str, Any] = {
        "title": entry.title,
        "authors": entry.authors,
        "year": entry.year,
        "venue": entry.journal_ref,
        "arxiv": entry.arxiv,
        "doi": _doi_or_none(entry.doi),
        "sources": [url],
    }
    return {k: v for k, v in facts.items() if v is not None}


def facts_from_doi(doi: str, transport: fetch.Transport) -> dict[str, Any]:
    text = fetch.fetch_doi_bibtex(doi, transport)
    facts = facts_from_bibtex(text, f"the BibTeX of {doi}")
    return {**facts, "doi": doi, "sources": [fetch.doi_url(doi)]}


def facts_from_bibtex(text: str, what: str, warnings: list[str] | None = None) -> dict[str, Any]:
    """The facts of the one entry of a BibTeX text; ``ValueError`` says what is wrong.

    What the decoder had to guess (a bare %, an unknown macro) goes to ``warnings``, located.
    """
    parsed = parse_bibtex(text)
    if parsed.failed:
        failed = parsed.failed[0]
        raise ValueError(f"{what}, line {failed.line}: cannot parse: {failed.message}")
    if len(parsed.entries) != 1:
        raise ValueError(
            f"{what} holds {len(parsed.entries)} entries; add takes one "
            "(litcat import-bibtex takes many)"
        )
    entry = parsed.entries[0]
    if entry.missing:
        raise ValueError(f"{what}: entry {entry.key!r} has no {', '.join(entry.missing)}")
    if warnings is not None:
        warnings.extend(f"{what}:{entry.line}: entry {entry.key!r}: {n}" for n in entry.notes)
    return dict(entry.data)


def _doi_or_none(value: str | None) -> str | None:
    try:
        return ids.normalize_doi(value) if value else None
    except ValueError:
        return None


def prepare(
    catalog: Catalog,
    index: Index,
    facts: dict[str, Any],
    tags: dict[str, list[str]],
    *,
    added: dt.date,
    header: str = "",
    force: bool = False,
    curated: dict[str, Any] | None = None,
) -> Prepared:
    """Make the record of a paper, unless the catalog holds it already.

    With ``force``, a paper matched by title only becomes a new record (titles do collide),
    and a record holding the same arXiv id or DOI is refreshed in place (:mod:`.refresh`): the
    source's facts replace its facts; its links, tags (unless new ones are given), attributes,
    summary, notes and sources stay, and ``changes`` says what changed.

    ``curated`` holds what the contributor gave beside tags (a short name, a summary, links,
    sources): it goes into the record as :func:`.curated.with_curated` says.
    """
    match = index.find(facts)
    if match is not None and (not force or match.paper_id not in catalog.papers):
        return Prepared(match.paper_id, duplicate=match)
    if match is not None and match.by != "title":
        data, old_header, changes, refused = refresh_data(
            catalog, match.paper_id, match.file, facts, tags, curated or {}
        )
        if data is None:
            return Prepared(match.paper_id, problems=refused, replaces=True)
        _, text, problems = check_record(catalog, match.paper_id, data, old_header or header)
        return Prepared(match.paper_id, text, problems, replaces=True, changes=changes)
    base = make_id(facts.get("authors", []), int(facts.get("year", 0)), facts.get("title", ""))
    pid = unique_id(base, index.taken)
    data = record_data(facts, tags, added, curated)
    _, text, problems = check_record(catalog, pid, data, header)
    return Prepared(pid, text, problems)
