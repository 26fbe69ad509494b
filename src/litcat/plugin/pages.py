"""The pages the plugin hands MkDocs: generated pages whose HTML litcat finishes itself."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..render import MarkdownPage
from ..render.convert import MarkdownConverter, site_highlight
from ..render.finish import Finisher
from ..render.live import LiveSite


class FinishedPage(Page):
    """A generated page whose HTML litcat finishes itself (see :mod:`litcat.render.finish`).

    MkDocs lets a plugin put its own Page on a file before the navigation is built; this one
    reads its metadata from the renderer instead of parsing front matter, and renders without
    Python-Markdown unless the page holds something only Markdown can turn into HTML, or a
    plugin changed its Markdown.
    """

    def __init__(
        self,
        title: str | None,
        file: File,
        config: MkDocsConfig,
        source: MarkdownPage,
        live: LiveSite,
        searched: bool,
    ) -> None:
        super().__init__(title, file, config)
        self.source = source
        self.live = live
        self.searched = searched
        # The page's HTML while the page_context hooks run, when the plugin sets it aside.
        self.set_aside: str | None = None

    def read_source(self, config: MkDocsConfig) -> None:
        self.markdown = self.source.body
        self.meta = dict(self.source.meta)
        if self.searched:
            # Its entries come from the record: the search plugin need not parse the page.
            self.meta["search"] = {**self.meta.get("search", {}), "exclude": True}

    def search_excluded(self) -> bool:
        """Whether the search plugin leaves the page out, as Material's reads its metadata."""
        search = self.meta.get("search") or {}
        return isinstance(search, dict) and bool(search.get("exclude"))

    def render(self, config: MkDocsConfig, files: Files) -> None:
        finished = None
        if self.markdown is self.source.body:
            finished = self.live.finished(self.file.src_uri, self.source)
        if finished is None:
            super().render(config, files)
            return
        self.content = finished.html
        self.toc = get_toc(finished.toc)  # type: ignore[arg-type]
        # As Page.render does: the title of a leading h1, used when neither the nav nor the
        # metadata gives one.
        self._title_from_render = finished.title
        self.present_anchor_ids = set(finished.ids)


class GeneratedFile(File):
    """A generated file that says whether it changed since the last build.

    MkDocs takes every generated file for modified, so ``mkdocs serve --dirty`` would build
    every page again after each save; with this, it builds only the pages and files whose
    content the save changed (the record's page, its nodes' pages, the counts).
    """

    changed = True

    def is_modified(self) -> bool:
        return self.changed


def make_finisher(config: MkDocsConfig) -> Finisher:
    convert = MarkdownConverter(config.markdown_extensions, config.mdx_configs or {})
    return Finisher(convert, site_highlight(convert))


def page_url_of(config: MkDocsConfig, path: str) -> str:
    """The URL MkDocs gives the page at ``path`` (as the search index writes it)."""
    return File(path, None, config.site_dir, config.use_directory_urls).url


def remove_built(config: MkDocsConfig, paths: Iterable[str]) -> int:
    """Remove from the site folder what an earlier build made of the generated ``paths`` (the
    renderer's, which the catalog no longer makes), and the folders that leaves empty; nothing
    outside the site folder, nor a link. Returns how many files were removed."""
    site = Path(config.site_dir).resolve()
    removed = 0
    for path in sorted(paths):
        built = Path(File(path, None, config.site_dir, config.use_directory_urls).abs_dest_path)
        if built.is_symlink() or not built.is_file():
            continue
        if not built.resolve().is_relative_to(site):
            continue
        built.unlink()
        removed += 1
        folder = built.parent
        while folder.resolve() != site and folder.resolve().is_relative_to(site):
            try:
                folder.rmdir()
            except OSError:
                break
            folder = folder.parent
    return removed
