"""Related papers: discover's similarity (TF-IDF of title, short name and summary) blended with
the papers' tags, in plain Python; the inverted index gives what comparing every pair gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from litcat.core import similarity
from litcat.core.catalog import Catalog
from litcat.core.loader import load_catalog
from litcat.render import RenderOptions, render_site
from litcat.render.related import RELATED, related_papers

from .conftest import CATALOG, REPO, TESTS, repo_catalog


def exact(a: similarity.Vector, b: similarity.Vector) -> float:
    """A pair's score as nearest compares scores (summed in another order, two equal scores
    may differ in their last bit)."""
    return round(similarity.dot(a, b), similarity.SCORE_DIGITS)


def brute(vectors: list[similarity.Vector], limit: int) -> list[list[int]]:
    """Every pair's dot product, the largest positive ones first, ties by index."""
    found = []
    for i, mine in enumerate(vectors):
        scores = [(-exact(mine, theirs), j) for j, theirs in enumerate(vectors) if j != i]
        found.append([j for minus, j in sorted(scores)[:limit] if minus < 0])
    return found


def blended(catalog: Catalog) -> tuple[list[str], list[similarity.Vector]]:
    """The vectors related_papers compares, rebuilt from the module's parts."""
    from litcat.render import related

    order = sorted(catalog.papers)
    dims = catalog.require_taxonomy().dimension_ids()
    texts = similarity.tfidf([similarity.paper_text(catalog.papers[p]) for p in order])
    vectors = [
        similarity.blend(
            (
                (text, related.TEXT_WEIGHT),
                (similarity.tag_vector(related._tags(catalog, pid, dims)), related.TAG_WEIGHT),
            )
        )
        for pid, text in zip(order, texts, strict=True)
    ]
    return order, vectors


def catalog_texts() -> list[str]:
    catalog = repo_catalog()
    return [similarity.paper_text(catalog.papers[p]) for p in sorted(catalog.papers)]


@pytest.mark.sklearn
def test_stop_words_are_scikit_learns() -> None:
    text = pytest.importorskip("sklearn.feature_extraction.text")
    assert similarity.STOP_WORDS == text.ENGLISH_STOP_WORDS


@pytest.mark.sklearn
def test_terms_are_what_scikit_learns_analyzer_gives_on_the_catalog() -> None:
    text = pytest.importorskip("sklearn.feature_extraction.text")
    analyze = text.TfidfVectorizer(stop_words="english", ngram_range=(1, 2)).build_analyzer()
    texts = catalog_texts()
    assert len(texts) > 200
    for one in [*texts, "Ünïcode café: A_B x1 2 of-the RL-VLM-F, π0"]:
        assert similarity.terms(one) == analyze(one), one


@pytest.mark.sklearn
def test_tfidf_cosine_agrees_with_scikit_learn_on_the_catalog() -> None:
    text = pytest.importorskip("sklearn.feature_extraction.text")
    texts = catalog_texts()
    vectorizer = text.TfidfVectorizer(
        stop_words="english", sublinear_tf=True, ngram_range=(1, 2), min_df=1
    )
    matrix = vectorizer.fit_transform(texts)
    expected = (matrix @ matrix.T).toarray()
    vectors = similarity.tfidf(texts)
    worst = max(
        abs(similarity.dot(vectors[i], vectors[j]) - expected[i, j])
        for i in range(len(texts))
        for j in range(len(texts))
    )
    assert worst < 1e-9
    # Not all zero: the texts do share words.
    assert (expected > 0.1).sum() > len(texts)


@pytest.mark.sklearn
def test_discover_compares_texts_as_the_site_does() -> None:
    """Discover's model (scikit-learn's vectoriser) and the plain Python TF-IDF the site and
    ``litcat add`` use (:class:`similarity.Learned`), learned from the same records: the cosine
    of the records to each other, and of new texts (real arXiv candidates, texts mixing a
    record's words with foreign ones, foreign words only) to every record."""
    pytest.importorskip("sklearn")
    from litcat.intake.discover import Model, dimension_ids, parse_candidates

    catalog = repo_catalog()
    papers = sorted(catalog.papers.values(), key=lambda p: p.id)
    model = Model(papers, dimension_ids(catalog))
    learned = similarity.Learned.of([similarity.paper_text(p) for p in papers])
    answer = TESTS / "recorded" / "arxiv-api-1205.1001-1001.1001.xml"
    candidates = [c.text for c in parse_candidates(answer.read_bytes())]
    mixed = [f"Quokka zebra {similarity.paper_text(p)} xylophone quokka" for p in papers[::25]]
    own = [similarity.paper_text(p) for p in papers[:40]]
    texts = [*own, *candidates, *mixed, "Quokka zebra xylophone", ""]
    expected = model.similarities(texts)
    assert (expected[len(own) : len(own) + len(candidates)] > 0.02).sum() > 50
    for i, text in enumerate(texts):
        row = learned.scores(learned.vector(text))
        assert all(score > 0 for score in row.values())
        worst = max(abs(row.get(j, 0.0) - expected[i, j]) for j in range(len(papers)))
        assert worst < 1e-9, text
    for i in range(40):
        assert learned.vector(own[i]) == learned.vectors[i]


@pytest.mark.parametrize("root", [CATALOG, REPO], ids=["test catalog", "this catalog"])
def test_the_index_finds_what_every_pair_gives(root: Path) -> None:
    catalog = load_catalog(root)
    order, vectors = blended(catalog)
    dims = catalog.require_taxonomy().dimension_ids()
    related = related_papers(catalog, dims, RELATED)
    found = similarity.nearest(vectors, RELATED)
    assert related == {
        pid: [order[j] for j in near] for pid, near in zip(order, found, strict=True)
    }
    # Exact when the budget lets the whole index be walked (as it does at this catalog's size,
    # and whatever size the catalog grows to here).
    assert similarity.nearest(vectors, RELATED, budget=10**12) == brute(vectors, RELATED)


