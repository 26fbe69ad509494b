"""One writer at a time: the lock that ``add``, ``import-bibtex`` and ``fmt`` hold while they
read the catalog and write records.

Two imports at once would each see the catalog before the other's records exist, and write the
same paper twice (``x`` and ``x-2``). A command takes the lock before it loads the catalog and
keeps it until its last write, so the second one loads what the first wrote.

The lock is ``fcntl.flock`` on ``papers/.litcat.lock``, which the loader ignores. It is
removed on release, while still held; a waiter that then wakes on the removed file sees that
the path no longer names it, and starts again, so no two commands ever hold it at once.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_FILE = ".litcat.lock"


@contextmanager
def catalog_lock(papers_dir: Path, on_wait: Callable[[], None] = lambda: None) -> Iterator[None]:
    """Hold the catalog's write lock for the ``with`` block; ``on_wait`` runs if it is taken."""
    path = papers_dir / LOCK_FILE
    waited = False
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as exc:
            raise OSError(exc.errno, f"cannot write: {exc.strerror}", str(papers_dir)) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not waited:
                on_wait()
                waited = True
            fcntl.flock(fd, fcntl.LOCK_EX)
        if _still_named(fd, path):
            break
        os.close(fd)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(fd)


def _still_named(fd: int, path: Path) -> bool:
    try:
        here, there = os.fstat(fd), path.stat()
    except FileNotFoundError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)
