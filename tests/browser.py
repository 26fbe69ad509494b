"""Finding Chromium for browser tests, shared by every test that opens a page.

Playwright cannot download its own browsers here, so tests drive the system Chromium. Where
it is missing a test skips with the reason, except under CI (env ``CI=true``), where a missing
browser must fail the run instead of silently testing less.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any, NoReturn

import pytest

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
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


def error_type() -> type[Exception]:
    """Playwright's own error (a page that navigated away, a script that broke), to catch."""
    from playwright.sync_api import Error

    return Error
