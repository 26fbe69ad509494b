"""How alike two papers are: TF-IDF cosine of their texts, plus the overlap of their tags.

One place prepares the text for all its users: ``litcat discover`` (scikit-learn's
``TfidfVectorizer`` with :func:`terms` as its analyzer: ranking thousands of candidates
against thousands of records is a sparse matrix product), and, written here in plain Python,
the site's related papers and the tags ``litcat add`` suggests for one new record (so that
neither imports scikit-learn, whose import alone took 0.7 s of every ``litcat add``). The
settings are those of discover's vectoriser: lower case, words of two or more letters or digits,
English stop words dropped, words and pairs of adjacent words, raw counts damped as
``1 + log(count)``, smoothed idf ``log((1 + n) / (1 + df)) + 1``, rows scaled to unit length; a
new text keeps only the terms the corpus has (the vectoriser's ``transform``). Tests hold the
two together.

The nearest papers of every paper are found with an inverted index (each feature lists the
papers holding it): exactly while walking every list of every paper stays within a budget of
steps (this catalog's size), and beyond it among candidates: the papers that share the most of
a paper's rarer features, scored exactly (see :func:`nearest`).
"""

from __future__ import annotations

import heapq
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import chain, pairwise, repeat
from operator import mul
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Paper

Vector = dict[str, float]

# The English stop words scikit-learn's TfidfVectorizer drops with stop_words="english" (the
# Glasgow Information Retrieval Group's list, as scikit-learn ships it; a test checks the two
# agree).
STOP_WORDS = frozenset(
    """
    a about above across after afterwards again against all almost alone along already also
    although always am among amongst amoungst amount an and another any anyhow anyone
    anything anyway anywhere are around as at back be became because become becomes becoming
    been before beforehand behind being below beside besides between beyond bill both bottom
    but by call can cannot cant co con could couldnt cry de describe detail do done down due
    during each eg eight either eleven else elsewhere empty enough etc even ever every
    everyone everything everywhere except few fifteen fifty fill find fire first five for
    former formerly forty found four from front full further get give go had has hasnt have
    he hence her here hereafter hereby herein hereupon hers herself him himself his how
    however hundred i ie if in inc indeed interest into is it its itself keep last latter
    latterly least less ltd made many may me meanwhile might mill mine more moreover most
    mostly move much must my myself name namely neither never nevertheless next nine no
    nobody none noone nor not nothing now nowhere of off often on once one only onto or
    other others otherwise our ours ourselves out over own part per perhaps please put
    rather re same see seem seemed seeming seems serious several she should show side since
    sincere six sixty so some somehow someone something sometime sometimes somewhere still
    such system take ten than that the their them themselves then thence there thereafter
    thereby therefore therein thereupon these they thick thin third this those though three
    through throughout thru thus to together too top toward towards twelve twenty two un
    under until up upon us very via was we well were what whatever when whence whenever
    where whereafter whereas whereby wherein whereupon wherever whether which while whither
    who whoever whole whom whose why will with within without would yet you your yours
    yourself yourselves
    """.split()  # noqa: SIM905 (a list of 318 quoted words reads worse)
)

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
# Steps (a paper met under a feature) the inverted index may take for all papers together to find
# every paper's nearest exactly (about half a second of Python); beyond it, each paper counts
# the papers on its rarer features' lists within an equal share of it.
WALK_BUDGET = 2_000_000
# Papers whose exact score is computed, when a paper walks only its rarer features.
CANDIDATES = 20


def paper_text(paper: Paper) -> str:
    """The text a record is compared by: its title, short name and summary."""
    return ". ".join(t for t in (paper.title, paper.short_name, paper.summary) if t)


def terms(text: str) -> list[str]:
    """The words of a text (lower case, two characters or more, no stop word), then each pair
    of adjacent words, as scikit-learn's word analyzer with ``ngram_range=(1, 2)`` gives them."""
    words = [w for w in _TOKEN.findall(text.lower()) if w not in STOP_WORDS]
    return words + [f"{a} {b}" for a, b in pairwise(words)]


