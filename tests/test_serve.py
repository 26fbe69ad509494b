"""The live preview: ``mkdocs serve`` rebuilds after a saved record, re-reading only what changed,
reports a broken record where it breaks, and picks up again once it is fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from litcat.plugin import CatalogPlugin

from .sitebuild import SITE_URL, make_docs, write_config

# How long a rebuild may take on a loaded machine before the test gives up; not a timing test.
PATIENCE = 90.0


def retitle(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def litcat_plugin(config: MkDocsConfig) -> CatalogPlugin:
    plugin = config.plugins["litcat"]
    assert isinstance(plugin, CatalogPlugin)
    return plugin


def test_a_rebuild_reads_one_record_and_makes_its_pages_again(
    catalog_dir: Path, tmp_path: Path
) -> None:
    config_file = write_config(tmp_path, catalog_dir, make_docs(tmp_path))
    site = tmp_path / "site"
    config = load_config(str(config_file), site_dir=str(site))
    plugin = litcat_plugin(config)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    record = catalog_dir / "papers" / "okafor2023radar.yaml"
    retitle(record, "title: ", "title: Revised ")
    again = load_config(str(config_file), site_dir=str(site))
    # A plugin with on_startup is the same object in every build of one `mkdocs serve`.
    assert litcat_plugin(again) is plugin
    build(again)
    assert plugin.live is not None
    assert plugin.live.loader.read_count == 1
    assert "Revised" in (site / "papers" / "okafor2023radar" / "index.html").read_text("utf-8")


def test_a_dirty_rebuild_writes_only_what_a_save_changed(catalog_dir: Path, tmp_path: Path) -> None:
    """Under ``mkdocs serve --dirty``, pages whose content a save left alone are not built
    again: their files keep their time; the record's page and the pages listing it change."""
    config_file = write_config(tmp_path, catalog_dir, make_docs(tmp_path))
    site = tmp_path / "site"
    config = load_config(str(config_file), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    untouched = site / "taxonomy" / "taxon" / "geese" / "index.html"  # okafor is no goose
    changed = site / "papers" / "okafor2023radar" / "index.html"
    listing = site / "taxonomy" / "method" / "radar" / "index.html"
    before = {path: path.stat().st_mtime_ns for path in (untouched, changed, listing)}
    time.sleep(0.05)
    retitle(catalog_dir / "papers" / "okafor2023radar.yaml", "title: ", "title: Revised ")
    build(load_config(str(config_file), site_dir=str(site)), dirty=True)
    assert untouched.stat().st_mtime_ns == before[untouched]
    assert changed.stat().st_mtime_ns != before[changed]
    assert "Revised" in changed.read_text("utf-8")
    assert "Revised" in listing.read_text("utf-8")


def test_a_plain_build_writes_every_page(catalog_dir: Path, tmp_path: Path) -> None:
    config_file = write_config(tmp_path, catalog_dir, make_docs(tmp_path))
    site = tmp_path / "site"
    config = load_config(str(config_file), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    page = site / "papers" / "berg2021flyways" / "index.html"
    before = page.stat().st_mtime_ns
    time.sleep(0.05)
    build(load_config(str(config_file), site_dir=str(site)))
    assert page.stat().st_mtime_ns != before


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


# ``mkdocs serve`` as its command runs it, but looking for saved files every 0.05 s instead of
# every 0.5 s (LiveReloadServer's polling_interval, which the command does not set): the test
# waits on the plugin's rebuilds, not on MkDocs' clock (2.3 s, of which 1.4 s idle; now 1.1 s).
FAST_POLLING = """\
import sys
from mkdocs import livereload
from mkdocs.__main__ import cli

init = livereload.LiveReloadServer.__init__
assert init.__defaults__ == ("/", 0.5, 0.25), init.__defaults__
init.__defaults__ = ("/", 0.05, 0.25)
sys.exit(cli(prog_name="mkdocs"))
"""


class Server:
    """``mkdocs serve`` in a child process, its output collected as it comes."""

    def __init__(self, config: Path) -> None:
        self.port = free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        cmd = [sys.executable, "-c", FAST_POLLING, "serve", "-f", str(config)]
        self.process = subprocess.Popen(
            [*cmd, "-a", f"127.0.0.1:{self.port}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    def page(self, path: str) -> str | None:
        try:
            url = f"http://127.0.0.1:{self.port}{urlsplit(SITE_URL).path}{path}"
            with urllib.request.urlopen(url, timeout=10) as response:
                return str(response.read().decode("utf-8"))
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return None

    def wait_for(self, what: str, ok: Callable[[], bool]) -> None:
        deadline = time.monotonic() + PATIENCE
        while time.monotonic() < deadline:
            if ok():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        pytest.fail(f"waited for {what}; server said:\n{''.join(self.lines)}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._reader.join(timeout=20)
        if self.process.stdout is not None:
            self.process.stdout.close()


@pytest.fixture
def server(catalog_dir: Path, tmp_path: Path) -> Iterator[Server]:
    running = Server(write_config(tmp_path, catalog_dir, make_docs(tmp_path)))
    try:
        yield running
    finally:
        running.stop()


@pytest.mark.slow
def test_the_preview_follows_saves_and_recovers_from_a_broken_record(
    server: Server, catalog_dir: Path
) -> None:
    page = "papers/okafor2023radar/"
    server.wait_for("the first build", lambda: server.page(page) is not None)
    record = catalog_dir / "papers" / "okafor2023radar.yaml"
    retitle(record, "title: ", "title: Saved ")
    server.wait_for("the saved title", lambda: "Saved " in (server.page(page) or ""))
    good = record.read_text(encoding="utf-8")
    retitle(record, "year: 2023\n", "year: twenty\n")
    server.wait_for(
        "the located message",
        lambda: any(
            "papers/okafor2023radar.yaml:" in line and "year:" in line for line in server.lines
        ),
    )
    record.write_text(good.replace("title: Saved ", "title: Fixed "), encoding="utf-8")
    retitle(record, "title: Fixed ", "title: Fixed ")
    server.wait_for("the fixed record", lambda: "Fixed " in (server.page(page) or ""))


def test_a_dirty_rebuild_removes_the_pages_of_deleted_and_renamed_records(
    catalog_dir: Path, tmp_path: Path
) -> None:
    config_file = write_config(tmp_path, catalog_dir, make_docs(tmp_path))
    site = tmp_path / "site"
    config = load_config(str(config_file), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    renamed = site / "papers" / "okafor2023radar" / "index.html"
    deleted = site / "papers" / "tanaka2020global" / "index.html"
    mine = site / "papers" / "notes.txt"
    mine.write_text("not litcat's", encoding="utf-8")
    assert renamed.is_file() and deleted.is_file()
    papers = catalog_dir / "papers"
    (papers / "okafor2023radar.yaml").rename(papers / "okafor2023weather.yaml")
    (papers / "tanaka2020global.yaml").unlink()
    build(load_config(str(config_file), site_dir=str(site)), dirty=True)
    assert not renamed.exists() and not renamed.parent.exists()
    assert not deleted.exists() and not deleted.parent.exists()
    assert (site / "papers" / "okafor2023weather" / "index.html").is_file()
    assert mine.read_text(encoding="utf-8") == "not litcat's"


# A hook that fails the build after the pages were rendered, while a flag file exists.
FAILING_HOOK = """\
from pathlib import Path

FLAG = Path(__file__).with_name("fail")


def on_page_content(html, page, config, files):
    if FLAG.exists() and page.file.src_uri == "papers/okafor2023radar/index.md":
        raise RuntimeError("the hook failed")
    return html
"""


def test_a_dirty_build_that_fails_leaves_its_changes_to_the_next(
    catalog_dir: Path, tmp_path: Path
) -> None:
    """A build that fails after the renderer saw a save must not lose it: the next build,
    with nothing saved in between, builds the changed pages."""
    docs = make_docs(tmp_path)
    config_file = write_config(tmp_path, catalog_dir, docs)
    (tmp_path / "hook.py").write_text(FAILING_HOOK, encoding="utf-8")
    with config_file.open("a", encoding="utf-8") as handle:
        handle.write(f"hooks:\n  - {tmp_path / 'hook.py'}\n")
    site = tmp_path / "site"
    config = load_config(str(config_file), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    build(config, dirty=True)
    page = site / "papers" / "okafor2023radar" / "index.html"
    retitle(catalog_dir / "papers" / "okafor2023radar.yaml", "title: ", "title: Revised ")
    (tmp_path / "fail").touch()
    with pytest.raises(RuntimeError, match="the hook failed"):
        build(load_config(str(config_file), site_dir=str(site)), dirty=True)
    assert "Revised" not in page.read_text("utf-8")
    (tmp_path / "fail").unlink()
    build(load_config(str(config_file), site_dir=str(site)), dirty=True)
    assert "Revised" in page.read_text("utf-8")
