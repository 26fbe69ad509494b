"""The link check follows a redirect only to a public host (a page that "moved" to a loopback
or private address must not make the weekly job fetch inside the machine that runs it).

The servers are on 127.0.0.1; the transport is called directly, since the records that would
name them are refused by the model.
"""

from __future__ import annotations

import http.server
import threading
import urllib.request
from collections.abc import Iterator
from typing import Any, cast

import pytest

from litcat.intake.fetch import urllib_transport

HITS: list[str] = []


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        HITS.append(self.path)
        if self.path.startswith("/moved"):
            target = self.path.split("?to=", 1)[1]
            self.send_response(302)
            port = cast(http.server.ThreadingHTTPServer, self.server).server_port
            self.send_header("Location", target.replace("PORT", str(port)))
            self.end_headers()
            return
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"secret")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    # shutdown() waits for serve_forever's next look at its flag: every 10 ms, not 0.5 s.
    thread = threading.Thread(target=httpd.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    HITS.clear()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:PORT/secret",
        "http://localhost:PORT/secret",
        "http://[::1]:PORT/secret",
        "http://10.0.0.1/secret",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
    ],
)
def test_a_redirect_to_a_host_that_is_not_public_is_not_followed(server: str, target: str) -> None:
    request = urllib.request.Request(f"{server}/moved?to={target}")
    answer = urllib_transport(request, 5)
    assert answer.status == 302
    assert answer.body == b""
    assert len(HITS) == 1, HITS  # the target was never asked for


def test_a_redirect_to_a_public_host_is_followed() -> None:
    from litcat.intake.fetch import _PublicRedirects

    request = urllib.request.Request("https://example.org/old")
    new = _PublicRedirects().redirect_request(
        request, None, 301, "Moved", {}, "https://example.com/new"
    )
    assert new is not None and new.full_url == "https://example.com/new"
