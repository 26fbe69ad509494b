"""A Zensical project around the generated pages: ``zensical.toml``, the pages, the assets.

Zensical, the successor of Material for MkDocs, reads ``zensical.toml`` and builds the Markdown
under ``docs/``; it runs no MkDocs plugin, so what the ``litcat`` plugin adds to a site at build
time is written out here instead: the styles and scripts (as files under ``docs/assets``), the
template that puts citation tags in a paper page's head (``overrides/``), the Markdown
extensions the pages need, and a navigation that names the catalog's sections and the
hand-written pages but no paper page. Settings a reader sees (name, description, theme, search
separator, extensions) come from the catalog's ``mkdocs.yml`` where it has one, so one catalog
builds the same site either way. Nothing here writes a file: the caller gets ``{path: content}``.
"""

from __future__ import annotations

import json
import os
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml

from ..core import paths
from . import theme

CONFIG_FILE = "zensical.toml"
DOCS = "docs"
OVERRIDES = "overrides"
# The search separator of litcat's own mkdocs.yml: words end at punctuation, and at the
# characters of the search's query syntax and of Markdown.
SEARCH_SEPARATOR = r'[\s\-,:;!?=\[\]()"/*^~+#|{}`]+|\.(?!\d)|&[lg]t;'
# Zensical gives a generated page the edit link of a docs/ file that is not in the
# repository; a paper page carries its own link to its record instead.
DROPPED_FEATURES = frozenset({"content.action.edit", "content.action.view"})
# The catalog's sections, in the order MkDocs' nav of a new catalog lists them.
SECTIONS = (
    ("Home", paths.HOME),
    ("Taxonomy", paths.TAXONOMY),
    ("Explorer", paths.EXPLORER),
    ("Compare", paths.COMPARE),
    ("Trends", paths.TRENDS),
    ("Recently added", paths.RECENT),
    ("Downloads", paths.DOWNLOADS),
)

Content = str | bytes


@dataclass(frozen=True)
class ZensicalSite:
    """What ``zensical.toml`` says, read from a catalog's ``mkdocs.yml`` (or the defaults)."""

    site_name: str = "Literature catalog"
    site_description: str = ""
    site_url: str | None = None
    repo_url: str | None = None
    edit_uri: str | None = None
    # The catalog's folder of hand-written pages (MkDocs' ``docs_dir``), if it has one.
    docs_dir: Path | None = None
    theme: dict[str, Any] = field(default_factory=dict)
    nav: list[Any] | None = None
    markdown_extensions: list[Any] = field(default_factory=list)
    separator: str = SEARCH_SEPARATOR
    extra_css: list[Any] = field(default_factory=list)
    extra_javascript: list[Any] = field(default_factory=list)

    def edit_base(self, root: Path) -> str | None:
        """As the plugin computes it: the URL a path in the catalog folder is appended to."""
        if not self.repo_url or not self.edit_uri or self.docs_dir is None:
            return None
        docs_base = urljoin(self.repo_url.rstrip("/") + "/", self.edit_uri)
        relative = Path(os.path.relpath(root, self.docs_dir)).as_posix()
        return urljoin(docs_base, relative.rstrip("/") + "/")


class _MkDocsLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml`` as MkDocs does for the settings used here: ``!ENV`` is resolved;
    any other tag (``!!python/name:`` of an extension setting) reads as None."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """``!ENV NAME`` or ``!ENV [NAME, OTHER_NAME, default]``, as MkDocs reads them."""
    items = list(node.value) if isinstance(node, yaml.SequenceNode) else [node]
    names, default = items, None
    if len(items) > 1:
        names, default = items[:-1], loader.construct_object(items[-1])
    for name in names:
        if not isinstance(name, yaml.ScalarNode):
            return None
        value = os.environ.get(str(loader.construct_scalar(name)))
        if value is not None:
            return value
    return default


def _unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> None:
    return None


_MkDocsLoader.add_constructor("!ENV", _env_tag)
_MkDocsLoader.add_multi_constructor("", _unknown_tag)


def read_mkdocs(path: Path) -> ZensicalSite:
    """The settings of a catalog's ``mkdocs.yml`` that a Zensical project carries over."""
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_MkDocsLoader)
    if not isinstance(config, dict):
        raise ValueError(f"{path}: not a mapping of settings")
    docs_dir = path.parent / str(config.get("docs_dir") or "docs")
    theme_config = config.get("theme")
    theme_settings = dict(theme_config) if isinstance(theme_config, dict) else {}
    nav = config.get("nav")
    return ZensicalSite(
        site_name=str(config.get("site_name") or ZensicalSite.site_name),
        site_description=str(config.get("site_description") or "").strip(),
        site_url=_text(config.get("site_url")),
        repo_url=_text(config.get("repo_url")),
        edit_uri=_text(config.get("edit_uri")),
        docs_dir=docs_dir if docs_dir.is_dir() else None,
        theme=theme_settings,
        nav=nav if isinstance(nav, list) else None,
        markdown_extensions=list(config.get("markdown_extensions") or []),
        separator=_search_separator(config.get("plugins")) or SEARCH_SEPARATOR,
        extra_css=list(config.get("extra_css") or []),
        extra_javascript=list(config.get("extra_javascript") or []),
    )