@pytest.fixture(scope="module")
def generated(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[list[similarity.Vector], list[list[int]]]:
    """The vectors of a generated catalog of 300 papers, and what comparing every pair gives."""
    from benchmarks.generate import generate

    root = tmp_path_factory.mktemp("generated") / "catalog"
    generate(root, 300, REPO / "taxonomy.yaml", seed=7)
    catalog = load_catalog(root)
    assert catalog.ok
    _, vectors = blended(catalog)
    return vectors, brute(vectors, RELATED)


def test_the_index_finds_what_every_pair_gives_on_a_generated_catalog(
    generated: tuple[list[similarity.Vector], list[list[int]]],
) -> None:
    vectors, best = generated
    assert similarity.nearest(vectors, RELATED) == best


def test_over_the_budget_the_candidates_hold_most_of_the_best_scores(
    generated: tuple[list[similarity.Vector], list[list[int]]],
) -> None:
    vectors, best = generated

    def held(found: list[list[int]]) -> float:
        return sum(
            similarity.dot(vectors[i], vectors[j]) for i, near in enumerate(found) for j in near
        )

    # A budget of 20,000 steps leaves each paper 66: it counts the papers on a few of its
    # rarest features' lists. (The 10 best partial sums held 0.83.)
    found = similarity.nearest(vectors, RELATED, budget=20_000)
    assert found != best
    assert held(found) >= 0.9 * held(best)


def test_a_feature_no_other_vector_holds_takes_no_share_of_the_budget() -> None:
    vectors = [{"only": 1.0, "shared": 0.5, "common": 0.1}, {"shared": 1.0, "common": 0.1}]
    vectors += [{"common": 1.0}] * 3
    assert similarity.nearest(vectors, 1, budget=0)[0] == [1]


vectors_strategy = st.lists(
    st.dictionaries(
        st.sampled_from("abcdefghij"), st.floats(0.0, 1.0, allow_nan=False), max_size=6
    ),
    max_size=12,
)


@given(vectors_strategy, st.integers(1, 6))
def test_nearest_is_every_pair_on_random_vectors(vectors: list[dict[str, float]], k: int) -> None:
    assert similarity.nearest(vectors, k) == brute(vectors, k)


@given(vectors_strategy, st.integers(1, 6))
# Found under CI: 0 and 2 tie for 1, but summed in another order 2's score was a bit larger.
@example(
    vectors=[
        {"a": 1.0, "b": 0.0, "c": 0.0, "d": 1.0},
        {"a": 1.0, "b": 0.0, "c": 0.5, "d": 0.4036627726113845},
        {"a": 1.0, "b": 0.0, "c": 2.220446049250313e-16, "d": 1.0},
    ],
    k=2,
)
def test_over_the_budget_the_found_are_ranked_by_their_exact_score(
    vectors: list[dict[str, float]], k: int
) -> None:
    found = similarity.nearest(vectors, k, budget=0)
    again = similarity.nearest(vectors, k, budget=0)
    assert found == again
    for i, near in enumerate(found):
        assert len(near) <= k and i not in near
        ranked = [(-exact(vectors[i], vectors[j]), j) for j in near]
        assert ranked == sorted(ranked)
        assert all(minus < 0 for minus, _ in ranked)


def test_ties_go_to_the_smaller_index() -> None:
    same = {"robot": 1.0}
    assert similarity.nearest([same, same, same, {"other": 1.0}], 5) == [[1, 2], [0, 2], [0, 1], []]


def test_related_papers_rank_text_and_tags() -> None:
    # The tags alone rank berg2021flyways first for tanaka2020global (they share GPS tags);
    # the text has a say too, and a paper sharing neither a word nor a tag is never related.
    related = related_papers(load_catalog(CATALOG), ["method", "taxon", "scale"], RELATED)
    assert related["tanaka2020global"] == ["silva2022citizen", "berg2021flyways"]
    assert "tanaka2020global" not in related["okafor2023radar"]


@pytest.mark.sklearn
def test_a_paper_page_lists_its_closest_papers_by_text() -> None:
    text = pytest.importorskip("sklearn.feature_extraction.text")
    catalog = repo_catalog()
    order = sorted(catalog.papers)
    texts = [similarity.paper_text(catalog.papers[p]) for p in order]
    matrix = text.TfidfVectorizer(
        stop_words="english", sublinear_tf=True, ngram_range=(1, 2), min_df=1
    ).fit_transform(texts)
    sims = (matrix @ matrix.T).toarray()
    pairs = sorted(
        (
            (sims[i, j], order[i], order[j])
            for i in range(len(order))
            for j in range(len(order))
            if i != j
        ),
        reverse=True,
    )
    # The closest papers by text, as scikit-learn measures it (Stable Diffusion 3 and latent
    # diffusion, for one): each lists the other among its related papers.
    closest = [(a, b) for s, a, b in pairs if s >= 0.2]
    assert ("esser2024scaling", "rombach2021highresolution") in closest
    pages = render_site(catalog, RenderOptions(REPO / "templates", site_name="Catalog"))
    for paper, neighbour in closest:
        section = pages[f"papers/{paper}/index.md"].split("## Related papers")[1].split("\n## ")[0]
        assert f"../{neighbour}/" in section, (paper, neighbour)
