"""Candidates for the catalog: arXiv papers it does not hold, ranked by how close they are to
its records, with the tags their nearest records suggest.

The learning parts (scikit-learn for TF-IDF and cosine similarity, rapidfuzz for titles) are
the optional extra ``litcat[discover]``; they are imported only when a function needs them, so
that building a site never loads them, and the tags ``litcat add`` suggests for one record are
computed without them (:func:`suggest_for`). Nothing is downloaded: the model is learned from the
catalog's own records (title, short name, summary) each time.
"""

from __future__ import annotations

import datetime as dt
import heapq
import re
import unicodedata
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..core import ids, similarity
from ..core.similarity import paper_text
from ..store.writer import write_atomic
from . import fetch

if TYPE_CHECKING:
    from ..core.catalog import Catalog
    from ..core.models import Paper

INSTALL_HINT = "pip install 'litcat[discover]' (scikit-learn and rapidfuzz)"
CONFIG_FILE = "discover.yaml"
DECLINED_FILE = "declined.yaml"
# How many of the nearest records make the score and are shown as the reason, and how many vote
# for tags (chosen by --evaluate on this repository's catalog among 3, 5, 7, 10, 15 and 20:
# top-tag precision 0.76 with 5 voters, 0.80 with 10, 0.82 with 20).
NEIGHBOURS = 5
VOTERS = 20
# A held title: rapidfuzz's ratio of the normalised titles at least this.
TITLE_MATCH = 92.0
# A dimension is suggested when its share of the neighbours' votes is at least this, and a node
# when its own confidence is at least NODE_SHARE (the best node of a suggested dimension always).
DIMENSION_SHARE = 0.5
NODE_SHARE = 0.3
PAGE_SIZE = 100
# Texts compared with the records at a time, and records the reference closeness is taken from.
CHUNK = 500
REFERENCE_SAMPLE = 1000

_WORDS = re.compile(r"\w+")


class MissingExtra(Exception):
    """scikit-learn or rapidfuzz is not installed."""


def require_extra() -> None:
    try:
        import rapidfuzz  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError as exc:
        raise MissingExtra(
            f"this command needs the discover extra ({exc.name} is missing): {INSTALL_HINT}"
        ) from None


# -- candidates from the arXiv API ---------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    arxiv: str
    title: str
    abstract: str
    authors: list[str]
    year: int
    doi: str | None = None

    @property
    def text(self) -> str:
        return f"{self.title}. {self.abstract}"


def parse_candidates(body: bytes) -> list[Candidate]:
    """The entries of an arXiv API answer, in its order, with their abstracts (used for the
    ranking only; a record never keeps them)."""
    entries, abstracts = fetch.read_arxiv_feed(body)
    return [
        Candidate(e.arxiv, e.title, abstracts.get(e.arxiv, ""), e.authors, e.year, e.doi)
        for e in entries.values()
    ]


@dataclass(frozen=True)
class Query:
    """What the catalog declares in discover.yaml: arXiv categories, phrases, a window."""

    categories: list[str] = field(default_factory=list)
    phrases: list[str] = field(default_factory=list)
    days: int = 30
    max_results: int = 500

    def search(self, today: dt.date) -> str:
        parts: list[str] = []
        if self.categories:
            parts.append("(" + " OR ".join(f"cat:{c}" for c in self.categories) + ")")
        if self.phrases:
            parts.append("(" + " OR ".join(f'abs:"{p}"' for p in self.phrases) + ")")
        start = today - dt.timedelta(days=self.days)
        parts.append(f"submittedDate:[{start:%Y%m%d}0000 TO {today:%Y%m%d}2359]")
        return " AND ".join(parts)


def load_query(root: Path) -> Query:
    path = root / CONFIG_FILE
    if not path.is_file():
        raise ValueError(
            f"{path} is missing: it declares the arXiv queries (categories, phrases, days); "
            "or give --from FILE, a saved answer of the arXiv API"
        )
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping of categories, phrases, days")

    def strings(key: str) -> list[str]:
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise ValueError(f"{path}: {key} must be a list of strings")
        return [v.replace('"', "") for v in value]

    numbers: dict[str, int] = {}
    for key, default in (("days", 30), ("max_results", 500)):
        value = data.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise ValueError(f"{path}: {key} must be a positive whole number")
        numbers[key] = value
    query = Query(strings("categories"), strings("phrases"), **numbers)
    if not query.categories and not query.phrases:
        raise ValueError(f"{path}: give categories or phrases (or both)")
    return query


