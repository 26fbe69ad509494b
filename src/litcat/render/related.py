"""Related papers: for each paper, the ones closest to it in text and tags.

Closeness is the similarity discover ranks candidates by (TF-IDF cosine of title, short name
and summary; :mod:`litcat.core.similarity`), blended with the cosine of the two papers' sets
of tags (the nodes their records name), so that a paper page points to the papers a reader
would want next: those on the same method or problem, and among them those filed alike.
Ties go to the smaller id. Papers that share neither a word nor a tag are never related.
"""

from __future__ import annotations

from ..core import similarity
from ..core.catalog import Catalog

# How many related papers a paper page lists.
RELATED = 5
# The share of the text and of the tags in the closeness (they sum to 1).
TEXT_WEIGHT = 0.8
TAG_WEIGHT = 1.0 - TEXT_WEIGHT


def related_papers(catalog: Catalog, dims: list[str], limit: int) -> dict[str, list[str]]:
    order = sorted(catalog.papers)
    papers = [catalog.papers[pid] for pid in order]
    texts = similarity.tfidf([similarity.paper_text(p) for p in papers])
    vectors = [
        similarity.blend(
            (
                (text, TEXT_WEIGHT),
                (similarity.tag_vector(_tags(catalog, pid, dims)), TAG_WEIGHT),
            )
        )
        for pid, text in zip(order, texts, strict=True)
    ]
    found = similarity.nearest(vectors, limit)
    return {pid: [order[i] for i in near] for pid, near in zip(order, found, strict=True)}


def _tags(catalog: Catalog, pid: str, dims: list[str]) -> list[str]:
    return [f"{dim}/{node}" for dim in dims for node in catalog.direct_nodes(pid, dim)]
