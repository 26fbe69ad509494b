"""What a link in a paper list points at: the arXiv, a DOI, OpenReview, a paper, code, a project
page or a video, decided by its host first and its label second (lists label a project page
"paper" as often as not)."""

from __future__ import annotations

import re
import urllib.parse
from dataclasses import dataclass

from ...core import ids

_ARXIV_URL = re.compile(
    r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/([^?#]+?)(?:\.pdf)?/?(?:[?#].*)?$",
    re.IGNORECASE,
)
_DOI_URL = re.compile(r"^https?://(?:dx\.|www\.)?doi\.org/(10\.\d{4,9}/[^?#\s]+)", re.IGNORECASE)
# Publishers that put the DOI in the page's path (ACM, Wiley, SAGE, Taylor & Francis, Springer).
_DOI_IN_PATH = re.compile(
    r"/(?:doi/(?:abs/|full/|pdf/|epdf/|book/)?|chapter/|article/)(10\.\d{4,9}/[^?#\s]+)",
    re.IGNORECASE,
)
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
_OPENREVIEW_HOSTS = frozenset({"openreview.net", "www.openreview.net"})
_CODE_HOSTS = frozenset({"github.com", "gitlab.com", "bitbucket.org", "codeberg.org"})
_VIDEO_HOSTS = frozenset(
    {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "vimeo.com", "bilibili.com"}
)
_PROJECT_HOSTS = (".github.io", "sites.google.com")

CODE_WORDS = frozenset({"code", "github", "repo", "repository", "source", "implementation"})
VIDEO_WORDS = frozenset({"video", "youtube", "talk", "demo video"})
PROJECT_WORDS = frozenset(
    {"project", "project page", "website", "homepage", "page", "site", "blog"}
)
PAPER_WORDS = frozenset(
    {"paper", "pdf", "arxiv", "abs", "abstract", "link", "doi", "openreview", "html", "pub"}
    # Where a paper is read, named for its link ("[bioRxiv](...)", "[Nature](...)").
    | {"biorxiv", "medrxiv", "chemrxiv", "pubmed", "pmc", "ssrn", "researchgate", "preprint"}
    | {"semantic scholar", "google scholar", "ieee", "ieee xplore", "acm", "acm dl"}
    | {"springer", "sciencedirect", "wiley", "nature", "science"}
    # A company's paper is its report ("[[report](.../gemini_robotics_report.pdf)]").
    | {"report", "tech report", "technical report"}
)
# A citation to copy: its file is not code, even on a code host, and names no paper.
CITATION_WORDS = frozenset({"bib", "bibtex", "bibtext", "citation", "cite", "ris"})
_CITATION_FILES = (".bib", ".bibtex", ".ris")
# Labels that say what a link is rather than naming the paper.
GENERIC = CODE_WORDS | VIDEO_WORDS | PROJECT_WORDS | PAPER_WORDS | CITATION_WORDS
# A page's own navigation, listed as bullets at the top or foot of a README ("[Home](...)",
# "[Back to top](#...)"): such a bullet names no paper, whatever its link.
NAVIGATION = frozenset(
    {"home", "homepage", "home page", "contents", "table of contents", "back to top", "top"}
    | {"go to top", "license", "contributing", "contribute", "readme", "about"}
)
# Words that label a line of links (``Code: [repo](...)``, ``Project page: ...``): nested under
# a paper's bullet, such a line gives that paper's links, it names no paper of its own.
LINK_LABELS = GENERIC | frozenset(
    {"demo", "slides", "poster", "supplementary", "webpage", "web page", "project website"}
)
# Labels that say which role their links have, whatever the links' own text.
ROLE_LABELS = CODE_WORDS | VIDEO_WORDS | PROJECT_WORDS
# Labels that say beyond doubt what a link is, whatever its host (litcat's export writes them:
# a project page may live on github.com, a repository on github.io).
STATED = {"code": "code", "project page": "project", "video": "video"}
# Roles of links that point at the paper itself (or its page), so that a bullet names one.
PAPER_ROLES = frozenset({"arxiv", "doi", "openreview", "paper", "project"})


@dataclass(frozen=True)
class Link:
    """A link's role, its URL as a record keeps it, and the id it carries (if any)."""

    role: str
    url: str
    ident: str | None = None


def label_word(text: str) -> str:
    """``[[Paper]]`` and ``Code:`` both become the word a role is decided by."""
    return " ".join(text.strip(" []()<>:*_`").lower().split())


def is_generic(text: str) -> bool:
    word = label_word(text)
    return not word or word in GENERIC or word.startswith(("http://", "https://"))


def clean_url(url: str) -> str:
    # A text fragment (#:~:text=...) only highlights a passage of the page.
    return url.split("#:~:", 1)[0]


def classify(label: str, url: str, *, names_paper: bool = False) -> Link | None:
    """The link's role; None for what is not an http(s) link (anchors, relative files).

    ``names_paper``: the link's text is the paper's title, so an unlabelled page is the paper.
    Raises ``ValueError`` for an http(s) link that litcat would refuse (see ``ids.check_url``).
    """
    url = clean_url(url.strip())
    if not url.lower().startswith(("http://", "https://")):
        return None
    url = ids.check_url(url)
    found = _by_id(url)
    if found is not None:
        return found
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    word = label_word(label)
    path = urllib.parse.urlsplit(url).path.lower()
    if word in STATED:
        return Link(STATED[word], url)
    # A BibTeX file on GitHub is a citation and a PDF there is the paper, whatever the label
    # ("[github](.../NeRF-and-Beyond.bib)"); only the rest of a code host is code.
    if word in CITATION_WORDS or path.endswith(_CITATION_FILES):
        return Link("citation", url)
    if path.endswith(".pdf"):
        return Link("paper", url)
    if host in _CODE_HOSTS:
        return Link("code", url)
    if host in _VIDEO_HOSTS or word in VIDEO_WORDS:
        return Link("video", url)
    if host.endswith(_PROJECT_HOSTS) or word in PROJECT_WORDS:
        return Link("project", url)
    if word in CODE_WORDS:
        return Link("code", url)
    if word in PAPER_WORDS or names_paper:
        return Link("paper", url)
    return Link("other", url)


def _by_id(url: str) -> Link | None:
    """A link to the arXiv, doi.org, OpenReview or a publisher page naming the DOI."""
    match = _ARXIV_URL.match(url)
    if match:
        try:
            return Link("arxiv", url, ids.normalize_arxiv(match.group(1)))
        except ValueError:
            return None
    match = _DOI_URL.match(url)
    if match:
        doi = urllib.parse.unquote(match.group(1))
        arxiv = _ARXIV_DOI.match(doi)
        if arxiv:
            try:
                return Link("arxiv", url, ids.normalize_arxiv(arxiv.group(1)))
            except ValueError:
                return None
        try:
            return Link("doi", url, ids.normalize_doi(doi))
        except ValueError:
            return None
    parts = urllib.parse.urlsplit(url)
    if (parts.hostname or "").lower() in _OPENREVIEW_HOSTS:
        found = urllib.parse.parse_qs(parts.query).get("id")
        if found and re.fullmatch(r"[\w-]+", found[0]):
            forum = f"https://openreview.net/forum?id={found[0]}"
            return Link("openreview", forum, found[0])
    match = _DOI_IN_PATH.search(parts.path)
    if match:
        try:
            return Link("paper", url, ids.normalize_doi(urllib.parse.unquote(match.group(1))))
        except ValueError:
            return None
    return None


def arxiv_year(arxiv: str) -> int:
    """The year an arXiv id was given out in: ``2303.04137`` 2023, ``cs/9901001`` 1999."""
    digits = arxiv.rsplit("/", 1)[-1][:2]
    two = int(digits)
    return 1900 + two if two >= 91 else 2000 + two


def same_page(url: str) -> str:
    """A key under which two spellings of one page's address meet."""
    parts = urllib.parse.urlsplit(url)
    path = parts.path.rstrip("/") or "/"
    return f"{(parts.hostname or '').lower()}{path}?{parts.query}"


# Where papers themselves are published: preprint servers, proceedings and publishers. A link
# here is a paper's, whatever its label; the report accounts for each one.
PAPER_HOSTS = frozenset(
    {
        "arxiv.org",
        "doi.org",
        "openreview.net",
        "nips.cc",
        "neurips.cc",
        "mlr.press",
        "jmlr.org",
        "thecvf.com",
        "ecva.net",
        "aclanthology.org",
        "aclweb.org",
        "ieee.org",
        "computer.org",
        "acm.org",
        "springer.com",
        "sciencedirect.com",
        "nature.com",
        "science.org",
        "pnas.org",
        "cell.com",
        "wiley.com",
        "tandfonline.com",
        "iop.org",
        "oup.com",
        "aaai.org",
        "ijcai.org",
        "roboticsproceedings.org",
        "bmva.org",
        "biorxiv.org",
        "medrxiv.org",
        "mdpi.com",
        "frontiersin.org",
        "plos.org",
        "sagepub.com",
        "iclr.cc",
        "icml.cc",
    }
)


def paper_key(url: str) -> str | None:
    """What a link to a paper is known by (``arxiv:2303.04137``, ``doi:10...``, the page);
    None for a link that is not to a paper's host."""
    url = clean_url(url.strip())
    try:
        link = _by_id(ids.check_url(url))
    except ValueError:
        link = None
    if link is not None and link.ident is not None:
        kind = "doi" if link.role == "paper" else link.role
        return f"{kind}:{link.ident}"
    parts = urllib.parse.urlsplit(url)
    domains = ids.parent_domains((parts.hostname or "").lower())
    # A server's own pages (its home, a listing) name no paper: only its ids do.
    if PAPER_HOSTS.isdisjoint(domains) or not _ID_HOSTS.isdisjoint(domains):
        return None
    return f"page:{same_page(url)}" if parts.path.strip("/") else None


_ID_HOSTS = frozenset({"arxiv.org", "doi.org", "openreview.net"})
