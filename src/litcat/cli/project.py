"""Writing a Zensical project (``litcat render --engine zensical``) and keeping it current.

The folder is written file by file: a file whose content is already the same is left alone,
so that ``zensical serve`` rebuilds only what changed. Which files litcat made is kept in
``.litcat-files`` (:mod:`.folder`), so a file it no longer makes (the page of a deleted or
renamed record, a hand-written page that went) is removed, in this run or a later one, and
nothing else is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..render import Rendered, as_text
from ..render.zensical import ZensicalSite, hand_pages, project_files, read_mkdocs
from ..render.zensical import relative_docs as docs_path
from .folder import OwnedFolder


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
        self.folder = OwnedFolder(out)

    def write(self, rendered: Rendered, site: ZensicalSite) -> Written:
        files = project_files(site, hand_pages(site.docs_dir), rendered.outputs)
        generated = {docs_path(path) for path in rendered.outputs}
        made = set(files) | generated
        self.folder.claim(made)
        written = sum(self.folder.put(path, content) for path, content in files.items())
        for path in sorted(rendered.changed):
            written += self.folder.put(docs_path(path), as_text(rendered.outputs[path]))
        return Written(len(made), written, self.folder.settle(made))
