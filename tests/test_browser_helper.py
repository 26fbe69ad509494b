"""The Chromium helper finds the system browser and drives a page."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import browser


def test_missing_browser_skips_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser, "SYSTEM_CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium not found"):
        browser.require_chromium()


def test_missing_browser_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser, "SYSTEM_CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        browser.require_chromium()


def test_missing_axe_skips_outside_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LITCAT_AXE", str(tmp_path / "axe.min.js"))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"axe-core not found .*\.ci/run installs it"):
        browser.require_axe()


def test_missing_axe_fails_under_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("LITCAT_AXE", str(tmp_path / "axe.min.js"))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        browser.require_axe()


@pytest.mark.browser
def test_chromium_runs_a_page(tmp_path: Path) -> None:
    page_file = tmp_path / "page.html"
    page_file.write_text("<p id=x>ok</p><script>document.title = 'ran'</script>")
    with browser.sync_playwright() as pw:
        chromium = browser.launch(pw)
        try:
            page = chromium.new_page()
            page.goto(page_file.as_uri())
            assert page.title() == "ran"
            assert page.text_content("#x") == "ok"
        finally:
            chromium.close()
