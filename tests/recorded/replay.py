"""Replays recorded HTTP answers as a litcat transport: those ``responses.json`` lists, and the
VCR cassettes (``*.yaml``) recorded from the real services by other projects.

A request with no recorded answer fails the way an unreachable host does, so a test can never
reach the network by accident. Redirects are followed as urllib follows them (the cassettes
hold doi.org's 301 and 302 answers), and the answer names the URL it came from.
"""

from __future__ import annotations

import functools
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from litcat.intake.fetch import Response

HERE = Path(__file__).parent
REDIRECTS = frozenset({301, 302, 303, 307, 308})
# urllib gives up after this many redirects.
MAX_REDIRECTS = 10
# libyaml when the machine has it: the cassettes are read by every ``cli`` fixture.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def cassette_answers(path: Path) -> list[dict[str, Any]]:
    """A VCR cassette's interactions, as entries like those of ``responses.json`` (with the
    body inline, as ``text``)."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    answers = []
    for interaction in data["interactions"]:
        request, response = interaction["request"], interaction["response"]
        body = response["body"]["string"]
        accept = request["headers"].get("accept")
        answers.append(
            {
                "method": request["method"],
                "url": request["uri"],
                "accept": accept[0] if accept else None,
                "status": response["status"]["code"],
                "headers": {k.lower(): v[0] for k, v in response["headers"].items()},
                "text": body.encode("utf-8") if isinstance(body, str) else body,
            }
        )
    return answers


@functools.cache
def _recorded() -> dict[tuple[str, str], dict[str, Any]]:
    """Every recorded answer by method and URL, read once per test process."""
    answers: dict[tuple[str, str], dict[str, Any]] = {}
    for item in json.loads((HERE / "responses.json").read_text(encoding="utf-8")):
        answers[(str(item["method"]), str(item["url"]))] = item
    for path in sorted(HERE.glob("*.yaml")):
        for item in cassette_answers(path):
            answers.setdefault((item["method"], item["url"]), item)
    return answers


@dataclass
class Replay:
    """A transport answering from the recordings; ``requests`` lists what was asked."""

    unreachable: set[str] = field(default_factory=set)
    requests: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        # A test may add answers to its own transport; the recorded ones are never changed.
        self.answers: dict[tuple[str, str], dict[str, Any]] = dict(_recorded())

    def __call__(self, request: urllib.request.Request, timeout: float) -> Response:
        method, url = request.get_method(), request.full_url
        for _ in range(MAX_REDIRECTS):
            answer, location = self._answer(request, method, url)
            if location is None:
                return answer
            url = urllib.parse.urljoin(url, location)
        raise urllib.error.URLError("too many redirects")

    def _answer(
        self, request: urllib.request.Request, method: str, url: str
    ) -> tuple[Response, str | None]:
        self.requests.append((method, url))
        host = urllib.parse.urlsplit(url).hostname or ""
        item = self.answers.get((method, url))
        if host in self.unreachable or item is None:
            raise urllib.error.URLError("[Errno -3] Temporary failure in name resolution")
        accept = item.get("accept")
        if accept is not None and request.get_header("Accept") != accept:
            return Response(url, 406, {}, b""), None
        headers = {str(k): str(v) for k, v in dict(item["headers"]).items()}
        status = int(item["status"])
        if status in REDIRECTS and "location" in headers:
            return Response(url, status, headers, b""), headers["location"]
        if "text" in item:
            body = bytes(item["text"])
        else:
            body = (HERE / str(item["body"])).read_bytes() if item["body"] else b""
        return Response(url, status, headers, body), None
