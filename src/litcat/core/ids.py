"""Identifier patterns and normalizers, in one place: record ids, arXiv ids, DOIs, links.

Every pattern here is matched whole (``fullmatch``): with ``match``, a ``$`` also matches before
a final line break, so ``"x\n"`` would pass for ``x``.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_MAX = 80

# New-style ids (0704.0001 onwards, 4 or 5 digits after the dot) and old-style archive/YYMMNNN.
# arXiv's ids as it gives them out: YYMM.NNNN from April 2007 to December 2014, YYMM.NNNNN
# since; before, archive/YYMMNNN from August 1991. A month 13 or a five-digit number in 2010
# names no paper. Digits are ASCII digits: Python's \d also takes other scripts' digits (U+0660).
_MONTH = r"(?:0[1-9]|1[0-2])"
ARXIV_NEW = re.compile(
    rf"^(?:(?:07(?:0[4-9]|1[0-2])|(?:0[89]|1[0-4]){_MONTH})\.\d{{4}}"
    rf"|(?:1[5-9]|[2-9]\d){_MONTH}\.\d{{5}})$",
    re.ASCII,
)
ARXIV_OLD = re.compile(
    rf"^[a-z][a-z-]*(?:\.[A-Z]{{2}})?/(?:9[1-9]|0[0-7]){_MONTH}\d{{3}}$", re.ASCII
)
_ARXIV_PREFIX = re.compile(
    r"^(?:https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/|arxiv:)", re.IGNORECASE
)
_ARXIV_VERSION = re.compile(r"v\d+$", re.ASCII)

# The suffix in printable ASCII, less what RFC 3986 never allows unescaped (space " < > \ ^ `
# { | }): a DOI is written into BibTeX braces, HTML attributes and URLs.
DOI_RE = re.compile(r"^10\.\d{4,9}/[!#-;=?-\[\]_a-z~]+$", re.ASCII)
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)

# Scheme, then a host (a name, an IPv4 address or a bracketed IPv6 address) with an optional
# port, then the rest. No user info: ``https://trusted.org@evil.example`` goes to evil.example.
_URL_RE = re.compile(
    r"^https?://(?P<host>(?:[\w-]+\.)*[\w-]+\.?|\[[0-9a-fA-F:.]+\])(?::(?P<port>[0-9]{1,5}))?"
    r"(?:[/?#].*)?$"
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
    if ARXIV_NEW.fullmatch(text) or ARXIV_OLD.fullmatch(text):
        return text
    raise ValueError(f"{value!r} is not an arXiv id")


def normalize_doi(value: str) -> str:
    """``https://doi.org/10.1000/ABC`` becomes ``10.1000/abc`` (DOIs are case-insensitive)."""
    text = _DOI_PREFIX.sub("", value.strip()).lower()
    if DOI_RE.fullmatch(text):
        return text
    raise ValueError(f"{value!r} is not a DOI")


# Most links: a lowercase scheme, a host name of letters, digits and dashes whose last label
# begins with a letter (so it is no address), no user or port, then nothing or a path of
# printable ASCII without what RFC 3986 never allows unescaped (a query right after the host
# goes the long way: the rules read an '@' in it as a user). Every such link passes the rules
# of check_url but the local names, told by their last label (tests/test_fastpaths.py).
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PLAIN_LINK = re.compile(
    rf"https?://(?P<host>(?:{_LABEL}\.)+[A-Za-z](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?)"
    r"(?:/[!#-;=?-\[\]_a-z~]*)?"
)


def check_url(value: str) -> str:
    """Accept only absolute http(s) URLs with a host, written without spaces or controls.

    Raises ``ValueError`` with a message saying what is wrong: ``javascript:``, ``data:``,
    protocol-relative ``//host`` and links hiding spaces or control characters are refused.
    """
    plain = _PLAIN_LINK.fullmatch(value)
    if plain is not None:
        name = plain["host"]
        if len(name) <= 253 and name.rpartition(".")[2].lower() not in _LOCAL_LAST_LABELS:
            return value
    return check_url_by_rules(value)


