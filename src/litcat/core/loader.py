"""Loading a catalog: each file alone (YAML, schema), then the whole (:mod:`.checks`).

This is the one loader; every command and the MkDocs plugin go through :func:`load_catalog`.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from . import ids
from .catalog import PAPERS_DIR, TAXONOMY_FILE, Catalog
from .models import RECORD_FIELDS, Paper
from .problems import Problem, sort_problems
from .reading import files
from .reading.reader import MAX_BYTES, Document, read
from .rules import catalog as catalog_rules
from .rules import record as record_rules
from .rules import text as text_rules
from .rules.located import validate_model
from .taxonomy import Taxonomy

# .litcat.lock: the write lock of store.lock, there while a command writes records.
ALLOWED_EXTRA_FILES = frozenset({".gitkeep", ".litcat.lock"})
TAXONOMY_MAX_BYTES = 4 * 1024 * 1024


def relative(path: Path, root: Path) -> str:
    """The path as problems name it; characters that are not printable are escaped, so a file
    name holding a line break cannot forge a line of ``litcat validate`` output."""
    try:
        text = path.relative_to(root).as_posix()
    except ValueError:
        text = path.as_posix()
    return printable(text)


def printable(text: str) -> str:
    """``text`` with every character that is not printable escaped as ``\\xNN``."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


def load_catalog(root: Path) -> Catalog:
    """Load and check the catalog in ``root``; problems are collected, never raised."""
    with collector_paused() as paused:
        catalog = _load_catalog(root.resolve())
        paused.records = len(catalog.papers)
        return catalog


# From how many records read what a load made is moved to the oldest generation (below).
LONG_LIVED_FROM = 1_000


@dataclass
class Paused:
    """What a load tells :func:`collector_paused`: how many records it read."""

    records: int = 0


@contextmanager
def collector_paused() -> Iterator[Paused]:
    """Pause Python's cycle collector while loading.

    Loading makes millions of short-lived objects (YAML nodes) that reference counting frees,
    and almost no cycles; meanwhile each collection rescans every paper loaded so far. Paused,
    10,000 records load ~12% faster and 100,000 a third faster (see benchmarks/RESULTS.md).
    """
    paused = Paused()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield paused
    finally:
        # What a large load made goes to the oldest generation, as long-lived data: left in
        # the youngest, the first allocation after loading would scan all of it (0.15 s at
        # 10,000 records) to free nothing. Nothing is kept from the collector: the next full
        # collection sees it. Objects someone else froze stay frozen: then nothing moves. A
        # small load is left as it is: its scan costs next to nothing, while the check walks
        # whatever the process froze (a server that forks workers freezes its whole heap).
        if paused.records >= LONG_LIVED_FROM and gc.get_freeze_count() == 0:
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def _load_catalog(root: Path) -> Catalog:
    taxonomy, taxonomy_doc = load_taxonomy(root)
    catalog = Catalog(root, taxonomy, problems=list(taxonomy_doc.problems))
    papers_dir = root / PAPERS_DIR
    if not papers_dir.is_dir():
        catalog.problems.append(
            Problem("error", PAPERS_DIR, 1, 1, "", "no papers/ folder", "is --root a catalog?")
        )
    else:
        for entry in listing(catalog, papers_dir):
            add_entry(catalog, read_entry(entry, taxonomy))
    return finish_catalog(catalog, taxonomy_doc)


def finish_catalog(catalog: Catalog, taxonomy_doc: Document) -> Catalog:
    """The second phase, on the whole catalog once every file is read; problems sorted."""
    if catalog.taxonomy is not None:
        catalog_rules.check_catalog(catalog, taxonomy_doc)
    catalog.problems = sort_problems(catalog.problems)
    return catalog


def listing(catalog: Catalog, papers_dir: Path) -> list[os.DirEntry[str]]:
    """The entries of ``papers/``, sorted as a listing is; an unreadable folder is a problem."""
    try:
        # scandir tells folders from files without a stat per entry.
        with os.scandir(papers_dir) as listing:
            return sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        catalog.problems.append(
            Problem("error", PAPERS_DIR, 1, 1, "", f"cannot read the folder: {exc.strerror}")
        )
        return []


def load_taxonomy(root: Path) -> tuple[Taxonomy | None, Document]:
    """Load ``taxonomy.yaml``; the document keeps its node tree for locating later problems."""
    path = root / TAXONOMY_FILE
    if not os.path.lexists(path):
        doc = Document(TAXONOMY_FILE)
        doc.error((), "no taxonomy.yaml", "is --root a catalog?")
        return None, doc
    doc = read(path, TAXONOMY_FILE, max_bytes=TAXONOMY_MAX_BYTES)
    if doc.problems:
        return None, doc
    taxonomy = validate_model(doc, Taxonomy, doc.data)
    if taxonomy is not None:
        catalog_rules.check_taxonomy(taxonomy, doc)
    if any(p.is_error for p in doc.problems):
        return None, doc
    return taxonomy, doc


@dataclass(frozen=True)
class Entry:
    """What one entry of ``papers/`` gives: a paper (when the file has no error), the name
    problems give the file, and the file's own problems."""

    file: str
    paper: Paper | None = None
    problems: tuple[Problem, ...] = ()


