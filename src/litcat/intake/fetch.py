"""The network: the arXiv API, DOI content negotiation and answering URLs.

Every function takes a :data:`Transport`, so tests replay recorded responses and the real one
(:func:`urllib_transport`) is only used by the command line. Nothing here retries or sleeps on
its own: the callers decide how hard to knock on other people's servers.
"""

from __future__ import annotations

import http.client
import re
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core import ids
from .latex import math_text

ARXIV_API = "https://export.arxiv.org/api/query"
TIMEOUT = 20.0
MAX_BODY = 4 * 1024 * 1024
USER_AGENT = "litcat (literature catalog; https://pypi.org/project/litcat/)"
ARXIV_BATCH = 50
# Seconds between two requests to the arXiv API, as its terms of use ask.
ARXIV_PAUSE = 3.0

_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV_NS = "{http://arxiv.org/schemas/atom}"
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Response:
    """What a server answered: final URL, status, headers (lowercase names) and body."""

    url: str
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""


Transport = Callable[[urllib.request.Request, float], Response]


class FetchError(Exception):
    """A server could not be reached or answered something we cannot use."""


class _PublicRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to a link a record could hold (a public http(s) host): a page
    that moved to a loopback or private address would otherwise be fetched by the weekly link
    check from inside the machine that runs it."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        try:
            ids.check_url(newurl)
        except ValueError as exc:
            raise urllib.error.HTTPError(
                req.full_url, code, f"redirect refused: {exc}", headers, fp
            ) from None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_PublicRedirects)


def urllib_transport(request: urllib.request.Request, timeout: float) -> Response:
    """The real transport. HTTP error statuses are answers, not exceptions; network failures
    raise :class:`urllib.error.URLError` (or ``TimeoutError``), which callers turn into
    :class:`FetchError` naming the host."""
    request.add_header("User-Agent", USER_AGENT)
    try:
        with _OPENER.open(request, timeout=timeout) as answer:
            body = answer.read(MAX_BODY)
            headers = {k.lower(): v for k, v in answer.headers.items()}
            return Response(answer.geturl(), answer.status, headers, body)
    except urllib.error.HTTPError as exc:
        headers = {k.lower(): v for k, v in (exc.headers or {}).items()}
        return Response(request.full_url, exc.code, headers, b"")


def request(
    transport: Transport,
    url: str,
    *,
    method: str = "GET",
    accept: str | None = None,
    timeout: float = TIMEOUT,
) -> Response:
    """One request through ``transport``; an unreachable host becomes a :class:`FetchError`."""
    req = urllib.request.Request(url, method=method)
    if accept:
        req.add_header("Accept", accept)
    host = urllib.parse.urlsplit(url).hostname or url
    try:
        return transport(req, timeout)
    except (OSError, http.client.HTTPException) as exc:
        # URLError, timeouts, resets and TLS failures are all OSErrors; a server that hangs up
        # mid-answer raises HTTPException.
        reason = getattr(exc, "reason", exc) or type(exc).__name__
        raise FetchError(f"could not reach {host}: {reason}") from None
    except ValueError as exc:
        raise FetchError(f"cannot fetch {url!r}: {exc}") from None


# -- arXiv -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArxivEntry:
    """The facts the arXiv API gives about one paper (never its abstract: we do not keep it)."""

    arxiv: str
    title: str
    authors: list[str]
    year: int
    doi: str | None = None
    journal_ref: str | None = None


def arxiv_query_url(arxiv_ids: Iterable[str]) -> str:
    chosen = list(arxiv_ids)
    query: dict[str, str | int] = {"id_list": ",".join(chosen)}
    if len(chosen) > 1:
        # The API answers 10 entries unless told otherwise, even for a list of ids.
        query["max_results"] = len(chosen)
    return f"{ARXIV_API}?{urllib.parse.urlencode(query, safe=',')}"


def fetch_arxiv(
    arxiv_ids: list[str], transport: Transport, *, timeout: float = TIMEOUT
) -> tuple[dict[str, ArxivEntry], str]:
    """Look up arXiv ids (at most :data:`ARXIV_BATCH`); returns the entries found and the URL.

    An id arXiv does not know is simply absent from the result.
    """
    url = arxiv_query_url(arxiv_ids)
    answer = request(transport, url, timeout=timeout)
    if answer.status != 200:
        raise FetchError(f"export.arxiv.org answered HTTP {answer.status} for {url}")
    return parse_arxiv_feed(answer.body), url


def arxiv_batches(
    arxiv_ids: list[str],
    transport: Transport,
    *,
    sleep: Callable[[float], None],
    size: int = ARXIV_BATCH,
    timeout: float = TIMEOUT,
) -> Iterator[tuple[list[str], dict[str, ArxivEntry] | FetchError]]:
    """Look up many ids, ``size`` a request and :data:`ARXIV_PAUSE` seconds apart.

    Yields each batch with what arXiv answered for it, or the error that request met (the
    other batches are still asked).
    """
    for start in range(0, len(arxiv_ids), size):
        if start:
            sleep(ARXIV_PAUSE)
        batch = arxiv_ids[start : start + size]
        try:
            yield batch, fetch_arxiv(batch, transport, timeout=timeout)[0]
        except FetchError as exc:
            yield batch, exc


