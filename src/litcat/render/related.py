"""Related papers: for each paper, the ones sharing the most of the nodes its record names.

Ties go to the newer paper, then to the smaller id. Counting shared tags paper by paper is
quadratic (every paper shares a broad node with most others), so each node keeps the set of
its papers as the bits of one integer, the shared-tag counts of all papers are summed at once
with bitwise adders, and the best papers are read off the lowest set bits (papers are numbered
in tie-break order). Papers with the same tags share one computation.
"""

from __future__ import annotations

from collections import defaultdict

from ..core.catalog import Catalog

# How many related papers a paper page lists.
RELATED = 5


def related_papers(catalog: Catalog, dims: list[str], limit: int) -> dict[str, list[str]]:
    order = sorted(catalog.papers, key=lambda pid: (-(catalog.papers[pid].year or 0), pid))
    tags = {
        pid: frozenset((dim, node) for dim in dims for node in catalog.direct_nodes(pid, dim))
        for pid in order
    }
    members: dict[tuple[str, str], int] = defaultdict(int)
    for index, pid in enumerate(order):
        for key in tags[pid]:
            members[key] |= 1 << index
    best: dict[frozenset[tuple[str, str]], list[int]] = {}
    result: dict[str, list[str]] = {}
    for index, pid in enumerate(order):
        if tags[pid] not in best:
            best[tags[pid]] = most_shared([members[key] for key in tags[pid]], limit + 1)
        result[pid] = [order[i] for i in best[tags[pid]] if i != index][:limit]
    return result


def most_shared(masks: list[int], limit: int) -> list[int]:
    """Up to ``limit`` bit positions, by how many masks hold them (most first), then lowest."""
    # planes[j] holds bit j of every position's count: a ripple-carry sum of the masks.
    planes: list[int] = []
    for mask in masks:
        carry = mask
        for j, plane in enumerate(planes):
            planes[j], carry = plane ^ carry, plane & carry
        if carry:
            planes.append(carry)
    anywhere = 0
    for mask in masks:
        anywhere |= mask
    found: list[int] = []
    for score in range(len(masks), 0, -1):
        if score >> len(planes):
            continue
        exact = anywhere
        for j, plane in enumerate(planes):
            exact &= plane if score >> j & 1 else ~plane
        while exact and len(found) < limit:
            lowest = exact & -exact
            found.append(lowest.bit_length() - 1)
            exact ^= lowest
        if len(found) == limit:
            break
    return found