def search_url(search: str, start: int, size: int) -> str:
    query = {
        "search_query": search,
        "start": start,
        "max_results": size,
        "sortBy": "submittedDate",
        "sortOrder": "descending",
    }
    return f"{fetch.ARXIV_API}?{urllib.parse.urlencode(query)}"


def fetch_candidates(
    query: Query,
    transport: fetch.Transport,
    sleep: Callable[[float], None],
    today: dt.date,
) -> tuple[list[Candidate], int]:
    """Pages of the query's answer, :data:`fetch.ARXIV_PAUSE` seconds apart, until a page
    comes back short or ``max_results`` are in; returns the candidates and the requests made."""
    found: list[Candidate] = []
    search = query.search(today)
    asked = 0
    while len(found) < query.max_results:
        if asked:
            sleep(fetch.ARXIV_PAUSE)
        size = min(PAGE_SIZE, query.max_results - len(found))
        url = search_url(search, len(found), size)
        answer = fetch.request(transport, url)
        asked += 1
        if answer.status != 200:
            raise fetch.FetchError(f"export.arxiv.org answered HTTP {answer.status} for {url}")
        page = parse_candidates(answer.body)
        found.extend(page)
        if len(page) < size:
            break
    return found, asked


# -- declined papers -----------------------------------------------------------------------------


def load_declined(root: Path) -> dict[str, str]:
    """arXiv id -> reason, from declined.yaml (a list of {arxiv, reason})."""
    path = root / DECLINED_FILE
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of entries with arxiv and reason")
    declined: dict[str, str] = {}
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("arxiv"), str):
            raise ValueError(f"{path}: each entry needs arxiv: and reason:")
        declined[ids.normalize_arxiv(item["arxiv"])] = str(item.get("reason") or "")
    return declined


def decline(root: Path, arxiv_ids: Iterable[str], reason: str) -> list[str]:
    """Add ids to declined.yaml (written atomically); returns the ids that were new."""
    declined = load_declined(root)
    new = [a for a in dict.fromkeys(ids.normalize_arxiv(i) for i in arxiv_ids) if a not in declined]
    for arxiv in new:
        declined[arxiv] = reason
    entries = [{"arxiv": a, "reason": r} for a, r in sorted(declined.items())]
    text = "# Papers litcat discover does not offer again (litcat discover --decline).\n"
    body = yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=100)
    write_atomic(root / DECLINED_FILE, text + body)
    return new


# -- what the catalog holds ----------------------------------------------------------------------


def title_words(title: str) -> str:
    """A title folded for comparison: case, accents, punctuation and spacing go."""
    decomposed = unicodedata.normalize("NFKD", title)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORDS.findall(unicodedata.normalize("NFKC", bare).casefold()))


@dataclass
class Held:
    arxiv: dict[str, str]
    doi: dict[str, str]
    titles: list[str]
    title_ids: list[str]

    @classmethod
    def of(cls, papers: Iterable[Paper]) -> Held:
        held = cls({}, {}, [], [])
        for paper in papers:
            if paper.arxiv:
                held.arxiv[paper.arxiv] = paper.id
            if paper.doi:
                held.doi[paper.doi.casefold()] = paper.id
            held.titles.append(title_words(paper.title))
            held.title_ids.append(paper.id)
        return held

    def holder(self, candidate: Candidate) -> str | None:
        """The record that holds the candidate (by arXiv id, DOI or title), if any."""
        from rapidfuzz import fuzz, process

        if candidate.arxiv in self.arxiv:
            return self.arxiv[candidate.arxiv]
        if candidate.doi and candidate.doi.casefold() in self.doi:
            return self.doi[candidate.doi.casefold()]
        match = process.extractOne(
            title_words(candidate.title), self.titles, scorer=fuzz.ratio, score_cutoff=TITLE_MATCH
        )
        return self.title_ids[match[2]] if match else None


# -- the model -----------------------------------------------------------------------------------


@dataclass
class Suggestion:
    tags: dict[str, list[tuple[str, float]]]
    nearest: list[tuple[str, float]]


