"""Loading a catalog again and again, as a live preview does, reading only what changed.

:class:`CatalogLoader` keeps what each entry of ``papers/`` gave the last time (its paper, or its
problems) with the entry's status. Asked again, it lists the folder, reads only the entries
whose modification time, size or inode changed, and runs the whole-catalog checks on the
result, so its catalog is the one :func:`~litcat.core.loader.load_catalog` would load. A change
to ``taxonomy.yaml`` drops everything: every record is checked against it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .catalog import PAPERS_DIR, TAXONOMY_FILE, Catalog
from .loader import (
    Entry,
    add_entry,
    collector_paused,
    finish_catalog,
    listing,
    load_taxonomy,
    read_entry,
)
from .problems import Problem
from .reading.reader import Document
from .taxonomy import Taxonomy

# What tells that a file changed: modification time (ns), size, inode, and whether it is a
# folder or a link. An editor that saves keeps none of them the same.
Stamp = tuple[int, int, int, int]


def stamp(stat: os.stat_result) -> Stamp:
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_mode)


def file_stamp(path: Path) -> Stamp | None:
    try:
        return stamp(path.lstat())
    except OSError:
        return None


@dataclass
class _Taxonomy:
    stamp: Stamp | None
    taxonomy: Taxonomy | None
    doc: Document


class CatalogLoader:
    """Loads the catalog in ``root``; each later :meth:`load` re-reads only changed files."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._taxonomy: _Taxonomy | None = None
        self._entries: dict[str, tuple[Stamp, Entry]] = {}
        # How many files the last load read (for tests and for the preview's log).
        self.read_count = 0

    def load(self) -> Catalog:
        with collector_paused() as paused:
            catalog = self._load()
            paused.records = self.read_count
            return catalog

    def _load(self) -> Catalog:
        taxonomy = self._load_taxonomy()
        catalog = Catalog(self.root, taxonomy.taxonomy, problems=list(taxonomy.doc.problems))
        papers_dir = self.root / PAPERS_DIR
        self.read_count = 0
        if not papers_dir.is_dir():
            self._entries = {}
            catalog.problems.append(
                Problem("error", PAPERS_DIR, 1, 1, "", "no papers/ folder", "is --root a catalog?")
            )
            return finish_catalog(catalog, taxonomy.doc)
        entries = listing(catalog, papers_dir)
        kept: dict[str, tuple[Stamp, Entry]] = {}
        for entry in entries:
            status = self._status(entry)
            cached = self._entries.get(entry.name)
            if status is not None and cached is not None and cached[0] == status:
                result = cached[1]
            else:
                result = read_entry(entry, taxonomy.taxonomy)
                self.read_count += 1
            if status is not None:
                kept[entry.name] = (status, result)
            add_entry(catalog, result)
        self._entries = kept
        return finish_catalog(catalog, taxonomy.doc)

    def _load_taxonomy(self) -> _Taxonomy:
        current = file_stamp(self.root / TAXONOMY_FILE)
        if self._taxonomy is None or current is None or self._taxonomy.stamp != current:
            # The records were checked against the old taxonomy: read them all again.
            self._entries = {}
            taxonomy, doc = load_taxonomy(self.root)
            self._taxonomy = _Taxonomy(current, taxonomy, doc)
        return self._taxonomy

    @staticmethod
    def _status(entry: os.DirEntry[str]) -> Stamp | None:
        try:
            return stamp(entry.stat(follow_symlinks=False))
        except OSError:
            # Gone between the listing and now: read it, and let the reader say so.
            return None
