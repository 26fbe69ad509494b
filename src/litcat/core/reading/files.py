"""Reading the files a pull request brings: regular files only, never more than a limit.

A record's folder can hold what git can store and what a machine can make: symbolic links
(pointing anywhere, or in a loop), FIFOs that block the first reader forever, sockets and
devices. Each is named as what it is and never opened for reading; nothing here raises.
"""

from __future__ import annotations

import os
import re
import stat

# What the writer (store.writer.write_atomic) names its temporary files: .<name>.<random>.tmp
LEFTOVER = re.compile(r"\A\.(?P<name>.+\.yaml)\.[A-Za-z0-9_]+\.tmp\Z")

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


class Unreadable(Exception):
    """Raised with a message (no location: the whole file is meant) when a file is refused."""


def kind(mode: int) -> str | None:
    """What a file that is not a regular file is (``a FIFO (named pipe)``), else ``None``."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular(path: str, limit: int) -> tuple[bytes, int]:
    """Up to ``limit + 1`` bytes of a regular file and its size; :class:`Unreadable` otherwise.

    The file is opened without following a symbolic link and without blocking (a FIFO opened
    for reading waits for a writer), and checked to be a regular file before any read.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == getattr(os, "ELOOP", None) or _kind_of(path) == "a symbolic link":
            raise Unreadable("is a symbolic link; records must be plain files") from None
        what = _kind_of(path)
        if what is not None:
            raise Unreadable(f"is {what}, not a file; records must be plain files") from None
        raise Unreadable(f"cannot read: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        what = kind(info.st_mode)
        if what is not None:
            raise Unreadable(f"is {what}, not a file; records must be plain files")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks), max(size, info.st_size)
    except OSError as exc:
        raise Unreadable(f"cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)


def _kind_of(path: str) -> str | None:
    try:
        return kind(os.lstat(path).st_mode)
    except OSError:
        return None
