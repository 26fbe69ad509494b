"""A folder that ``litcat render`` writes into, and the list of the files it wrote there.

Both engines write through it: the generated pages (``litcat render --out``) and a Zensical
project (``--engine zensical``). The files litcat wrote are listed in ``.litcat-files``, so a
file it no longer makes (the page of a deleted or renamed record) is removed, in this run or a
later one, and nothing else is: not a path the list does not hold, not one that would reach
outside the folder (absolute, with ``..``, or through a symbolic link), nor a link itself.
Nothing is written through a link either: a subfolder that is a link leading outside the
folder (``papers -> ../catalog/papers``) stops the run before a file is written there.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path, PurePosixPath

from ..store.writer import write_atomic

MANIFEST = ".litcat-files"


class OwnedFolder:
    """``out``, with what litcat wrote there (:data:`MANIFEST`) read once and kept current."""

    def __init__(self, out: Path) -> None:
        self.out = out
        manifest = out / MANIFEST
        try:
            listed = manifest.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            listed = []  # none yet, or not one litcat wrote: nothing is known to be ours
        # Only paths litcat could have written: a list edited by hand cannot reach outside.
        self.known: set[str] = {path for path in listed if inside(path)}
        self._base = out.resolve()
        self._inside: dict[Path, bool] = {}  # each folder written into: it is in the folder

    def claim(self, made: set[str]) -> None:
        """Before writing ``made``: list it, so that a run stopped halfway still knows every
        file it may have written."""
        if not made <= self.known:
            self._list(self.known | made)

    def put(self, path: str, data: str | bytes) -> int:
        """Write ``path`` unless it holds ``data`` already; 1 if written."""
        target = self.out / path
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if target.is_file() and not target.is_symlink() and target.read_bytes() == raw:
            return 0
        self._check_inside(path, target.parent)
        write_bytes_atomic(target, raw)
        return 1

    def _check_inside(self, path: str, folder: Path) -> None:
        found = self._inside.get(folder)
        if found is None:
            found = self._inside[folder] = folder.resolve().is_relative_to(self._base)
        if not found:
            raise OutsideFolder(
                f"{self.out / path}: a folder on its way is a link leading outside {self.out}; "
                "litcat writes nothing through it (remove the link, or render elsewhere)"
            )

    def settle(self, made: set[str]) -> int:
        """Remove the files litcat wrote and no longer makes, and list ``made``; returns how
        many files were removed."""
        stale = sorted(self.known - made)
        removed = sum(self._remove(path) for path in stale)
        if made != self.known:
            self._list(made)
        return removed

    def _list(self, paths: set[str]) -> None:
        write_atomic(self.out / MANIFEST, "".join(f"{p}\n" for p in sorted(paths)), durable=False)
        self.known = set(paths)

    def _remove(self, path: str) -> int:
        target = self.out / path
        base = self.out.resolve()
        # A folder on the way that is a link (papers -> /elsewhere) would reach outside.
        if target.is_symlink() or not target.parent.resolve().is_relative_to(base):
            return 0
        if not target.is_file():
            return 0
        target.unlink()
        # The folders it leaves empty go too (a paper's page is papers/<id>/index.md).
        folder = target.parent
        while folder != self.out and folder.is_dir() and not folder.is_symlink():
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent
        return 1


class OutsideFolder(ValueError):
    """A file to write would land outside the folder, through a link."""


def inside(path: str) -> bool:
    """A relative path that stays in its folder (no ``..``, not absolute)."""
    pure = PurePosixPath(path)
    return (
        bool(pure.parts) and not pure.is_absolute() and ".." not in pure.parts and "\\" not in path
    )


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """As :func:`litcat.store.writer.write_atomic`, for any file (an image among the pages)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and "\r" not in text:
        write_atomic(path, text, durable=False)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o644)
            handle.write(data)
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise
