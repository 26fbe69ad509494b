"""The ``litcat`` MkDocs plugin: MkDocs events in, calls to the loader and renderer out."""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urljoin

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .core.catalog import PAPERS_DIR, TAXONOMY_FILE
from .core.files import LEFTOVER
from .core.loader import load_catalog
from .core.problems import format_problems
from .render import RenderOptions, edit_url, render_site, source_of, theme

log = logging.getLogger(f"mkdocs.plugins.{__name__}")


# MkDocs' __init_subclass__ hooks are untyped.
class CatalogConfig(base.Config):  # type: ignore[no-untyped-call]
    papers = c.Dir(exists=True, default=PAPERS_DIR)
    taxonomy = c.File(exists=True, default=TAXONOMY_FILE)
    # Templates that replace the package's by name; unset: templates/ beside mkdocs.yml, if any.
    templates = c.Optional(c.Dir(exists=True))


class CatalogPlugin(BasePlugin[CatalogConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.edit_urls: dict[str, str | None] = {}
        self.templates: Path | None = None

    @property
    def root(self) -> Path:
        return Path(self.config.papers).parent

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        papers, taxonomy = Path(self.config.papers), Path(self.config.taxonomy)
        if papers.name != PAPERS_DIR or taxonomy != papers.parent / TAXONOMY_FILE:
            raise PluginError(
                f"litcat: papers ({papers}) and taxonomy ({taxonomy}) must be "
                f"{PAPERS_DIR}/ and {TAXONOMY_FILE} side by side in one catalog folder"
            )
        self.templates = own_templates(self.config.templates, config)
        add_theme(config)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        add_assets(files, config)
        catalog = load_catalog(self.root)
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
        listed = nav_paths(config.nav)
        for path, content in render_site(catalog, options).items():
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"litcat: docs/{path} is in the way of a generated page")
            files.append(
                File.generated(config, path, content=content, inclusion=inclusion(path, listed))
            )
            if path.endswith(".md"):
                source = source_of(catalog, path)
                self.edit_urls[path] = edit_url(options.edit_base, source)
        return files

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page | None:
        # MkDocs would point generated pages at docs/<page>.md, which does not exist.
        if page.file.src_uri in self.edit_urls:
            page.edit_url = self.edit_urls[page.file.src_uri]
        return page

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        for path in (self.config.papers, self.config.taxonomy, self.templates):
            if path is not None:
                server.watch(str(path))
        return server


def own_templates(configured: str | None, config: MkDocsConfig) -> Path | None:
    """The catalog's templates folder: the one configured, else ``templates/`` beside
    ``mkdocs.yml`` if there is one; None leaves every page to the package's templates."""
    if configured is not None:
        return Path(configured)
    beside = Path(config.config_file_path or ".").parent / "templates"
    return beside if beside.is_dir() else None


def add_theme(config: MkDocsConfig) -> None:
    """What the package ships for the theme, so that a catalog's ``mkdocs.yml`` names none of
    it: the Material template adding citation tags (after a ``custom_dir`` of the catalog's
    own, which may replace it), the styles, the scripts and the Markdown extensions the pages
    need. Whatever the configuration already names is not added twice."""
    overrides = str(theme.THEME_OVERRIDES)
    dirs = config.theme.dirs
    if overrides not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, overrides)
    config.extra_css.extend(p for p in theme.STYLES if p not in config.extra_css)
    named = {str(script) for script in config.extra_javascript}
    config.extra_javascript.extend(p for p in theme.SCRIPTS if p not in named)
    extensions = config.markdown_extensions
    extensions.extend(e for e in theme.MARKDOWN_EXTENSIONS if e not in extensions)


def add_assets(files: Files, config: MkDocsConfig) -> None:
    """The package's styles and scripts, as site files; a file of the same path in the docs
    folder replaces the package's."""
    for path in theme.asset_paths():
        if files.get_file_from_path(path) is None:
            source = str(theme.ASSETS.parent)
            files.append(File(path, source, config.site_dir, config.use_directory_urls))


def inclusion(path: str, listed: set[str] | None) -> InclusionLevel:
    """Generated pages the nav does not name stay out of it, silently: listing every paper
    there would make every page of the site carry the whole catalog. Without a nav, pages
    deeper than ``folder/index.md`` (papers, nodes) stay out."""
    if listed is not None:
        return InclusionLevel.UNDEFINED if path in listed else InclusionLevel.NOT_IN_NAV
    if path.count("/") > 1:
        return InclusionLevel.NOT_IN_NAV
    return InclusionLevel.UNDEFINED


def build_date(environ: Mapping[str, str]) -> dt.date:
    """The day of the build: today, or the day ``SOURCE_DATE_EPOCH`` names (reproducible
    builds set it so that a rebuild of the same sources gives the same pages)."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def nav_paths(nav: Any) -> set[str] | None:
    """Every page path the ``nav`` setting names, or None when MkDocs makes the nav itself."""
    if nav is None:
        return None
    found: set[str] = set()
    stack = [nav]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.add(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
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
