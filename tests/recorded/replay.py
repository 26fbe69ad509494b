"""Replays the recorded HTTP answers of ``responses.json`` as a litcat transport.

A request with no recorded answer fails the way an unreachable host does, so a test can never
reach the network by accident.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from litcat.intake.fetch import Response

HERE = Path(__file__).parent


@dataclass
class Replay:
    """A transport answering from the recordings; ``requests`` lists what was asked."""

    unreachable: set[str] = field(default_factory=set)
    requests: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.answers: dict[tuple[str, str], dict[str, object]] = {}
        for item in json.loads((HERE / "responses.json").read_text(encoding="utf-8")):
            self.answers[(str(item["method"]), str(item["url"]))] = item

    def __call__(self, request: urllib.request.Request, timeout: float) -> Response:
        method, url = request.get_method(), request.full_url
        self.requests.append((method, url))
        host = urllib.parse.urlsplit(url).hostname or ""
        item = self.answers.get((method, url))
        if host in self.unreachable or item is None:
            raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")
        accept = item.get("accept")
        if accept is not None and request.get_header("Accept") != accept:
            return Response(url, 406, {}, b"")
        body = (HERE / str(item["body"])).read_bytes() if item["body"] else b""
        headers = {str(k): str(v) for k, v in dict(item["headers"]).items()}  # type: ignore[call-overload]
        return Response(url, int(item["status"]), headers, body)  # type: ignore[call-overload]
