"""Which of a record's sources are primary: pages of the paper itself, not of aggregators.

A fact should rest on a page that publishes the paper or speaks for its authors: arXiv,
OpenReview, a proceedings or publisher site, the DOI resolver, or the record's own links (its
paper page, project page or code repository, which the authors run). Aggregators and mirrors
(paper digests, citation indexes, blogs) may lead a curator to a fact, but are not proof of it.
"""

from __future__ import annotations

import urllib.parse

from .models import Paper

# Hosts (and their subdomains) that publish papers or their reviews.
PRIMARY_HOSTS = (
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


def host(url: str) -> str:
    return (urllib.parse.urlsplit(url).hostname or "").lower().rstrip(".")


def _under(name: str, domain: str) -> bool:
    return name == domain or name.endswith("." + domain)


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


def is_primary(url: str, paper: Paper) -> bool:
    name = host(url)
    if any(_under(name, domain) for domain in PRIMARY_HOSTS):
        return True
    return _page_key(url) in own_pages(paper)


def primary_sources(paper: Paper) -> list[str]:
    return [url for url in paper.sources if is_primary(url, paper)]