def tfidf(texts: Sequence[str]) -> list[Vector]:
    """Unit-length TF-IDF vectors of the texts (term -> weight), learned from the texts."""
    return Learned.of(texts).vectors


class Learned:
    """The TF-IDF learned from a corpus: each text's unit vector, the inverse document frequency
    of each term, and new texts weighed by it."""

    def __init__(self, idf: dict[str, float], vectors: list[Vector], same: dict[str, str]) -> None:
        self.idf = idf
        self.vectors = vectors
        self._same = same
        self._postings: dict[str, tuple[list[int], list[float]]] | None = None

    @classmethod
    def of(cls, texts: Sequence[str]) -> Learned:
        counts = [Counter(terms(text)) for text in texts]
        df: Counter[str] = Counter()
        for count in counts:
            df.update(count.keys())
        n = len(counts)
        # One string object per term (the keys of df): looking a term up in another record's
        # vector is then an identity check, not a comparison of two copies.
        same = {term: term for term in df}
        idf = {term: math.log((1 + n) / (1 + d)) + 1.0 for term, d in df.items()}
        return cls(idf, [_weighed(count, idf, same) for count in counts], same)

    def vector(self, text: str) -> Vector:
        """A new text's unit vector: its terms the corpus has, weighed by their idf."""
        idf = self.idf
        return _weighed(Counter(term for term in terms(text) if term in idf), idf, self._same)

    def scores(self, vector: Vector) -> dict[int, float]:
        """The dot product of ``vector`` with each text's that shares a term with it (by the
        text's index in the corpus; the others' are 0)."""
        if self._postings is None:
            self._postings = _postings(self.vectors)
        postings = self._postings
        return _summed(postings, ((key, x) for key, x in vector.items() if key in postings))


def _weighed(count: Counter[str], idf: dict[str, float], same: dict[str, str]) -> Vector:
    """The unit vector of a text's term counts: ``1 + log(count)`` times the term's idf, keyed
    by the corpus's own string for each term (see :meth:`Learned.of`)."""
    return unit({same[term]: (1.0 + math.log(k)) * idf[term] for term, k in count.items()})


def unit(vector: Vector) -> Vector:
    norm = math.sqrt(sum(x * x for x in vector.values()))
    return {key: x / norm for key, x in vector.items()} if norm else {}


def dot(a: Vector, b: Vector) -> float:
    """The dot product of two sparse vectors (the cosine, for unit vectors)."""
    if len(b) < len(a):
        a, b = b, a  # the shorter one walked
    return sum(x * b[key] for key, x in a.items() if key in b)


def tag_vector(tags: Iterable[str]) -> Vector:
    """Unit vector of a set of tags: the dot product of two is their shared tags over the
    geometric mean of their counts (the cosine of the two sets)."""
    unique = sorted(set(tags))
    return {sys.intern(f"#{tag}"): 1.0 / math.sqrt(len(unique)) for tag in unique}


def blend(parts: Iterable[tuple[Vector, float]]) -> Vector:
    """One vector whose dot products are the weighted sums of the parts' dot products (the
    parts' keys must not overlap)."""
    out: Vector = {}
    for vector, weight in parts:
        scale = math.sqrt(weight)
        out.update((key, x * scale) for key, x in vector.items())
    return out


