"""Writing a Zensical project (``litcat render --engine zensical``) and keeping it current.

The folder is written file by file: a file whose content is already the same is left alone,
so that ``zensical serve`` rebuilds only what changed. Which files litcat made is kept in
``.litcat-files``, so a file it no longer makes (the page of a deleted or renamed record, a
hand-written page that went) is removed, in this run or a later one, and nothing else is.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..render import Rendered, as_text
from ..render.zensical import Content, ZensicalSite, hand_pages, project_files, read_mkdocs
from ..render.zensical import relative_docs as docs_path
from ..store.writer import write_atomic

MANIFEST = ".litcat-files"


@dataclass(frozen=True)
class Written:
    """What one render did to its folder: the files it makes, how many it wrote (their
    content changed) and how many it removed (no longer made)."""

    files: int
    changed: int
    removed: int


MKDOCS_YML = "mkdocs.yml"


def site_of(root: Path) -> ZensicalSite:
    """The catalog's settings: its ``mkdocs.yml``, else its ``docs/`` and the defaults."""
    config = root / MKDOCS_YML
    if config.is_file():
        return read_mkdocs(config)
    docs = root / "docs"
    return ZensicalSite(docs_dir=docs if docs.is_dir() else None)


class ProjectWriter:
    """Writes the project into ``out`` after each render."""

    def __init__(self, out: Path, root: Path) -> None:
        self.out, self.root = out, root
        manifest = out / MANIFEST
        listed = manifest.read_text(encoding="utf-8").splitlines() if manifest.is_file() else []
        # Only paths litcat could have written: a list edited by hand cannot reach outside.
        self.known: set[str] = {path for path in listed if inside(path)}

    def write(self, rendered: Rendered, site: ZensicalSite) -> Written:
        files = project_files(site, hand_pages(site.docs_dir), rendered.outputs)
        generated = {docs_path(path) for path in rendered.outputs}
        written = sum(self._put(path, content) for path, content in files.items())
        for path in sorted(rendered.changed):
            written += self._put(docs_path(path), as_text(rendered.outputs[path]))
        made = set(files) | generated
        stale = sorted(self.known - made)
        for path in stale:
            self._remove(path)
        if made != self.known:
            lines = "".join(f"{path}\n" for path in sorted(made))
            write_atomic(self.out / MANIFEST, lines, durable=False)
            self.known = made
        return Written(len(made), written, len(stale))

    def _put(self, path: str, content: Content) -> int:
        target = self.out / path
        data = content.encode("utf-8") if isinstance(content, str) else content
        if target.is_file() and target.read_bytes() == data:
            return 0
        write_bytes_atomic(target, data)
        return 1

    def _remove(self, path: str) -> None:
        target = self.out / path
        target.unlink(missing_ok=True)
        # The folders it leaves empty go too (a paper's page is papers/<id>/index.md).
        folder = target.parent
        while folder != self.out and folder.is_dir():
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent


def inside(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return bool(parts) and not PurePosixPath(path).is_absolute() and ".." not in parts


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
