"""No payload runs: every page of the payload catalog opened in Chromium, hovered, focused and
searched, with any dialog, console message, page error or request off this machine recorded
as a failure. The static half of this check is in ``test_injection.py``."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

from tests import browser
from tests.injection import build
from tests.injection.inspect import TOKEN, misplaced

pytestmark = pytest.mark.browser

# Every event a payload could trigger by itself, fired at every element once the page loads
# (clicks are left out: they would follow links away from the page).
PROVOKE = """(scope) => {
  const types = ["mouseover", "mouseenter", "focus", "toggle", "load", "error", "animationstart"];
  for (const el of document.querySelectorAll(scope)) {
    for (const type of types) el.dispatchEvent(new Event(type, {bubbles: false}));
  }
}"""
# Elements (and event-handler attributes) that no text of a record may become.
FOREIGN = """(scope) => [...document.querySelectorAll(scope + " *")]
  .filter(e => [...e.attributes].some(a => a.name.startsWith("on"))
    || ["SCRIPT", "IMG", "IFRAME", "OBJECT", "EMBED", "STYLE", "LINK", "BASE", "META", "MATH",
        "TEXTAREA", "FORM"].includes(e.tagName))
  .map(e => e.outerHTML.slice(0, 120))"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        return


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # The browser drops connections it no longer needs when a page closes.
        return


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[build.Plan, Path, str]]:
    plan, site = build.build_site(tmp_path_factory.getbasetemp() / "injection")
    handler = functools.partial(_Quiet, directory=str(site))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield plan, site, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class Watch:
    """What a page did that it should not have."""

    def __init__(self, context: Any) -> None:
        self.events: list[str] = []
        # A page a payload broke (hidden, navigated away) should fail soon, not in 30 s.
        context.set_default_timeout(10_000)
        context.route("**/*", self.request)

    def request(self, route: Any) -> None:
        url = route.request.url
        if urlparse(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            self.events.append(f"request to {url}")
            route.abort()

    def attach(self, page: Any) -> None:
        page.on("dialog", self.dialog)
        page.on("console", self.console)
        page.on("pageerror", lambda err: self.events.append(f"page error: {err}"))
        page.on("response", self.response)

    def dialog(self, dialog: Any) -> None:
        self.events.append(f"{dialog.type} dialog: {dialog.message}")
        dialog.dismiss()

    def console(self, message: Any) -> None:
        # A failed load is logged without its URL; response() records it with the URL.
        if not message.text.startswith("Failed to load resource"):
            self.events.append(f"console {message.type}: {message.text}")

    def response(self, response: Any) -> None:
        if response.status >= 400:
            self.events.append(f"{response.status} for {response.url}")


def visit(page: Any, url: str, plan: build.Plan) -> list[str]:
    """Open, provoke and read one page; what went wrong on it."""
    watch_navigation: list[str] = []

    def navigated(frame: Any) -> None:
        if frame == page.main_frame and frame.url != url:
            watch_navigation.append(f"navigated to {frame.url}")

    page.on("framenavigated", navigated)
    try:
        page.goto(url, wait_until="load")
        page.evaluate(PROVOKE, "*")
        text = page.inner_text("body")
        foreign: list[str] = page.evaluate(FOREIGN, ".md-content")
    except browser.error_type() as err:
        return [*watch_navigation, f"page broke: {err}"]
    return watch_navigation + foreign + misplaced(text, plan.values)


def test_no_payload_runs_on_any_page(served: tuple[build.Plan, Path, str]) -> None:
    plan, site, base = served
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 10
    failures: dict[str, list[str]] = {}
    with browser.sync_playwright() as pw:
        chromium = browser.launch(pw)
        try:
            context = chromium.new_context()
            watch = Watch(context)
            for name in pages:
                page = context.new_page()
                watch.attach(page)
                problems = visit(page, base + name, plan)
                if problems + watch.events:
                    failures[name] = problems + watch.events
                watch.events = []
                page.close()
        finally:
            chromium.close()
    assert failures == {}


def test_search_results_show_payloads_as_text(served: tuple[build.Plan, Path, str]) -> None:
    _, _, base = served
    with browser.sync_playwright() as pw:
        chromium = browser.launch(pw)
        try:
            context = chromium.new_context()
            watch = Watch(context)
            page = context.new_page()
            watch.attach(page)
            page.goto(base, wait_until="load")
            query = page.locator("input[data-md-component=search-query]")
            query.click()
            # Keys typed before the worker has loaded the index are queries it cannot run.
            page.wait_for_function(
                "() => !/Initializing/.test("
                "document.querySelector('.md-search-result__meta')?.textContent ?? 'Initializing')"
            )
            shown = ""
            # Tokens and words that only payloads hold; Material searches as keys are typed.
            for word in ("qz000", "onload", "qz016", "qz033", "javascript"):
                query.fill("")
                page.keyboard.type(word)
                page.locator(".md-search-result__item").first.wait_for(state="visible")
                page.evaluate(PROVOKE, "*")
                assert page.evaluate(FOREIGN, ".md-search-result") == [], word
                shown += page.inner_text(".md-search-result")
            assert len(set(TOKEN.findall(shown))) > 10
            assert watch.events == []
        finally:
            chromium.close()


def test_explorer_filters_and_search_show_payloads_as_text(
    served: tuple[build.Plan, Path, str],
) -> None:
    """The explorer draws its rows and facets from data in the browser: every facet ticked,
    and a search, must still show payloads as text and run none of them."""
    plan, _, base = served
    with browser.sync_playwright() as pw:
        chromium = browser.launch(pw)
        try:
            context = chromium.new_context()
            watch = Watch(context)
            page = context.new_page()
            watch.attach(page)
            page.goto(base + "explorer/", wait_until="load")
            rows = page.locator(".lx-rows tr")
            rows.first.wait_for(state="visible")
            boxes = page.locator(".lx-facets input[type=checkbox]")
            assert boxes.count() > 5
            problems: list[str] = []
            for i in range(boxes.count()):
                boxes.nth(i).check()
                page.evaluate(PROVOKE, ".lx-main *")
                problems += misplaced(page.inner_text(".lx-main"), plan.values)
                boxes.nth(i).uncheck()
            for word in ("qz0", "script", "alert", "javascript"):
                page.locator(".lx-q").fill(word)
                rows.first.wait_for(state="visible")
                page.evaluate(PROVOKE, ".lx-main *")
                text = page.inner_text(".lx-main")
                assert TOKEN.search(text), word
                problems += misplaced(text, plan.values)
            problems += page.evaluate(FOREIGN, ".md-content")
            assert problems + watch.events == []
        finally:
            chromium.close()
