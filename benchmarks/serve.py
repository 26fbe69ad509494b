"""The live preview: from saving one record to the reloaded page, under ``mkdocs serve``.

``mkdocs serve`` runs on the generated catalog with the litcat plugin; Chromium (Playwright)
has the record's page open. Each run changes the record's title on disk and waits until the
page in the browser, reloaded by MkDocs' livereload, shows the new title. The time from the
write to that moment is the figure; the server's own "Documentation built in" line gives the
rebuild alone.

    python -m benchmarks.serve ROOT --runs 5 [--dirty]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import statistics
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from .browser import CHROMIUM, CHROMIUM_ARGS
from .measure import BIN
from .site import plugin_config, write_config

BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
READY_TIMEOUT = 600.0
RELOAD_TIMEOUT = 120.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serving(root: Path, work: Path, dirty: bool) -> Iterator[tuple[str, list[str]]]:
    """``mkdocs serve`` of the catalog in ``root``; yields its URL and its log lines so far."""
    config = plugin_config(root, work / "site")
    config.pop("site_dir")
    path = write_config(work / "serve" / "mkdocs.yml", config)
    port = free_port()
    cmd = [str(BIN / "mkdocs"), "serve", "-f", str(path), "-a", f"127.0.0.1:{port}"]
    cmd += ["--dirty"] if dirty else []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    process = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    lines: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        _wait(lambda: any("Serving on" in line for line in lines), READY_TIMEOUT, lines)
        yield f"http://127.0.0.1:{port}/", lines
    finally:
        process.terminate()
        process.wait(timeout=60)
        reader.join(timeout=60)
        if process.stdout is not None:
            process.stdout.close()


def _wait(ok: Any, timeout: float, lines: list[str]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ok():
            return
        time.sleep(0.02)
    raise TimeoutError("".join(lines[-20:]))


def pick_record(root: Path) -> tuple[str, Path]:
    path = sorted((root / "papers").glob("*.yaml"))[len(list((root / "papers").iterdir())) // 2]
    return path.stem, path


def measure(root: Path, work: Path, runs: int, dirty: bool) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    pid, record = pick_record(root)
    original = record.read_text(encoding="utf-8")
    title_line = next(line for line in original.splitlines() if line.startswith("title: "))
    title = yaml.safe_load(title_line)["title"]
    reloads, builds = [], []
    with serving(root, work, dirty) as (url, lines), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{url}papers/{pid}/")
        try:
            for n in range(runs):
                marker = f"Saved {n} "
                built_before = len([line for line in lines if BUILT.search(line)])
                # A JSON string is a YAML double-quoted one, whatever the title holds.
                text = original.replace(title_line, f"title: {json.dumps(marker + title)}", 1)
                start = time.monotonic()
                record.write_text(text, encoding="utf-8")
                page.wait_for_function(
                    "m => document.querySelector('h1') && "
                    "document.querySelector('h1').textContent.includes(m)",
                    arg=marker,
                    timeout=RELOAD_TIMEOUT * 1000,
                    polling=10,
                )
                reloads.append(time.monotonic() - start)
                found = [float(m.group(1)) for m in map(BUILT.search, lines) if m]
                if len(found) > built_before:
                    builds.append(found[-1])
                time.sleep(1.0)  # let the server settle before the next save
        finally:
            record.write_text(original, encoding="utf-8")
            browser.close()
    return {
        "papers": len(list((root / "papers").glob("*.yaml"))),
        "dirty": dirty,
        "runs": runs,
        "reload_s": reloads,
        "build_s": builds,
        "reload_median_s": statistics.median(reloads),
        "build_median_s": statistics.median(builds) if builds else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--work", type=Path, default=Path("benchmarks/out/serve"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dirty", action="store_true", help="mkdocs serve --dirty")
    args = parser.parse_args()
    print(json.dumps(measure(args.root.resolve(), args.work.resolve(), args.runs, args.dirty)))


if __name__ == "__main__":
    main()
