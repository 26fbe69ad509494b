"""Related papers: the fast ranking gives exactly what counting tag by tag gives."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from litcat.core.catalog import Catalog
from litcat.core.loader import load_catalog
from litcat.render.related import most_shared, related_papers

from .conftest import CATALOG, REPO


def naive(catalog: Catalog, dims: list[str], limit: int) -> dict[str, list[str]]:
    year = {pid: p.year or 0 for pid, p in catalog.papers.items()}
    result = {}
    for pid in catalog.papers:
        shared: Counter[str] = Counter()
        for dim in dims:
            for node in catalog.direct_nodes(pid, dim):
                shared.update(o for o in catalog.papers if node in catalog.direct_nodes(o, dim))
        del shared[pid]
        result[pid] = sorted(shared, key=lambda o: (-shared[o], -year[o], o))[:limit]
    return result


def test_matches_counting_on_the_test_catalog() -> None:
    catalog = load_catalog(CATALOG)
    dims = catalog.require_taxonomy().dimension_ids()
    assert related_papers(catalog, dims, 3) == naive(catalog, dims, 3)


def test_matches_counting_on_a_random_catalog(tmp_path: Path) -> None:
    from benchmarks.generate import generate

    root = tmp_path / "catalog"
    generate(root, 300, REPO / "taxonomy.yaml", seed=7)
    catalog = load_catalog(root)
    assert catalog.ok
    dims = catalog.require_taxonomy().dimension_ids()
    assert related_papers(catalog, dims, 5) == naive(catalog, dims, 5)


@given(st.lists(st.sets(st.integers(0, 40)), max_size=6), st.integers(1, 8))
def test_most_shared_ranks_by_count_then_position(sets: list[set[int]], limit: int) -> None:
    masks = [sum(1 << i for i in s) for s in sets]
    counts = Counter(i for s in sets for i in s)
    expected = sorted(counts, key=lambda i: (-counts[i], i))[:limit]
    assert most_shared(masks, limit) == expected


def test_a_random_mask_order_does_not_matter() -> None:
    rng = random.Random(3)
    masks = [rng.getrandbits(64) for _ in range(5)]
    assert most_shared(masks, 10) == most_shared(list(reversed(masks)), 10)
