"""The Markdown-list reader measured on real lists: every field of the hand-checked entries of
tests/lists/samples/, over all the samples, against the targets of issue 21
(tests/listaccuracy.py does the counting; ``python -m tests.listaccuracy`` prints the table,
list by list)."""

from __future__ import annotations

import pytest
import yaml

from .listaccuracy import SAMPLES, ListScore, Score, find_list, score_list

# The share of the entries stating a field that must be read right (recall), and of the values
# read that must be right (precision).
TARGETS = {
    "title": 0.97,
    "year": 0.95,
    "venue": 0.95,
    "arxiv": 0.95,
    "code": 0.95,
    "authors": 0.90,
}
# The share of the arXiv papers a list links that must be read as papers.
ARXIV_READ = 0.95
SAMPLED = sorted(path.name for path in SAMPLES.glob("*.yaml"))


def test_every_sample_names_real_lines() -> None:
    assert len(SAMPLED) >= 3
    for name in SAMPLED:
        spec = yaml.safe_load((SAMPLES / name).read_text(encoding="utf-8"))
        path = find_list(spec["list"])
        if path is None:
            continue
        lines = path.read_text(encoding="utf-8").replace("\u00ad", "").split("\n")
        for entry in spec["entries"]:
            line = lines[entry["line"] - 1]
            assert line.strip(), f"{name}: line {entry['line']} is blank"
            if "title" in entry:
                # The expected title is the list's own words (markup and emoji codes aside).
                assert entry["title"].split()[0] in line, (name, entry)


@pytest.fixture(scope="module")
def scored() -> dict[str, ListScore | None]:
    """Every sample read and scored once, for all the tests below (None: its list is not here)."""
    return {name: score_list(SAMPLES / name) for name in SAMPLED}


def _pooled(scored: dict[str, ListScore | None], field: str) -> Score:
    results = [result for result in scored.values() if result is not None]
    if len(results) < 2:
        pytest.skip("fewer than two sampled lists are here (the shared corpora are not beside)")
    pooled = Score()
    for result in results:
        score = result.fields[field]
        pooled.right += score.right
        pooled.stated += score.stated
        pooled.read += score.read
        pooled.wrong += [f"{result.name}:{line}" for line in score.wrong]
    return pooled


@pytest.mark.parametrize("field", sorted(TARGETS))
def test_fields_are_read_as_the_lists_state_them(
    scored: dict[str, ListScore | None], field: str
) -> None:
    score = _pooled(scored, field)
    target = TARGETS[field]
    shown = "\n".join(score.wrong)
    assert score.stated >= 15, score.stated
    assert score.recall >= target, f"{field} recall {score.recall:.1%} < {target:.0%}\n{shown}"
    assert score.precision >= target, (
        f"{field} precision {score.precision:.1%} < {target:.0%}\n{shown}"
    )


@pytest.mark.parametrize("name", SAMPLED)
def test_the_listed_arxiv_papers_are_read(scored: dict[str, ListScore | None], name: str) -> None:
    result = scored[name]
    if result is None:
        pytest.skip(f"{name}: its list is neither in tests/lists nor in ../shared/corpora/lists")
    assert result.arxiv_share >= ARXIV_READ, (result.arxiv_read, result.arxiv_listed)
