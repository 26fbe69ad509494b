"""A built site served on 127.0.0.1 for browser tests: one strict build, one quiet server."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

import yaml
from mkdocs.utils.yaml import yaml_load

from tests.conftest import REPO
from tests.sitebuild import make_docs, mkdocs_build, write_config

ARTIFACTS = REPO / "tests" / "artifacts"


def build_site(catalog: Path, folder: Path) -> Path:
    """Build ``catalog`` with the repository's theme, styles and scripts; return the site."""
    config = write_config(folder, catalog, make_docs(folder))
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    # The scripts and styles the real site loads, so that the tests see what readers get.
    with (REPO / "mkdocs.yml").open(encoding="utf-8") as stream:
        repo: dict[str, Any] = yaml_load(stream)
    data["extra_css"] = repo.get("extra_css", [])
    data["extra_javascript"] = repo.get("extra_javascript", [])
    config.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    build = mkdocs_build(config, folder / "site")
    assert build.returncode == 0, build.output
    return build.site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base's name)
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