def add_entry(catalog: Catalog, entry: Entry) -> None:
    catalog.problems.extend(entry.problems)
    if entry.paper is not None:
        catalog.papers[entry.paper.id] = entry.paper
        catalog.files[entry.paper.id] = entry.file


def read_entry(entry: os.DirEntry[str], taxonomy: Taxonomy | None) -> Entry:
    """Load one entry of ``papers/``: a record, or a stray file reported as such."""
    file = f"{PAPERS_DIR}/{printable(entry.name)}"
    if entry.name in ALLOWED_EXTRA_FILES:
        return Entry(file)
    path = PurePosixPath(entry.name)
    problem = _not_a_record(entry, path, file)
    if problem is not None:
        return Entry(file, problems=(problem,))
    doc = read(entry.path, file, max_bytes=MAX_BYTES)
    paper = load_record(doc, path.stem, taxonomy)
    return Entry(file, paper, tuple(doc.problems))


def _whole_file(file: str, message: str, hint: str) -> Problem:
    return Problem("error", file, 1, 1, "", message, hint)


def _not_a_record(entry: os.DirEntry[str], path: PurePosixPath, file: str) -> Problem | None:
    """Why an entry of ``papers/`` is not read as a record, if it is not one.

    Nothing is followed or opened here: a symbolic link (even one in a loop) is named as one,
    and so is a FIFO, which reading would wait on forever.
    """
    leftover = files.LEFTOVER.match(entry.name)
    if leftover is not None:
        return Problem(
            "warning",
            file,
            1,
            1,
            "",
            f"left over from an interrupted write of {PAPERS_DIR}/{printable(leftover['name'])}",
            "compare it with that record, keep what you need, then delete this file",
        )
    try:
        if entry.is_symlink():
            return Problem(
                "error", file, 1, 1, "", "is a symbolic link; records must be plain files"
            )
        if entry.is_dir(follow_symlinks=False):
            return Problem(
                "error", file, 1, 1, "", "papers/ holds no folders", "move its records up"
            )
        # The listing tells a regular file without a stat; the rest are stat'ed to be named.
        regular = entry.is_file(follow_symlinks=False)
        mode = 0 if regular else entry.stat(follow_symlinks=False).st_mode
    except OSError as exc:
        return Problem("error", file, 1, 1, "", f"cannot read: {exc.strerror}")
    if not regular:
        what = files.kind(mode) or "not a regular file"
        return Problem(
            "error", file, 1, 1, "", f"is {what}, not a file; records must be plain files"
        )
    return _not_yaml(path, file)


def _not_yaml(path: PurePosixPath, file: str) -> Problem | None:
    if path.suffix == ".yaml":
        return None
    hint = (
        f"rename it to {path.stem}.yaml"
        if path.suffix.lower() in (".yml", ".yaml")
        else ("only <id>.yaml records belong in papers/")
    )
    return Problem("error", file, 1, 1, "", "not a record file", hint)


def check_id(doc: Document, paper_id: str) -> bool:
    if ids.ID_RE.fullmatch(paper_id) and len(paper_id) <= ids.ID_MAX:
        return True
    doc.problems.append(
        Problem(
            "error",
            doc.file,
            1,
            1,
            "",
            f"{paper_id!r} is not a valid record id",
            "name the file with lowercase letters, digits and dashes, e.g. smith2024title.yaml",
        )
    )
    return False


def without_empty_optionals(data: dict[str, Any]) -> dict[str, Any]:
    """An optional field written with no value (``venue:``, ``venue: null``, ``~``) is left out,
    as YAML means it; a required one stays, for the model to report as empty."""
    if None not in data.values():
        return data
    fields = Paper.model_fields
    return {
        k: v for k, v in data.items() if v is not None or k not in fields or fields[k].is_required()
    }


def load_record(doc: Document, paper_id: str, taxonomy: Taxonomy | None) -> Paper | None:
    """Build a paper from a parsed file, adding every problem to ``doc``.

    Returns the paper only if the file has no error.
    """
    id_ok = check_id(doc, paper_id)
    if doc.root is None:
        return None
    data = doc.data
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else "a single value"
        doc.error((), f"a record is a mapping of fields, found {kind}", "see docs/reference.md")
        return None
    if "id" in data:
        doc.error(("id",), "the id is the file name, not a field", "remove this key", key=True)
        data = {k: v for k, v in data.items() if k != "id"}
    data = without_empty_optionals(data)
    text_rules.check_text(doc, data)
    fields = {**data, "id": paper_id}
    if taxonomy is not None:
        attributes = record_rules.check_record(doc, data, taxonomy)
        if isinstance(data.get("attributes"), dict):
            # The paper holds them with their declared types ("true" becomes True); the model
            # checks only that they are a mapping, which they are.
            fields["attributes"] = attributes
    paper = validate_model(doc, Paper, fields, fields=RECORD_FIELDS)
    if paper is None or not id_ok or any(p.is_error for p in doc.problems):
        return None
    if taxonomy is not None:
        record_rules.check_expected(doc, paper, taxonomy)
    return paper
