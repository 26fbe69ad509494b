"""What the package ships for the theme, wired into a catalog's MkDocs configuration: the
Material template override, the styles and scripts, the Markdown extensions the pages need,
a catalog's own templates folder, the day of the build, and the theme's work reused from build
to build."""

from __future__ import annotations

import datetime as dt
import os
import sysconfig
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.theme import Theme

from ..render import theme
from ..render.compiled import keep_compiled


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


def build_date(environ: Mapping[str, str]) -> dt.date:
    """The day of the build: today, or the day ``SOURCE_DATE_EPOCH`` names (reproducible
    builds set it so that a rebuild of the same sources gives the same pages)."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def reuse_theme_work(config: MkDocsConfig) -> None:
    """Each environment the theme makes (the build's, and those the search plugin makes for
    its translations) reuses the work of earlier ones in the process (``mkdocs serve`` builds
    again and again): templates compiled once (:mod:`litcat.render.compiled`), and the folders
    of installed packages listed once. MkDocs lists every file of the theme's folders at each
    build to copy the static ones, and drops those under a hidden name: Material's folder holds
    some 14,500 files, 14,300 of them its icons under ``.icons``, and MkDocs tested each name
    against its patterns at every build (25 to 40 ms of a small catalog's build). The listing
    leaves hidden names out from the start (see :class:`InstalledOnce`); a catalog's
    ``custom_dir`` and the package's overrides in a checkout are listed at each build."""
    config.theme.get_env = _reusing_env(config.theme)  # type: ignore[method-assign]


def _reusing_env(theme: Theme) -> Callable[[], jinja2.Environment]:
    make = type(theme).get_env

    def get_env() -> jinja2.Environment:
        env = make(theme)
        loader = env.loader
        if type(loader) is jinja2.FileSystemLoader:
            env.loader = InstalledOnce(loader.searchpath, loader.encoding, loader.followlinks)
        keep_compiled(env)
        return env

    return get_env


class InstalledOnce(jinja2.FileSystemLoader):
    """A file system loader whose listing of a folder inside an installed package's
    site-packages is made once per process, and lists no file under a hidden name.

    MkDocs is the one caller of the listing: it copies the theme's static files and leaves out
    every path with a part that begins with a dot (its patterns ``.*`` and ``*/.*``). Leaving
    them out of the listing copies the same files (a test compares the two) without walking
    Material's icons or testing their names. Loading is Jinja's: a template under a hidden name
    still loads by its name."""

    def list_templates(self) -> list[str]:
        found: set[str] = set()
        for folder in self.searchpath:
            if _installed(folder):
                path = Path(folder)
                stamp = path.stat().st_mtime_ns if path.is_dir() else 0
                found.update(_listed(folder, self.followlinks, stamp))
            else:
                found.update(listing(folder, self.followlinks))
        return sorted(found)


def listing(folder: str, followlinks: bool = False) -> frozenset[str]:
    """Every file under ``folder`` as a template name (its path from the folder, with ``/``),
    but those with a part of the path that begins with a dot (hidden folders are not walked)."""
    names: set[str] = set()
    for where, folders, files in os.walk(folder, followlinks=followlinks):
        folders[:] = [name for name in folders if not name.startswith(".")]
        relative = os.path.relpath(where, folder)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        names.update(prefix + name for name in files if not name.startswith("."))
    return frozenset(names)


@lru_cache(maxsize=32)
def _listed(folder: str, followlinks: bool, stamp: int) -> frozenset[str]:
    # ``stamp``, the folder's own modification time, keys a package installed again anew.
    return listing(folder, followlinks)


@lru_cache(maxsize=1)
def _site_packages() -> tuple[str, ...]:
    paths = {sysconfig.get_path(name) for name in ("purelib", "platlib")}
    return tuple(os.path.realpath(p) + os.sep for p in paths if p)


def _installed(folder: str) -> bool:
    return (os.path.realpath(folder) + os.sep).startswith(_site_packages())
