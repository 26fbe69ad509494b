"""Which of a record's sources are primary: pages of the paper itself, not of aggregators.

A fact should rest on a page that publishes the paper or speaks for its authors: arXiv,
OpenReview, a proceedings or publisher site, the DOI resolver, or the record's own links (its
paper page, project page or code repository, which the authors run). Aggregators and mirrors
(paper digests, citation indexes, blogs) may lead a curator to a fact, but are not proof of it.
"""

from __future__ import annotations

import re
import urllib.parse

from ..ids import parent_domains
from ..models import Paper

# Hosts (and their subdomains) that publish papers or their reviews.
PRIMARY_HOSTS = frozenset(
    (
        "arxiv.org",
        "openreview.net",
        "doi.org",
        "proceedings.mlr.press",
        "papers.nips.cc",
        "proceedings.neurips.cc",
        "neurips.cc",
        "nips.cc",
        "iclr.cc",
        "icml.cc",
        "roboticsproceedings.org",
        "openaccess.thecvf.com",
        "ecva.net",
        "aaai.org",
        "ijcai.org",
        "aclanthology.org",
        "jmlr.org",
        "ieeexplore.ieee.org",
        "dl.acm.org",
        "link.springer.com",
        "springer.com",
        "sciencedirect.com",
        "nature.com",
        "science.org",
        "journals.sagepub.com",
        "mdpi.com",
        "frontiersin.org",
        "wiley.com",
        "tandfonline.com",
        "iopscience.iop.org",
    )
)


# A link whose authority is a plain host name (no user, port or brackets): its host is what
# follows the scheme up to the path, as urlsplit reads it (tests/test_fastpaths.py).
_PLAIN_HOST = re.compile(r"https?://([A-Za-z0-9.-]*)(?=[/?#]|\Z)")


def host(url: str) -> str:
    plain = _PLAIN_HOST.match(url)
    if plain is not None:
        return plain[1].lower().rstrip(".")
    return (urllib.parse.urlsplit(url).hostname or "").lower().rstrip(".")


def own_pages(paper: Paper) -> set[str]:
    """The hosts of the record's own links; a GitHub repository counts by its owner."""
    found: set[str] = set()
    for url in (paper.links.paper, paper.links.project, paper.links.code):
        if url:
            found.add(_page_key(url))
    return found


def _page_key(url: str) -> str:
    name = host(url)
    if name in ("github.com", "gitlab.com", "huggingface.co"):
        owner = urllib.parse.urlsplit(url).path.strip("/").split("/", 1)[0].lower()
        return f"{name}/{owner}"
    return name


def is_primary(url: str, paper: Paper, own: set[str] | None = None) -> bool:
    """Whether ``url`` is a primary source of ``paper`` (``own``: its own_pages, if known)."""
    if not PRIMARY_HOSTS.isdisjoint(parent_domains(host(url))):
        return True
    return _page_key(url) in (own_pages(paper) if own is None else own)


def primary_sources(paper: Paper) -> list[str]:
    own = own_pages(paper)
    return [url for url in paper.sources if is_primary(url, paper, own)]