def parse_arxiv_feed(body: bytes) -> dict[str, ArxivEntry]:
    """Entries of an arXiv API Atom feed, by arXiv id without version."""
    return read_arxiv_feed(body)[0]


def read_arxiv_feed(body: bytes) -> tuple[dict[str, ArxivEntry], dict[str, str]]:
    """The entries of an arXiv API answer and their abstracts, by arXiv id, in one parse:
    litcat discover ranks with the abstracts and forgets them (no record keeps one)."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise FetchError(
            f"export.arxiv.org sent {_what(body, None)}, not an Atom feed (not Atom XML: {exc})"
        ) from None
    if root.tag != f"{_ATOM}feed":
        # A proxy's or a portal's page answered with 200 parses and holds no entry: taken as
        # a feed, it would read as "arXiv knows none of these papers".
        raise FetchError(f"export.arxiv.org sent {_what(body, root)}, not an Atom feed")
    found: dict[str, ArxivEntry] = {}
    abstracts: dict[str, str] = {}
    for entry in root.iter(f"{_ATOM}entry"):
        parsed = _arxiv_entry(entry)
        if parsed is not None:
            found[parsed.arxiv] = parsed
            abstracts[parsed.arxiv] = _text(entry, f"{_ATOM}summary")
    return found, abstracts


_HTML = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
_SHOWN = 80


def _what(body: bytes, root: ET.Element | None) -> str:
    """What an answer that is not an arXiv feed is, in a few words: an HTML page and its
    title, an XML document and its root element, or text."""
    if not body.strip():
        return "an empty answer"
    if _HTML.match(body) or (root is not None and root.tag.rpartition("}")[2].lower() == "html"):
        title = _TITLE.search(body)
        named = _SPACES.sub(" ", title.group(1).decode("utf-8", "replace")).strip() if title else ""
        return f"an HTML page titled {named[:_SHOWN]!r}" if named else "an HTML page"
    if root is not None:
        return f"an XML document whose root element is <{root.tag.rpartition('}')[2]}>"
    start = _SPACES.sub(" ", body[:_SHOWN].decode("utf-8", "replace")).strip()
    return f"text that begins {start!r}"


def _text(element: ET.Element, tag: str) -> str:
    child = element.find(tag)
    return _SPACES.sub(" ", child.text or "").strip() if child is not None else ""


def _arxiv_entry(entry: ET.Element) -> ArxivEntry | None:
    entry_id = _text(entry, f"{_ATOM}id")
    # The API reports a malformed id as an entry whose id points at its errors page.
    if "/api/errors" in entry_id:
        raise FetchError(f"export.arxiv.org: {_text(entry, f'{_ATOM}summary') or entry_id}")
    try:
        arxiv = ids.normalize_arxiv(entry_id)
    except ValueError:
        return None
    published = _text(entry, f"{_ATOM}published")
    title = _text(entry, f"{_ATOM}title")
    if not title or not published[:4].isdigit():
        return None
    authors = [_text(a, f"{_ATOM}name") for a in entry.findall(f"{_ATOM}author")]
    return ArxivEntry(
        arxiv=arxiv,
        title=math_text(title),
        authors=[a for a in authors if a],
        year=int(published[:4]),
        doi=_text(entry, f"{_ARXIV_NS}doi") or None,
        journal_ref=_text(entry, f"{_ARXIV_NS}journal_ref") or None,
    )


# -- DOI ---------------------------------------------------------------------------------------


def doi_url(doi: str) -> str:
    """The resolver URL to request, with the DOI's reserved characters quoted."""
    return ids.DOI_RESOLVER + urllib.parse.quote(doi, safe="/:;()._-")


_CHARSET = re.compile(r"charset\s*=\s*\"?([\w.:-]+)", re.IGNORECASE)


def _text_of(answer: Response) -> str:
    """The body as text: in the charset the server names, else UTF-8, else Windows-1252 (some
    agencies send Latin-1 BibTeX); never U+FFFD in place of a letter of a name."""
    named = _CHARSET.search(answer.headers.get("content-type", ""))
    for charset in (named.group(1) if named else None, "utf-8", "cp1252", "latin-1"):
        if charset is None:
            continue
        try:
            return answer.body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    return answer.body.decode("latin-1")  # pragma: no cover - latin-1 decodes any bytes


def fetch_doi_bibtex(doi: str, transport: Transport, *, timeout: float = TIMEOUT) -> str:
    """The BibTeX the DOI's registration agency gives through content negotiation."""
    url = doi_url(doi)
    answer = request(transport, url, accept="application/x-bibtex", timeout=timeout)
    if answer.status == 404:
        raise FetchError(f"doi.org does not know the DOI {doi}")
    if answer.status != 200:
        raise FetchError(f"doi.org answered HTTP {answer.status} for {url}")
    text = _text_of(answer).strip()
    if not text.startswith("@"):
        raise FetchError(f"doi.org sent no BibTeX for {doi} (is it a DOI of a paper?)")
    return text


# -- links -------------------------------------------------------------------------------------


def probe(url: str, transport: Transport, *, timeout: float = TIMEOUT) -> Response:
    """Whether a URL answers: HEAD first, then GET for servers that refuse or mishandle HEAD."""
    answer = request(transport, url, method="HEAD", timeout=timeout)
    if answer.status < 400:
        return answer
    return request(transport, url, method="GET", timeout=timeout)