def check_url_by_rules(value: str) -> str:
    """:func:`check_url`, each rule in turn (and the one that says what is wrong)."""
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
    match = _URL_RE.fullmatch(value)
    if not match:
        raise ValueError(f"{value!r} is not a valid link (expected http(s)://host/path)")
    _check_host(match["host"], match["port"])
    return value


# Names that only ever mean this machine or its network.
_LOCAL_NAMES = frozenset(
    ("localhost", "local", "internal", "lan", "home.arpa", "localdomain", "test")
)
_LOCAL_LAST_LABELS = frozenset(name.rpartition(".")[2] for name in _LOCAL_NAMES)


def parent_domains(name: str) -> list[str]:
    """``a.b.example.org`` gives itself and every domain it is under, down to ``org``.

    A host is under a domain when one of these is the domain: one set lookup each, not a
    suffix test per listed domain.
    """
    labels = name.split(".")
    return [".".join(labels[i:]) for i in range(len(labels))]


# Every label of a name at once: 1 to 63 letters, digits, '_' or '-', not at either end.
_LABELS = re.compile(r"(?:(?!-)[\w-]{1,63}(?<!-)\.)*(?!-)[\w-]{1,63}(?<!-)")
_NUMERIC = re.compile(r"(?:0x[0-9a-f]*|\d+)", re.IGNORECASE)


def _check_host(host: str, port: str | None) -> None:
    """A link names a public host: a name with a top-level domain, or a global address.

    The weekly link check fetches every link; a loopback, private or link-local address (or a
    name only a local network knows) would make it probe the machine it runs on.
    """
    if port is not None and not 0 < int(port) <= 65535:
        raise ValueError(f"port {port} is not a port (1 to 65535)")
    if host.startswith("["):
        _check_address(host[1:-1])
        return
    name = host.removesuffix(".").lower()
    labels = name.split(".")
    if _NUMERIC.fullmatch(labels[-1]):
        # Browsers read 127.1, 2130706433 and 0x7f.0.0.1 as addresses: only the dotted quad is.
        _check_address(name)
        return
    if len(name) > 253 or not _LABELS.fullmatch(name):
        raise ValueError(f"{host!r} is not a host name")
    if len(labels) < 2:
        raise ValueError(f"{host!r} is not a public host name (it has no top-level domain)")
    if not _LOCAL_NAMES.isdisjoint(parent_domains(name)):
        raise ValueError(f"{host!r} names a local host; links point at public hosts only")


def _check_address(text: str) -> None:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        raise ValueError(f"{text!r} is not an IP address (write a.b.c.d)") from None
    if not address.is_global or address.is_multicast:
        raise ValueError(
            f"{text} is a loopback, private or reserved address; links point at public hosts only"
        )


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


_NOT_ASCII_ALNUM = re.compile(r"[^0-9a-z]+")


def title_key(title: str) -> str:
    """A key under which near-identical titles (case, accents, punctuation, width) collide.

    Letters and digits of every script count: "alpha-Policies" and "beta-Policies" written
    with Greek letters differ, and two records with the same Chinese title share a key.
    Compatibility forms fold (NFKC: a full-width A is A, a ligature "fi" is "fi"), case folds
    ("ß" is "ss"), and the accents of Latin, Greek and Cyrillic letters go; the marks of other
    scripts stay (a voiced kana is not its unvoiced one, a Devanagari vowel sign counts).
    """
    if title.isascii():
        # ASCII is its own NFKD and NFKC, folds by lower(), and has no marks: the same key.
        return _NOT_ASCII_ALNUM.sub("", title.lower())
    decomposed = unicodedata.normalize("NFKD", title)
    bare = "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f")
    folded = unicodedata.normalize("NFKC", bare).casefold()
    return "".join(c for c in folded if c.isalnum() or unicodedata.category(c)[0] == "M")
