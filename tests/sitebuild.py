"""Helpers for tests that build a site: a config, a strict MkDocs run, HTML read back as text."""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import shutil
import traceback
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import click
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config

from litcat.render import theme

from .conftest import REPO

REPO_URL = "https://example.org/birds/atlas"
SITE_URL = "https://birds.example.org/atlas/"

HOSTILE_RECORD = """\
title: '<script>alert(1)</script> [x](javascript:alert(1)) *bold* `tick` ~~~'
authors:
  - <img src=x onerror=alert(2)>
  - Ada *Star*
year: 2019
venue: '**Venue** <b>bold</b>'
summary: '[click](javascript:alert(3)) _em_ <iframe>'
notes: |
  First line.

  ```
  <script>alert(4)</script>
  ```
tags:
  method:
    - citizen-science
attributes:
  instrument: <svg onload=alert(5)>
added: 2024-01-01
"""
HOSTILE_TITLE = "<script>alert(1)</script> [x](javascript:alert(1)) *bold* `tick` ~~~"
HOSTILE_LABEL = "Global <i>*y*</i> [z](javascript:alert(6))"
HOSTILE_DIMENSION = "Scale `tick` <b>b</b>"


def make_docs(target: Path) -> Path:
    """An empty docs folder: the plugin brings the site's assets."""
    docs = target / "docs"
    docs.mkdir(parents=True)
    return docs


def copy_assets(docs: Path) -> None:
    """The package's assets, for a site built without the plugin."""
    shutil.copytree(theme.ASSETS, docs / theme.ASSETS_URL, dirs_exist_ok=True)


def write_config(
    folder: Path,
    catalog: Path | None,
    docs: Path,
    *,
    repo_url: str | None = REPO_URL,
    options: dict[str, object] | None = None,
) -> Path:
    """An ``mkdocs.yml`` for the repo's theme setup; with ``catalog=None``, no litcat plugin
    (and the theme files the plugin would add are named; copy the assets with
    :func:`copy_assets`); ``options`` are more settings of the plugin."""
    config: dict[str, object] = {
        "site_name": "Bird migration catalog",
        "site_description": "Invented papers on bird migration, for the tests.",
        "site_url": SITE_URL,
        "docs_dir": str(docs),
        "theme": {
            "name": "material",
            "font": False,
            "features": ["navigation.instant", "content.code.copy", "content.action.edit"],
        },
        "plugins": ["search"],
        "markdown_extensions": [
            {"toc": {"permalink": True}},
            "pymdownx.highlight",
            "pymdownx.superfences",
        ],
        "validation": {"links": {"not_found": "warn", "unrecognized_links": "warn"}},
    }
    if repo_url:
        config["repo_url"] = repo_url
        config["edit_uri"] = "edit/main/docs/"
    if catalog is None:
        config["theme"]["custom_dir"] = str(theme.THEME_OVERRIDES)  # type: ignore[index]
        config["extra_css"] = list(theme.STYLES)
        config["extra_javascript"] = list(theme.SCRIPTS)
        config["markdown_extensions"] += list(theme.MARKDOWN_EXTENSIONS)  # type: ignore[operator]
    else:
        config["plugins"] = [
            "search",
            {
                "litcat": {
                    "papers": str(catalog / "papers"),
                    "taxonomy": str(catalog / "taxonomy.yaml"),
                    "templates": str(REPO / "templates"),
                    **(options or {}),
                }
            },
        ]
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


@dataclass
class Build:
    site: Path
    returncode: int
    output: str

    def html(self, page: str) -> str:
        return (self.site / page / "index.html").read_text(encoding="utf-8")


def mkdocs_build(config: Path, site: Path, today: dt.date | None = None) -> Build:
    """What ``mkdocs build --strict -f CONFIG -d SITE`` does, run in this process (a new
    process would spend more on importing MkDocs and Material than on the build): its exit
    status and what it logs or prints. ``today`` is the day the plugin takes for the build's
    (through ``SOURCE_DATE_EPOCH``), so that pages that name it can be compared. The command
    itself is run by the wheel's test (test_wheel.py)."""
    env = {"NO_MKDOCS_2_WARNING": "1"}
    if today is not None:
        midnight = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC)
        env["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        returncode = _build(config, site)
    except Exception:
        output.write(traceback.format_exc())
        returncode = 1
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return Build(site, returncode, output.getvalue())


def _build(config_file: Path, site: Path) -> int:
    """``mkdocs build``'s command (mkdocs/__main__.py), with its click errors as exit 1."""
    try:
        config = load_config(str(config_file), site_dir=str(site), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config, dirty=False)
        finally:
            config.plugins.on_shutdown()
    except click.ClickException as exc:
        logging.getLogger("mkdocs").error(exc.format_message())
        return 1
    return 0


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self.skip:
            self.skip -= 1

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def text_of(html: str) -> str:
    """What a reader sees: the text of a page, with character references decoded."""
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append((tag, value))


def links_of(html: str) -> list[tuple[str, str]]:
    parser = _Links()
    parser.feed(html)
    return parser.links


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site (by its path in the site) and its bytes, to compare builds."""
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}