def nearest(vectors: Sequence[Vector], limit: int, budget: int = WALK_BUDGET) -> list[list[int]]:
    """For each vector, the indexes of up to ``limit`` others with the largest positive dot
    product, largest first, ties by index (give the vectors in the order ties should take).

    Scores are summed over an inverted index (each feature lists the vectors holding it). When
    walking every list of every vector costs at most ``budget`` steps, the answer is exact.
    Beyond that, each vector counts the papers on its rarest features' lists within an equal
    share of the budget (the rarest list always), and the :data:`CANDIDATES` papers met most
    often (ties: first met) get their exact scores: the nearest papers among those sharing
    most of its more telling features. Counting runs in C, where summing weights ran a Python
    step per paper met: at 2,000 generated papers, twice the candidates (20) in less time, and
    the related papers found hold 0.94 of the best possible sum of scores, against 0.91 with
    the 10 best partial sums (benchmarks/notes.md).
    """
    postings = _postings(vectors)
    total = sum(len(postings[key][0]) for vector in vectors for key in vector)
    share = None if total <= budget else budget // max(1, len(vectors))
    # Features from the rarest, ties by name.
    rank = {
        key: r for r, key in enumerate(sorted(postings, key=lambda k: (len(postings[k][0]), k)))
    }
    return [
        _nearest_to(index, vectors, postings, rank, limit, share) for index in range(len(vectors))
    ]


def _postings(vectors: Sequence[Vector]) -> dict[str, tuple[list[int], list[float]]]:
    """Each feature's list: the vectors holding it, and its weight in each (two lists, walked
    together: faster than a list of pairs)."""
    postings: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
    for index, vector in enumerate(vectors):
        for key, x in vector.items():
            holders, weights = postings[key]
            holders.append(index)
            weights.append(x)
    return postings


def _nearest_to(
    index: int,
    vectors: Sequence[Vector],
    postings: dict[str, tuple[list[int], list[float]]],
    rank: dict[str, int],
    limit: int,
    share: int | None,
) -> list[int]:
    vector = vectors[index]
    if not vector or limit < 1:
        return []
    # From the rarest feature; one that only this vector holds meets no other.
    keys = sorted((key for key in vector if len(postings[key][0]) > 1), key=rank.__getitem__)
    cut = len(keys)
    if share is not None:
        steps = 0
        for cut, key in enumerate(keys):
            steps += len(postings[key][0])
            if steps > share and cut:
                break
        else:
            cut = len(keys)
    if cut < len(keys):
        # Candidates: the papers that share the most of its rarer features; their exact scores.
        scores: dict[int, float] = {}
        met = Counter(chain.from_iterable(postings[key][0] for key in keys[:cut]))
        met.pop(index, None)
        mine, weights = list(vector), list(vector.values())
        for other, _ in met.most_common(CANDIDATES):
            theirs = vectors[other].get
            scores[other] = sum(map(mul, weights, map(theirs, mine, repeat(0.0))))
        return [o for minus, o in _best(scores, limit) if minus < 0]
    scores = _summed(postings, ((key, vector[key]) for key in keys))
    scores.pop(index, None)
    return [o for minus, o in _best(scores, limit) if minus < 0]


def _summed(
    postings: dict[str, tuple[list[int], list[float]]], weighed: Iterable[tuple[str, float]]
) -> dict[int, float]:
    """The dot products of a vector, given as (feature, weight) pairs of features the index
    holds, with every vector on those features' lists (by index)."""
    scores: dict[int, float] = {}
    get = scores.get  # a third faster than a defaultdict's +=
    for key, x in weighed:
        holders, weights = postings[key]
        for other, y in zip(holders, weights, strict=True):
            scores[other] = get(other, 0.0) + x * y
    return scores


# Scores are compared at this many decimals: summed in another order, two equal scores can
# differ in their last bit, and a tie must still go to the smaller index.
SCORE_DIGITS = 12


# Scores closer than this to the n-th best may tie with it once rounded.
_MARGIN = 10.0**-SCORE_DIGITS


def _best(scores: dict[int, float], n: int) -> list[tuple[float, int]]:
    """The n best (minus the score, index) pairs, best first, ties by index. Only the scores
    near the n-th best are rounded and sorted (a paper meets hundreds of others)."""
    pool: Iterable[tuple[int, float]] = scores.items()
    if len(scores) > n:
        cutoff = heapq.nlargest(n, scores.values())[-1] - _MARGIN
        pool = [(other, score) for other, score in pool if score >= cutoff]
    return sorted((-round(score, SCORE_DIGITS), other) for other, score in pool)[:n]