class Model:
    """TF-IDF of the records' texts; a text's nearest records (cosine similarity) vote for the
    tags, weighted by their similarity."""

    def __init__(self, papers: Sequence[Paper], dimensions: Sequence[str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        if not papers:
            raise ValueError("the catalog holds no records to learn from")
        self.papers = list(papers)
        self.dimensions = list(dimensions)
        # The words, stop words and word pairs of litcat.core.similarity.terms (scikit-learn's
        # stop_words="english", ngram_range=(1, 2)), so the site's related papers, written in
        # plain Python, measure the same similarity.
        self.vectorizer = TfidfVectorizer(analyzer=_terms, sublinear_tf=True)
        self.matrix = self.vectorizer.fit_transform([paper_text(p) for p in self.papers])
        self._reference: float | None = None

    def similarities(self, texts: Sequence[str | list[str]]) -> Any:
        """Cosine similarity of each text (or its :func:`~litcat.core.similarity.terms`) to
        each record (rows: texts; a dense array)."""
        vectors = self.vectorizer.transform(list(texts))
        return (vectors @ self.matrix.T).toarray()

    def suggest(self, row: Any) -> Suggestion:
        ranked = [(i, float(row[i])) for i in _top(row, max(NEIGHBOURS, VOTERS))]
        return suggestion(self.papers, self.dimensions, ranked)

    def closeness(self, row: Any, text: str | list[str]) -> float:
        """Mean similarity to the nearest records, against what records show to each other
        (the ratio r), as r / (1 + r): 0.5 is as close as the catalog's records are to each
        other, and closer candidates never tie at a cap. Times the share of the text's terms
        the catalog uses at all (:meth:`coverage`)."""
        mean = _top_mean(row, NEIGHBOURS)
        ratio = mean / self.reference if self.reference > 0 else 0.0
        return ratio / (1.0 + ratio) * self.coverage(text)

    def coverage(self, text: str | list[str]) -> float:
        """The share of a text's terms (words and pairs of words) found in the catalog's.

        A vector keeps only the terms the catalog knows, so "Efficient many-jet event
        generation with Flow Matching" would look all about flow matching: its cosine to the
        flow-matching records is high although most of its words are foreign. Measured on
        this catalog's titles among 3,026 off-topic ones (benchmarks/discover.py), this
        factor took the catalog's share of the top 20 from 0.35 to 0.97."""
        found = _terms(text)
        if not found:
            return 0.0
        vocabulary = self.vectorizer.vocabulary_
        return sum(1 for term in found if term in vocabulary) / len(found)

    @property
    def reference(self) -> float:
        """The median, over records (at most :data:`REFERENCE_SAMPLE`, evenly spread), of the
        mean similarity to their nearest other records."""
        import numpy as np

        if self._reference is None:
            count = self.matrix.shape[0]
            step = max(1, count // REFERENCE_SAMPLE)
            chosen = list(range(0, count, step))
            means: list[float] = []
            for start in range(0, len(chosen), CHUNK):
                rows = chosen[start : start + CHUNK]
                sims = (self.matrix[rows] @ self.matrix.T).toarray()
                sims[np.arange(len(rows)), rows] = 0.0
                means.extend(_top_mean(row, NEIGHBOURS) for row in sims)
            self._reference = float(np.median(means)) if means else 0.0
        return self._reference

    def closeness_all(self, texts: Sequence[str]) -> tuple[list[float], list[Suggestion]]:
        """Closeness and suggestions of many texts, :data:`CHUNK` at a time (memory)."""
        scores: list[float] = []
        suggestions: list[Suggestion] = []
        for start in range(0, len(texts), CHUNK):
            # Each text's terms, found once for its vector and its coverage.
            chunk = [similarity.terms(text) for text in texts[start : start + CHUNK]]
            for row, terms in zip(self.similarities(chunk), chunk, strict=True):
                scores.append(self.closeness(row, terms))
                suggestions.append(self.suggest(row))
        return scores, suggestions


def _terms(text: str | list[str]) -> list[str]:
    """A text's terms; terms already found are given as they are."""
    return text if isinstance(text, list) else similarity.terms(text)


def _top(row: Any, k: int) -> list[int]:
    """Indexes of the k largest values, largest first (ties: lower index first)."""
    import numpy as np

    k = min(k, len(row))
    if k == 0:
        return []
    # The values above the k-th largest, then the lowest indexes of those equal to it: ties go
    # to the lower index whichever of them the partition chose.
    kth = row[np.argpartition(-row, k - 1)[:k]].min()
    above: list[int] = sorted(np.flatnonzero(row > kth).tolist(), key=lambda i: (-row[i], i))
    tied: list[int] = np.flatnonzero(row == kth)[: k - len(above)].tolist()
    return above + tied


def _top_mean(row: Any, k: int) -> float:
    import numpy as np

    k = min(k, len(row))
    return float(np.partition(row, len(row) - k)[len(row) - k :].mean()) if k else 0.0


def vote(
    nearest: Sequence[tuple[Paper, float]], dimensions: Sequence[str]
) -> dict[str, list[tuple[str, float]]]:
    """Per dimension, nodes best first with their share of the neighbours' similarity."""
    total = sum(s for _, s in nearest)
    result: dict[str, list[tuple[str, float]]] = {}
    if total <= 0:
        return result
    for dim in dimensions:
        weights: dict[str, float] = {}
        present = 0.0
        for paper, sim in nearest:
            nodes = paper.all_tags().get(dim) or []
            if nodes:
                present += sim
            for node in nodes:
                weights[node] = weights.get(node, 0.0) + sim
        if present / total < DIMENSION_SHARE or not weights:
            continue
        ranked = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))
        chosen = [(n, w / present) for n, w in ranked if w / present >= NODE_SHARE]
        result[dim] = chosen or [(ranked[0][0], ranked[0][1] / present)]
    return result


# -- discover ------------------------------------------------------------------------------------


@dataclass
class Found:
    candidate: Candidate
    score: float
    suggestion: Suggestion


@dataclass
class Report:
    found: list[Found]
    held: list[tuple[Candidate, str]]
    declined: list[Candidate]


def dimension_ids(catalog: Catalog) -> list[str]:
    return [d.id for d in catalog.require_taxonomy().dimensions]


def discover(catalog: Catalog, candidates: Sequence[Candidate], declined: dict[str, str]) -> Report:
    """The candidates the catalog neither holds nor declined, best score first."""
    papers = sorted(catalog.papers.values(), key=lambda p: p.id)
    held = Held.of(papers)
    report = Report([], [], [])
    fresh: list[Candidate] = []
    seen: set[str] = set()
    for candidate in candidates:
        if candidate.arxiv in seen:
            continue
        seen.add(candidate.arxiv)
        if candidate.arxiv in declined:
            report.declined.append(candidate)
            continue
        holder = held.holder(candidate)
        if holder is not None:
            report.held.append((candidate, holder))
            continue
        fresh.append(candidate)
    if not fresh:
        return report
    model = Model(papers, dimension_ids(catalog))
    scores, suggestions = model.closeness_all([c.text for c in fresh])
    for candidate, score, suggestion in zip(fresh, scores, suggestions, strict=True):
        report.found.append(Found(candidate, score, suggestion))
    report.found.sort(key=lambda f: (-f.score, f.candidate.arxiv))
    return report


def suggest_for(catalog: Catalog, text: str, leave_out: str | None = None) -> Suggestion:
    """Tags for one text (a new record's title and summary), learned from the other records:
    what :class:`Model` suggests, in plain Python (one text against the records is a few
    thousand products; importing scikit-learn took longer than the rest of ``litcat add``)."""
    return Suggester(catalog, leave_out).suggest(text)


class Suggester:
    """What :func:`suggest_for` learns from the records (but ``leave_out``), learned once for
    any number of texts."""

    def __init__(self, catalog: Catalog, leave_out: str | None = None) -> None:
        papers = catalog.papers.values()
        self.papers = sorted((p for p in papers if p.id != leave_out), key=lambda p: p.id)
        self.dimensions = dimension_ids(catalog)
        self.learned = similarity.Learned.of([paper_text(p) for p in self.papers])

    def suggest(self, text: str) -> Suggestion:
        row = self.learned.scores(self.learned.vector(text))
        size = max(NEIGHBOURS, VOTERS)
        ranked = heapq.nsmallest(size, row.items(), key=lambda kv: (-kv[1], kv[0]))
        return suggestion(self.papers, self.dimensions, ranked)


def suggestion(
    papers: Sequence[Paper], dimensions: Sequence[str], ranked: Sequence[tuple[int, float]]
) -> Suggestion:
    """What the records nearest a text suggest: ``ranked`` holds (index in ``papers``,
    similarity) pairs, nearest first."""
    voters = [(papers[i], score) for i, score in ranked[:VOTERS] if score > 0]
    shown = [(p.id, s) for p, s in voters[:NEIGHBOURS]]
    return Suggestion(vote(voters, dimensions), shown)


# -- measuring the suggestions -------------------------------------------------------------------


@dataclass
class DimensionScore:
    dimension: str
    records: int = 0
    suggested: int = 0
    top_right: int = 0
    nodes_suggested: int = 0
    nodes_right: int = 0

    @property
    def top_precision(self) -> float:
        return self.top_right / self.suggested if self.suggested else 0.0

    @property
    def precision(self) -> float:
        return self.nodes_right / self.nodes_suggested if self.nodes_suggested else 0.0

    @property
    def coverage(self) -> float:
        return self.suggested / self.records if self.records else 0.0


def evaluate(catalog: Catalog) -> list[DimensionScore]:
    """Leave each record out in turn (the TF-IDF is learned again without it), suggest its
    tags from the others, and count per dimension: how often the best node is one of its
    tags, and how many of all suggested nodes are."""
    papers = sorted(catalog.papers.values(), key=lambda p: p.id)
    dims = dimension_ids(catalog)
    scores = {d: DimensionScore(d) for d in dims}
    for paper in papers:
        others = [p for p in papers if p.id != paper.id]
        if not others:
            break
        model = Model(others, dims)
        suggestion = model.suggest(model.similarities([paper_text(paper)])[0])
        truth = paper.all_tags()
        for dim in dims:
            score = scores[dim]
            actual = set(truth.get(dim) or [])
            if actual:
                score.records += 1
            nodes = suggestion.tags.get(dim)
            if not nodes or not actual:
                continue
            score.suggested += 1
            score.top_right += nodes[0][0] in actual
            score.nodes_suggested += len(nodes)
            score.nodes_right += sum(n in actual for n, _ in nodes)
    return [scores[d] for d in dims]


# -- output --------------------------------------------------------------------------------------


def as_json(report: Report) -> dict[str, Any]:
    return {
        "candidates": [
            {
                "arxiv": f.candidate.arxiv,
                "title": f.candidate.title,
                "score": round(f.score, 2),
                "tags": {d: [n for n, _ in nodes] for d, nodes in f.suggestion.tags.items()},
                "nearest": [pid for pid, _ in f.suggestion.nearest],
            }
            for f in report.found
        ]
    }


def _md(text: str) -> str:
    """Record and feed text as Markdown text, never markup."""
    return re.sub(r"([\\`*_{}\[\]()<>#+!|~&])", r"\\\1", text)


def add_command(found: Found) -> str:
    tags = [f"--tag {d}={n}" for d, nodes in found.suggestion.tags.items() for n, _ in nodes]
    return " ".join(["litcat add", found.candidate.arxiv, *tags])


def as_markdown(report: Report, catalog: Catalog) -> str:
    lines = [f"# Candidates for the catalog ({len(report.found)})", ""]
    if report.held or report.declined:
        lines += [
            f"Left out: {len(report.held)} the catalog holds, "
            f"{len(report.declined)} declined before.",
            "",
        ]
    for found in report.found:
        c = found.candidate
        lines += [
            f"## {_md(c.title)}",
            "",
            f"- arXiv: [{c.arxiv}](https://arxiv.org/abs/{c.arxiv}) ({c.year})",
            f"- Score: {found.score:.2f}",
        ]
        if found.suggestion.tags:
            lines.append("- Suggested tags:")
            for dim, nodes in found.suggestion.tags.items():
                shown = ", ".join(f"`{n}` ({w:.2f})" for n, w in nodes)
                lines.append(f"    - {dim}: {shown}")
        if found.suggestion.nearest:
            lines.append("- Nearest papers in the catalog:")
            for pid, sim in found.suggestion.nearest:
                title = catalog.papers[pid].title if pid in catalog.papers else pid
                lines.append(f"    - `{pid}`: {_md(title)} (similarity {sim:.2f})")
        lines += ["", "```sh", add_command(found), "```", ""]
    return "\n".join(lines).rstrip() + "\n"
