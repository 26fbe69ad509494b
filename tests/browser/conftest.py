"""Browser tests: the invented catalog built once per module, served on 127.0.0.1.

This folder has no ``__init__.py`` on purpose: ``tests.browser`` is the shared module that finds
Chromium (tests/browser.py), which a package of the same name would hide.

The catalog is the invented one plus a record whose text is markup, to show that it stays text,
and one whose authors no source names (and whose short name is long, as some are).
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from tests.browser import launch, sync_playwright
from tests.conftest import CATALOG, REPO
from tests.sitebuild import make_docs, mkdocs_build, write_config

ARTIFACTS = REPO / "tests" / "artifacts"
# The day the site is built on: in the catalog's last year, so that the trends mark it partial.
BUILT_ON = dt.date(2024, 7, 2)


def build_site(catalog: Path, folder: Path) -> Path:
    """Build ``catalog`` with the repository's theme, styles and scripts; return the site."""
    config = write_config(folder, catalog, make_docs(folder))
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    # The scripts and styles the real site loads, so that the tests see what readers get.
    with (REPO / "mkdocs.yml").open(encoding="utf-8") as stream:
        repo: dict[str, Any] = yaml_load(stream)
    data["extra_css"] = repo.get("extra_css", [])
    data["extra_javascript"] = repo.get("extra_javascript", [])
    data["theme"]["palette"] = repo["theme"].get("palette", [])
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    build = mkdocs_build(config, folder / "site", today=BUILT_ON)
    assert build.returncode == 0, build.output
    return build.site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class Server:
    """Serves a folder on a random port of 127.0.0.1 for the length of a ``with`` block."""

    def __init__(self, root: Path) -> None:
        self.root = root
        handler = functools.partial(_Quiet, directory=str(root))
        self._httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self._httpd.server_port}/{path}"

    def __enter__(self) -> Server:
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


HOSTILE = """\
title: '<img src=x onerror="document.title=1">Markup & {braces} in a title'
authors:
  - Zoë <b>Bold</b>
year: 2019
venue: Proceedings of <i>Workshops</i>
tags:
  method:
    - citizen-science
attributes:
  setting: field
summary: A record whose text looks like markup; it must stay text.
added: 2024-07-01
"""


UNKNOWN_AUTHORS = """\
title: A Paper Whose Authors No Source Names
short_name: An Unusually Long Short Name Made Of Many Words
authors: []
authors_incomplete: true
year: 2018
tags:
  scale:
    - global
added: 2024-07-01
"""


@pytest.fixture(scope="module")
def catalog_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("catalog")
    shutil.copytree(CATALOG, root, dirs_exist_ok=True)
    (root / "papers" / "zz2019markup.yaml").write_text(HOSTILE, encoding="utf-8")
    (root / "papers" / "zz2018unknown.yaml").write_text(UNKNOWN_AUTHORS, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def site(catalog_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    out = build_site(catalog_root, tmp_path_factory.mktemp("site"))
    with Server(out) as server:
        yield server


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda m: (
            errors.append(f"{m.text} ({m.location.get('url')})") if m.type == "error" else None
        ),
    )
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == [], errors


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (gitignored), for a person to look at after a run."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
