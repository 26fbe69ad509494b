"""The ``litcat`` MkDocs plugin: MkDocs events in, calls to the loader and renderer out.

Generated pages reach MkDocs as :class:`FinishedPage`: their HTML is finished by
:mod:`litcat.render.finish` instead of Python-Markdown, and their search entries come from the
records (:mod:`litcat.render.search`). Under ``mkdocs serve`` the plugin object lives across
rebuilds (it has ``on_startup``), and its :class:`~litcat.render.live.LiveSite` re-reads and
re-renders only what a save changed; under ``mkdocs serve --dirty``, the pages of records that
went are removed from the site folder, and a build that fails leaves what it did not get to
build to the next one.
"""

from __future__ import annotations

import gc
import json
import logging
import os
from pathlib import Path, PurePosixPath
from typing import Any, Literal
from urllib.parse import urljoin

import jinja2
from mkdocs import utils
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..core.catalog import PAPERS_DIR, TAXONOMY_FILE
from ..core.problems import format_problems
from ..core.reading.files import LEFTOVER
from ..render import MarkdownPage, Output, RenderOptions, as_text, edit_url, source_of
from ..render.live import LiveSite
from ..render.search import Entry, merge_index
from .fragments import FragmentCache
from .pages import FinishedPage, GeneratedFile, make_finisher, page_url_of, remove_built
from .search import only_search_reads_pages, strip_search_attributes
from .theme import add_assets, add_theme, build_date, own_templates, reuse_theme_work

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

# From how many papers a build keeps what it holds from the cycle collector (CatalogPlugin._freeze).
FREEZE_FROM = 1_000


# MkDocs' __init_subclass__ hooks are untyped.
class CatalogConfig(base.Config):  # type: ignore[no-untyped-call]
    papers = c.Dir(exists=True, default=PAPERS_DIR)
    taxonomy = c.File(exists=True, default=TAXONOMY_FILE)
    # Templates that replace the package's by name; unset: templates/ beside mkdocs.yml, if any.
    templates = c.Optional(c.Dir(exists=True))
    # False sends generated pages through Python-Markdown like hand-written ones (slower; for
    # a Markdown extension that must see them).
    finished_html = c.Type(bool, default=True)
    # False renders the theme's frame (header, navigation, footer) of every page in full,
    # instead of once for the catalog's pages out of the nav (see litcat.plugin.fragments).
    reuse_frame = c.Type(bool, default=True)


