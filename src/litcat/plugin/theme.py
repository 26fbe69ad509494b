"""What the package ships for the theme, wired into a catalog's MkDocs configuration: the
Material template override, the styles and scripts, the Markdown extensions the pages need,
a catalog's own templates folder, and the day of the build."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from ..render import theme


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
