"""The explorer in Chromium: first render and the time to apply a filter, on a built site.

The site is served on 127.0.0.1 by a thread of this process; Playwright drives the system
Chromium (it cannot download browsers here). Times are taken inside the page with
``performance.now()``: first render from navigation start to the first row in the table, a
filter from the click on a facet box to the change of the count text (a MutationObserver),
and to the next frame after it (the browser has laid out and painted the new rows).
"""

from __future__ import annotations

import functools
import gzip
import statistics
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EXPLORER = "explorer/"
DATA_FILES = ("data.json", "details.json")

# Installed before any page script: notes when the first row reaches the table.
FIRST_ROW = """
new MutationObserver(function (changes, observer) {
  var rows = document.querySelector('.lx-rows');
  if (!rows || !rows.children.length) return;
  window.__firstRow = performance.now();
  observer.disconnect();
}).observe(document, {childList: true, subtree: true});
"""
# Clicks the n-th facet box and resolves with the time until the count text changed, and
# until the next frame after that.
APPLY_FILTER = """
(n) => new Promise(function (resolve) {
  var status = document.querySelector('.lx-status');
  var box = document.querySelectorAll('.lx-facets input[type=checkbox]')[n];
  var before = status.textContent, start = 0;
  var observer = new MutationObserver(function () {
    if (status.textContent === before) return;
    observer.disconnect();
    var updated = performance.now() - start;
    requestAnimationFrame(function () { setTimeout(function () {
      resolve([updated, performance.now() - start, status.textContent]);
    }, 0); });
  });
  observer.observe(status, {childList: true, characterData: true, subtree: true});
  start = performance.now();
  box.click();
})
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def data_sizes(site: Path, papers: int) -> dict[str, Any]:
    """Bytes of the explorer's data files, raw and gzip, and per paper."""
    out: dict[str, Any] = {}
    for name in DATA_FILES:
        raw = (site / EXPLORER / name).read_bytes()
        out[name] = {"bytes": len(raw), "gzip": len(gzip.compress(raw, 9))}
    first = out[DATA_FILES[0]]["gzip"]
    return {"files": out, "first_view_gzip_per_paper": first / papers}


def measure_explorer(site: Path, loads: int = 5, filters: int = 8) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    first: list[float] = []
    updated: list[float] = []
    painted: list[float] = []
    with serve(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        page = browser.new_page()
        page.add_init_script(FIRST_ROW)
        for _ in range(loads):
            page.goto(url + EXPLORER)
            page.wait_for_selector(".lx-ready")
            page.wait_for_function("window.__firstRow !== undefined")
            first.append(float(page.evaluate("window.__firstRow")))
        # Check a box, then uncheck it: each click is one filter change over every paper.
        for i in range(filters):
            result = page.evaluate(APPLY_FILTER, i // 2)
            updated.append(float(result[0]))
            painted.append(float(result[1]))
        browser.close()
    return {
        "first_render_ms": statistics.median(first),
        "filter_ms": statistics.median(updated),
        "filter_painted_ms": statistics.median(painted),
        "loads": loads,
        "filters": filters,
    }


def main() -> None:
    """Measure the explorer of a site built elsewhere and add the figures to the last run."""
    import argparse
    import json

    from . import report
    from .run import OUT, RESULTS

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("site", type=Path, help="a built site with explorer/")
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--note", default="", help="where the site came from, for RESULTS.md")
    args = parser.parse_args()
    results = json.loads((OUT / "results.json").read_text(encoding="utf-8"))
    size = next(s for s in results["sizes"] if s["papers"] == args.papers)
    size["explorer_data"] = data_sizes(args.site, args.papers)
    size.setdefault("per_paper", {})["explorer_gzip"] = size["explorer_data"][
        "first_view_gzip_per_paper"
    ]
    size["explorer"] = measure_explorer(args.site)
    size["explorer_note"] = args.note
    (OUT / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    RESULTS.write_text(report.render(results), encoding="utf-8")
    print(json.dumps(size["explorer"]))


if __name__ == "__main__":
    main()
