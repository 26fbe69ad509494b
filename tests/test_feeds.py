"""An answer that is not an arXiv feed is reported as what it is, never read as a feed that
holds no entry ("arXiv does not know these papers")."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import pytest

from litcat.intake import fetch
from litcat.intake.add import facts_from_arxiv

from .conftest import Cli, finished

# What a captive portal, a proxy or a maintenance page answers with status 200: well-formed
# XHTML, which an XML parser reads without complaint.
PORTAL = b"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"
  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head><title>Guest Wi-Fi: sign in</title></head>
<body><p>Accept the terms to go on.</p></body>
</html>
"""


def answering(body: bytes, content_type: str = "text/html; charset=utf-8") -> fetch.Transport:
    def transport(request: urllib.request.Request, timeout: float) -> fetch.Response:
        return fetch.Response(request.full_url, 200, {"content-type": content_type}, body)

    return transport


def test_an_html_page_is_not_an_empty_feed() -> None:
    with pytest.raises(fetch.FetchError) as caught:
        fetch.fetch_arxiv(["2406.01967"], answering(PORTAL))
    assert str(caught.value) == (
        "export.arxiv.org sent an HTML page titled 'Guest Wi-Fi: sign in', not an Atom feed"
    )


def test_add_says_the_answer_was_a_page_not_that_arxiv_lacks_the_paper() -> None:
    with pytest.raises(fetch.FetchError, match="HTML page titled 'Guest Wi-Fi: sign in'") as got:
        facts_from_arxiv("2406.01967", answering(PORTAL))
    assert "has no paper" not in str(got.value)


@pytest.mark.parametrize(
    ("body", "said"),
    [
        (b"<html><head><title>503</title></head><body>Busy", "an HTML page titled '503'"),
        (b"<!doctype html><p>down for maintenance", "an HTML page"),
        (b"<rss version='2.0'><channel/></rss>", "an XML document whose root element is <rss>"),
        (b"   ", "an empty answer"),
        (b"Rate exceeded.", "text that begins 'Rate exceeded.'"),
    ],
)
def test_every_answer_that_is_not_a_feed_says_what_it_was(body: bytes, said: str) -> None:
    with pytest.raises(fetch.FetchError, match="not an Atom feed") as caught:
        fetch.parse_arxiv_feed(body)
    assert f"sent {said}, not an Atom feed" in str(caught.value)


def test_an_empty_feed_is_still_a_feed() -> None:
    empty = (Path(__file__).parent / "recorded" / "arxiv-empty.xml").read_bytes()
    assert fetch.parse_arxiv_feed(empty) == {}


def test_enrich_from_a_saved_page_reports_it(cli: Cli, catalog_dir: Path, tmp_path: Path) -> None:
    saved = tmp_path / "answer.xml"
    saved.write_bytes(PORTAL)
    code, output = finished(cli(catalog_dir, "enrich", "--from", str(saved), "--dry-run"))
    assert code == 1, output
    assert "HTML page titled 'Guest Wi-Fi: sign in', not an Atom feed" in output
