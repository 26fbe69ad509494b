"""Finding Chromium and axe-core for browser tests, shared by every test that opens a page.

Playwright cannot download its own browsers here, so tests drive the system Chromium; the
accessibility checks run axe-core from its npm package, which ``.ci/run`` installs. Where either
is missing a test skips with the reason, except under CI (env ``CI=true``), where a missing tool
must fail the run instead of silently testing less.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, NoReturn

import pytest

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parent.parent
# Where .ci/run installs axe-core (npm install --prefix .ci/axe); LITCAT_AXE may name another.
AXE = REPO / ".ci" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# No sandbox: tests may run as root in containers. The rest keeps Chromium from calling home,
# so that the only requests a test sees are the ones the page makes.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def find_chromium() -> Path | None:
    """The Chromium executable: /usr/bin/chromium, else ``chromium`` on the PATH."""
    if SYSTEM_CHROMIUM.is_file() and os.access(SYSTEM_CHROMIUM, os.X_OK):
        return SYSTEM_CHROMIUM
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return Path(found) if found else None


def _missing(reason: str) -> NoReturn:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: browser tests may not be skipped)")
    pytest.skip(reason)


def require_chromium() -> Path:
    """Chromium's path, or skip (fail under CI) with a clear reason."""
    path = find_chromium()
    if path is None:
        _missing("Chromium not found at /usr/bin/chromium or on the PATH")
    return path


def launch(playwright: Any) -> Any:
    """Launch headless Chromium through a started ``sync_playwright()``."""
    return playwright.chromium.launch(
        executable_path=str(require_chromium()), args=CHROMIUM_ARGS, headless=True
    )


def sync_playwright() -> Any:
    """Playwright's sync API, or skip (fail under CI) when the package is not installed."""
    try:
        from playwright.sync_api import sync_playwright as start
    except ImportError:
        _missing("the playwright package is not installed (pip install -e '.[dev]')")
    return start()


def expect(actual: Any) -> Any:
    """Playwright's ``expect`` on ``actual``. Imported at the first use, not with the module: a
    quick run (``-m "not browser"``) still imports the browser tests' modules to deselect them,
    and importing Playwright was a tenth of collecting the suite."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(actual)


def error_type() -> type[Exception]:
    """Playwright's own error (a page that navigated away, a script that broke), to catch."""
    from playwright.sync_api import Error

    return Error


def require_axe() -> Path:
    """axe-core's ``axe.min.js``, or skip (fail under CI) with a clear reason."""
    configured = os.environ.get("LITCAT_AXE")
    path = Path(configured) if configured else AXE
    if not path.is_file():
        _missing(
            f"axe-core not found at {path} (.ci/run installs it: "
            "npm install --prefix .ci/axe axe-core)"
        )
    return path


def axe_violations(page: Any, exclude: tuple[str, ...] = ()) -> list[str]:
    """What axe-core finds wrong on the page as it is now, outside ``exclude``: one line per
    element, ``rule: selector: what to fix``."""
    page.add_script_tag(path=str(require_axe()))
    context = {"exclude": [[selector] for selector in exclude]}
    result = page.evaluate("context => axe.run(context, {resultTypes: ['violations']})", context)
    return [
        f"{rule['id']}: {' '.join(node['target'])}: {' '.join(node['failureSummary'].split())}"
        for rule in result["violations"]
        for node in rule["nodes"]
    ]