def _text(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _search_separator(plugins: Any) -> str | None:
    items = plugins.items() if isinstance(plugins, dict) else []
    if isinstance(plugins, list):
        items = [next(iter(p.items())) for p in plugins if isinstance(p, dict) and p]
    for name, settings in items:
        if name == "search" and isinstance(settings, dict) and settings.get("separator"):
            return str(settings["separator"])
    return None


def hand_pages(docs_dir: Path | None) -> dict[str, bytes]:
    """Every file of the catalog's hand-written docs folder, by path inside it."""
    if docs_dir is None:
        return {}
    return {
        path.relative_to(docs_dir).as_posix(): path.read_bytes()
        for path in sorted(docs_dir.rglob("*"))
        if path.is_file() and not any(p.startswith(".") for p in path.relative_to(docs_dir).parts)
    }


def project_files(
    site: ZensicalSite, hand: Mapping[str, bytes], generated: Iterable[str]
) -> dict[str, Content]:
    """The project's files other than the generated pages (whose paths ``generated`` names,
    under ``docs/``): the configuration, the theme override, the assets and the hand-written
    pages. A hand-written page may replace a shipped asset, not a generated page."""
    made = set(generated)
    clash = sorted(made & set(hand))
    if clash:
        raise ValueError(f"docs/{clash[0]} is in the way of a generated page")
    files: dict[str, Content] = {CONFIG_FILE: config_toml(site, hand, made)}
    for name in sorted(p.name for p in theme.THEME_OVERRIDES.iterdir() if p.is_file()):
        files[f"{OVERRIDES}/{name}"] = (theme.THEME_OVERRIDES / name).read_text(encoding="utf-8")
    for path in theme.asset_paths():
        source = theme.ASSETS / path.removeprefix(theme.ASSETS_URL + "/")
        files[f"{DOCS}/{path}"] = source.read_bytes()
    for path, content in hand.items():
        files[f"{DOCS}/{path}"] = content
    return files


def default_nav(pages: set[str]) -> list[Any]:
    """The catalog's sections that exist, then the hand-written Markdown pages by path."""
    nav: list[Any] = [{title: path} for title, path in SECTIONS if path in pages]
    named = {path for _, path in SECTIONS}
    nav.extend(
        path
        for path in sorted(pages - named)
        if path.endswith(".md") and paths.paper_of(path) is None and path.count("/") == 0
    )
    return nav


def config_toml(site: ZensicalSite, hand: Mapping[str, bytes], generated: set[str]) -> str:
    """``zensical.toml`` for the catalog: settings from ``mkdocs.yml``, plus what the plugin
    would have added (assets, extensions, the theme override)."""
    pages = set(hand) | generated
    nav = site.nav if site.nav is not None else default_nav(pages)
    project: dict[str, Any] = {"site_name": site.site_name}
    for key in ("site_description", "site_url", "repo_url", "edit_uri"):
        value = getattr(site, key)
        if value:
            project[key] = value
    project["docs_dir"] = DOCS
    project["site_dir"] = "site"
    project["nav"] = [_nav_item(item) for item in nav]
    project["extra_css"] = _merged(site.extra_css, theme.STYLES)
    project["extra_javascript"] = _merged(site.extra_javascript, theme.SCRIPTS)
    theme_settings = {k: v for k, v in site.theme.items() if k not in {"name", "custom_dir"}}
    features = [f for f in theme_settings.get("features", []) if f not in DROPPED_FEATURES]
    theme_settings["features"] = features
    theme_settings["custom_dir"] = OVERRIDES
    tables = {
        "project.theme": theme_settings,
        "project.plugins.search": {"separator": site.separator},
        "project.markdown_extensions": _extensions(site.markdown_extensions),
    }
    head = (
        "# Written by `litcat render --engine zensical`: edit mkdocs.yml and render again.\n"
        "# `zensical build` in this folder builds the site into site/.\n"
    )
    return head + _table("project", project) + "".join(_table(k, v) for k, v in tables.items())


def _nav_item(item: Any) -> Any:
    if isinstance(item, dict):
        return {
            str(k): [_nav_item(i) for i in v] if isinstance(v, list) else v for k, v in item.items()
        }
    return item


def _merged(configured: list[Any], shipped: Iterable[str]) -> list[Any]:
    named = {item if isinstance(item, str) else str(item.get("path")) for item in configured}
    return [*configured, *(path for path in shipped if path not in named)]


# MkDocs turns these on whatever the configuration says; Zensical does not (fenced_code).
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")


def _extensions(configured: list[Any]) -> dict[str, Any]:
    extensions: dict[str, Any] = {name: {} for name in MKDOCS_EXTENSIONS}
    for item in configured:
        if isinstance(item, str):
            extensions[item] = {}
        elif isinstance(item, dict):
            for name, settings in item.items():
                extensions[str(name)] = settings if isinstance(settings, dict) else {}
    for name in theme.MARKDOWN_EXTENSIONS:
        extensions.setdefault(name, {})
    return extensions


# -- TOML ----------------------------------------------------------------------------------------
# The standard library reads TOML but does not write it; these settings need only strings,
# numbers, booleans, lists and tables. A JSON string is a TOML basic string.


def _table(name: str, values: Mapping[str, Any]) -> str:
    lines = [f"\n[{name}]"]
    lines.extend(
        f"{_key(key)} = {_value(value)}" for key, value in values.items() if value is not None
    )
    return "\n".join(lines) + "\n"


def _key(key: str) -> str:
    return (
        key
        if key.replace("_", "").replace("-", "").isalnum() and key.isascii()
        else json.dumps(key)
    )


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return json.dumps(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        items = [_value(v) for v in value if v is not None]
        if sum(len(i) for i in items) < 80:
            return "[" + ", ".join(items) + "]"
        return "[\n" + "".join(f"  {i},\n" for i in items) + "]"
    if isinstance(value, dict):
        pairs = [f"{_key(str(k))} = {_value(v)}" for k, v in value.items() if v is not None]
        return "{ " + ", ".join(pairs) + " }" if pairs else "{}"
    raise ValueError(f"cannot write {value!r} to TOML")


def relative_docs(path: str) -> str:
    """A generated page's path in the project (``docs/papers/x/index.md``)."""
    return posixpath.join(DOCS, path)