class CatalogPlugin(BasePlugin[CatalogConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.edit_urls: dict[str, str | None] = {}
        self.templates: Path | None = None
        self.live: LiveSite | None = None
        self.searched: dict[str, list[Entry]] = {}
        # Under `mkdocs serve --dirty`, only the files whose content changed are built again.
        self.dirty = False
        # What changed, and what the catalog no longer makes, since the last build that got to
        # its end: a build that fails halfway leaves them for the next one to build (or remove).
        self.unbuilt: set[str] = set()
        self.gone: set[str] = set()
        # Whether the catalog's search-excluded pages may skip the page_context hooks.
        self.hide_from_search = False
        # Whether the plugin froze the objects of the process for the build (see _freeze).
        self.frozen = False

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Having this hook keeps the plugin object across the rebuilds of `mkdocs serve`, and
        # with it the loaded catalog and the rendered pages.
        self.live = None
        self.dirty = command == "serve" and dirty
        self.unbuilt, self.gone = set(), set()

    @property
    def root(self) -> Path:
        return Path(self.config.papers).parent

    @event_priority(50)  # before the search plugin's, which makes theme environments
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        papers, taxonomy = Path(self.config.papers), Path(self.config.taxonomy)
        if papers.name != PAPERS_DIR or taxonomy != papers.parent / TAXONOMY_FILE:
            raise PluginError(
                f"litcat: papers ({papers}) and taxonomy ({taxonomy}) must be "
                f"{PAPERS_DIR}/ and {TAXONOMY_FILE} side by side in one catalog folder"
            )
        self.templates = own_templates(self.config.templates, config)
        add_theme(config)
        reuse_theme_work(config)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        add_assets(files, config)
        live = self._live(config)
        catalog = live.load()
        self._freeze(len(catalog.papers))
        if not catalog.ok:
            raise PluginError(format_problems(catalog.problems, "text"))
        for problem in catalog.problems:
            # A writer's leftover is no fault of the catalog: said, but no reason to fail a
            # --strict build (litcat validate warns about it).
            leftover = LEFTOVER.match(PurePosixPath(problem.file).name)
            (log.info if leftover else log.warning)(problem.format_text())
        options = RenderOptions(
            templates_dir=self.templates,
            site_name=config.site_name,
            site_description=config.site_description or "",
            site_url=config.site_url,
            edit_base=edit_base(config, self.root),
            today=build_date(os.environ),
        )
        self.edit_urls = {}
        listed = nav_titles(config.nav)
        rendered = live.render(catalog, options)
        self._freeze(len(catalog.papers))
        # The renderer lives as long as the plugin: what it says changed since its last render,
        # with what a failed build left, is what changed since the last build (all of it, the
        # first time).
        self.unbuilt |= rendered.changed
        self.gone = (self.gone | rendered.removed) - rendered.outputs.keys()
        searched = live.search_entries() if self.config.finished_html else {}
        for path, content in rendered.outputs.items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"litcat: docs/{path} is in the way of a generated page")
            file = self._file(config, path, content, listed, path in searched)
            file.changed = not self.dirty or path in self.unbuilt
            files.append(file)
            if path.endswith(".md"):
                source = source_of(catalog, path)
                self.edit_urls[path] = edit_url(options.edit_base, source)
        self.searched = searched
        # A hand-written page may take the place of a generated one that went.
        self.gone -= {file.src_uri for file in files}
        return files

    def _freeze(self, papers: int) -> None:
        """Keep what the process holds from the cycle collector until the build ends.

        The catalog, its rendered pages and the modules imported live through the build; each
        full collection while the pages are built scanned all of them to free nothing (three
        collections, a quarter of a second at 2,000 papers). Frozen, they are left out of
        collections; at the end of the build (or its failure) they are unfrozen and collected
        as usual. Objects someone else froze are left as they are: then nothing is frozen.
        Catalogs under :data:`FREEZE_FROM` papers are left alone: this repository's 226 gain
        20 ms of a second's build, while finding out whether someone froze objects walks
        every one of them (30 ms a check in a process that froze its modules).
        """
        if self.frozen or (papers >= FREEZE_FROM and gc.get_freeze_count() == 0):
            gc.freeze()
            self.frozen = True

    def _unfreeze(self) -> None:
        if self.frozen:
            gc.unfreeze()
            self.frozen = False

    def _live(self, config: MkDocsConfig) -> LiveSite:
        if self.live is None or self.live.loader.root != self.root.resolve():
            self.live = LiveSite(self.root)
        if self.config.finished_html:
            key = (repr(config.markdown_extensions), repr(config.mdx_configs))
            self.live.use_finisher(key, lambda: make_finisher(config))
        return self.live

    def _file(
        self,
        config: MkDocsConfig,
        path: str,
        content: Output,
        listed: dict[str, str | None] | None,
        searched: bool,
    ) -> GeneratedFile:
        level = inclusion(path, None if listed is None else set(listed))
        page = content if isinstance(content, MarkdownPage) and self.config.finished_html else None
        text = page.body if page is not None else as_text(content)
        file = GeneratedFile.generated(config, path, content=text, inclusion=level)
        assert isinstance(file, GeneratedFile)
        if page is None:
            return file
        assert self.live is not None
        title = listed.get(path) if listed is not None else None
        FinishedPage(title, file, config, page, self.live, searched)
        return file

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment | None:
        # (The environment compiles through the process-wide cache: reuse_theme_work.)
        # Learned afresh in each build: the nav, the theme or the templates may have changed.
        if self.config.reuse_frame:
            env.globals["litcat_fragment"] = FragmentCache().jinja_global()
        else:
            env.globals.pop("litcat_fragment", None)
        self.hide_from_search = only_search_reads_pages(config, self)
        return env

    # A generated page that search leaves out (a paper's or a node's, whose entries come from
    # the records; a comparison table) skips the search plugin's page_context hook, when that
    # is the only other plugin's: its HTML is set aside before every page_context hook, and put
    # back after them all as the search plugin would have left it (litcat.plugin.search).
    @event_priority(100)
    def _hide_from_search(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if not self.hide_from_search or not isinstance(page, FinishedPage):
            return context
        if page.content and page.search_excluded():
            page.set_aside, page.content = page.content, ""
        return context

    @event_priority(-100)
    def _put_back(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if isinstance(page, FinishedPage) and page.set_aside is not None:
            page.content, page.set_aside = strip_search_attributes(page.set_aside), None
        return context

    on_page_context = CombinedEvent(_hide_from_search, _put_back)

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page | None:
        # MkDocs would point generated pages at docs/<page>.md, which does not exist.
        if page.file.src_uri in self.edit_urls:
            page.edit_url = self.edit_urls[page.file.src_uri]
        return page

    @event_priority(-100)  # after the search plugin has written its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._unfreeze()
        # A dirty build leaves the site folder as it was: the page of a deleted or renamed
        # record would still be served.
        remove_built(config, self.gone)
        self.unbuilt, self.gone = set(), set()
        if not self.searched:
            return
        index_path = Path(config.site_dir) / "search" / "search_index.json"
        if not index_path.is_file():
            return
        index = json.loads(index_path.read_text(encoding="utf-8"))
        entries: list[dict[str, Any]] = []
        for path, found in self.searched.items():
            url = page_url_of(config, path)
            entries.extend({"location": url, **entry} for entry in found)
        merged = merge_index(index, entries)
        # As the search plugin writes it.
        utils.write_file(json.dumps(merged, separators=(",", ":")).encode("utf-8"), str(index_path))

    def on_build_error(self, *, error: Exception) -> None:
        self._unfreeze()

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        for path in (self.config.papers, self.config.taxonomy, self.templates):
            if path is not None:
                server.watch(str(path))
        return server


def inclusion(path: str, listed: set[str] | None) -> InclusionLevel:
    """Generated pages the nav does not name stay out of it, silently: listing every paper
    there would make every page of the site carry the whole catalog. Without a nav, pages
    deeper than ``folder/index.md`` (papers, nodes) stay out."""
    if listed is not None:
        return InclusionLevel.UNDEFINED if path in listed else InclusionLevel.NOT_IN_NAV
    if path.count("/") > 1:
        return InclusionLevel.NOT_IN_NAV
    return InclusionLevel.UNDEFINED


def nav_paths(nav: Any) -> set[str] | None:
    """Every page path the ``nav`` setting names, or None when MkDocs makes the nav itself."""
    titles = nav_titles(nav)
    return None if titles is None else set(titles)


def nav_titles(nav: Any) -> dict[str, str | None] | None:
    """Every page path the ``nav`` setting names, with the title it gives (or None), or None
    when MkDocs makes the nav itself."""
    if nav is None:
        return None
    found: dict[str, str | None] = {}
    stack: list[tuple[str | None, Any]] = [(None, nav)]
    while stack:
        title, item = stack.pop()
        if isinstance(item, str):
            found.setdefault(item, title)
        elif isinstance(item, dict):
            stack.extend((str(key), value) for key, value in item.items())
        elif isinstance(item, list):
            stack.extend((None, value) for value in item)
    return found


def edit_base(config: MkDocsConfig, root: Path) -> str | None:
    """The URL that a path inside the catalog folder is appended to, to edit that file.

    ``repo_url`` + ``edit_uri`` point at the docs folder; the catalog is found from there.
    """
    if not config.repo_url or not config.edit_uri:
        return None
    docs_base = urljoin(config.repo_url.rstrip("/") + "/", config.edit_uri)
    relative = Path(os.path.relpath(root, config.docs_dir)).as_posix()
    return urljoin(docs_base, relative.rstrip("/") + "/")
