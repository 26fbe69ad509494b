"""Identifier patterns and normalizers, in one place: record ids, arXiv ids, DOIs, links."""

from __future__ import annotations

import re
import unicodedata

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_MAX = 80

# New-style ids (0704.0001 onwards, 4 or 5 digits after the dot) and old-style archive/YYMMNNN.
ARXIV_NEW = re.compile(r"^\d{4}\.\d{4,5}$")
ARXIV_OLD = re.compile(r"^[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7}$")
_ARXIV_PREFIX = re.compile(
    r"^(?:https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/|arxiv:)", re.IGNORECASE
)
_ARXIV_VERSION = re.compile(r"v\d+$")

DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)

# Scheme, then a host (a name, an IPv4 address or a bracketed IPv6 address) with an optional
# port, then the rest. No user info: ``https://trusted.org@evil.example`` goes to evil.example.
_URL_RE = re.compile(
    r"^https?://(?P<host>(?:[\w-]+\.)*[\w-]+\.?|\[[0-9a-fA-F:.]+\])(?::\d{1,5})?(?:[/?#].*)?$"
)
# Characters RFC 3986 never allows unescaped; some break out of HTML attributes, and browsers
# read a backslash as a slash, so a link could show one host and go to another.
_URL_FORBIDDEN = frozenset('"<>\\^`{|}')


def normalize_arxiv(value: str) -> str:
    """``https://arxiv.org/abs/2303.12345v2`` and ``arXiv:2303.12345`` become ``2303.12345``.

    Raises ``ValueError`` when what is left is not an arXiv id.
    """
    text = _ARXIV_PREFIX.sub("", value.strip())
    text = text.removesuffix(".pdf")
    text = _ARXIV_VERSION.sub("", text)
    if ARXIV_NEW.match(text) or ARXIV_OLD.match(text):
        return text
    raise ValueError(f"{value!r} is not an arXiv id")


def normalize_doi(value: str) -> str:
    """``https://doi.org/10.1000/ABC`` becomes ``10.1000/abc`` (DOIs are case-insensitive)."""
    text = _DOI_PREFIX.sub("", value.strip()).lower()
    if DOI_RE.match(text):
        return text
    raise ValueError(f"{value!r} is not a DOI")


def check_url(value: str) -> str:
    """Accept only absolute http(s) URLs with a host, written without spaces or controls.

    Raises ``ValueError`` with a message saying what is wrong: ``javascript:``, ``data:``,
    protocol-relative ``//host`` and links hiding spaces or control characters are refused.
    """
    if value != value.strip():
        raise ValueError("a link may not start or end with spaces")
    # isprintable() is false for every C* and Z* character but the space, so most links skip
    # the loop that says which character is wrong.
    clean = value.isprintable() and " " not in value and _URL_FORBIDDEN.isdisjoint(value)
    for char in "" if clean else value:
        category = unicodedata.category(char)
        if category[0] in "CZ":
            raise ValueError(
                f"a link may not hold spaces or invisible characters (U+{ord(char):04X})"
            )
        if char in _URL_FORBIDDEN:
            raise ValueError(f"a link may not hold {char!r}; write it as %{ord(char):02X}")
    if not value.startswith(("http://", "https://")):
        if value.lower().startswith(("http://", "https://")):
            raise ValueError("write the link's scheme in lowercase (https://)")
        raise ValueError("only http:// and https:// links are allowed")
    if "@" in value.split("//", 1)[1].split("/", 1)[0]:
        raise ValueError("a link may not name a user before its host ('@')")
    if not _URL_RE.match(value):
        raise ValueError(f"{value!r} is not a valid link (expected http(s)://host/path)")
    return value


ARXIV_ABS = "https://arxiv.org/abs/"
ARXIV_PDF = "https://arxiv.org/pdf/"
DOI_RESOLVER = "https://doi.org/"


def arxiv_url(arxiv: str) -> str:
    """The abstract page of an arXiv id."""
    return ARXIV_ABS + arxiv


def arxiv_pdf_url(arxiv: str) -> str:
    return ARXIV_PDF + arxiv


def doi_url(doi: str) -> str:
    """The resolver link of a DOI, as a page shows it (the syntax checked above)."""
    return DOI_RESOLVER + doi


def slug(text: str) -> str:
    """ASCII lowercase letters and digits of ``text``: ``Müller`` becomes ``muller``, and a
    Greek letter its name (``πRL`` becomes ``pirl``)."""
    text = _GREEK.sub(_greek_name, text)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", ascii_text.lower())


_GREEK = re.compile("[\u0370-\u03ff]")


def _greek_name(match: re.Match[str]) -> str:
    name = unicodedata.name(match.group(), "")
    return name.rsplit(" ", 1)[-1].lower() if "LETTER" in name else ""


def title_key(title: str) -> str:
    """A key under which near-identical titles (case, accents, punctuation) collide."""
    return slug(title)
