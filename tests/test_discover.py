"""``litcat discover``: candidates from arXiv API answers (real recordings, and feeds generated
from records the test catalog leaves out), never a paper the catalog holds or declined."""

from __future__ import annotations

import builtins
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from litcat.core.loader import load_catalog
from litcat.intake import discover as finding
from litcat.intake import fetch

from .conftest import REPO, TESTS, Cli, finished, repo_catalog

pytestmark = pytest.mark.sklearn

# A real answer of the arXiv API (two physics papers), recorded by another project.
REAL = TESTS / "recorded" / "arxiv-api-1205.1001-1001.1001.xml"
# Records of the repository's catalog the test catalog leaves out: the papers to find again.
LEFT_OUT = [
    "ren2024diffusion",
    "chen2021learning",
    "du2023guiding",
    "ma2023eureka",
    "psenka2023learning",
    "zhang2025rewind",
]
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">\n'


def entry(arxiv: str, title: str, abstract: str, doi: str | None = None) -> str:
    extra = f"<arxiv:doi>{escape(doi)}</arxiv:doi>" if doi else ""
    return (
        f"<entry><id>http://arxiv.org/abs/{arxiv}v1</id>"
        "<published>2026-11-02T18:00:00Z</published>"
        f"<title>{escape(title)}</title><summary>{escape(abstract)}</summary>"
        f"<author><name>A. Author</name></author>{extra}</entry>\n"
    )


def real_entries() -> str:
    text = REAL.read_text(encoding="utf-8")
    return text[text.index("<entry>") : text.rindex("</entry>") + len("</entry>")] + "\n"


@pytest.fixture(name="repo_catalog")
def repo_catalog_fixture() -> Any:
    return repo_catalog()


@pytest.fixture
def root(tmp_path: Path, repo_catalog: Any) -> Path:
    """The repository's catalog without the records of LEFT_OUT."""
    root = tmp_path / "cat"
    (root / "papers").mkdir(parents=True)
    shutil.copy(REPO / "taxonomy.yaml", root / "taxonomy.yaml")
    for path in (REPO / "papers").glob("*.yaml"):
        if path.stem not in LEFT_OUT:
            shutil.copy(path, root / "papers" / path.name)
    return root


def feed(repo_catalog: Any, tmp_path: Path) -> Path:
    """Left-out records (title and summary as the abstract, fresh ids), held papers under
    another id or with their title re-cased, and the real off-topic answer."""
    parts = [HEAD]
    for n, pid in enumerate(LEFT_OUT):
        paper = repo_catalog.papers[pid]
        parts.append(entry(f"2611.{n + 10:05d}", paper.title, paper.summary or ""))
    held = repo_catalog.papers["ada2023diffusion"]
    parts.append(entry(held.arxiv, "Another title entirely", "Nothing alike."))
    chi = repo_catalog.papers["chi2023diffusion"]
    parts.append(entry("2611.09999", chi.title.upper() + " ", chi.summary or ""))
    parts.append(real_entries())
    parts.append("</feed>\n")
    path = tmp_path / "answer.xml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def run_json(cli: Cli, root: Path, answer: Path) -> dict[str, Any]:
    result = cli(root, "discover", "--from", str(answer), "--format", "json")
    code, output = finished(result)
    assert code == 0, output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_json_ranks_the_catalogs_kind_first_and_never_offers_a_held_paper(
    cli: Cli, root: Path, tmp_path: Path, repo_catalog: Any
) -> None:
    data = run_json(cli, root, feed(repo_catalog, tmp_path))
    assert list(data) == ["candidates"]
    candidates = data["candidates"]
    for c in candidates:
        assert list(c) == ["arxiv", "title", "score", "tags", "nearest"]
    offered = [c["arxiv"] for c in candidates]
    # Held by arXiv id (ada2023diffusion) and by a title that matches once normalised.
    assert repo_catalog.papers["ada2023diffusion"].arxiv not in offered
    assert "2611.09999" not in offered
    ours = {f"2611.{n + 10:05d}" for n in range(len(LEFT_OUT))}
    assert set(offered) == ours | {"1205.1001", "1001.1001"}
    # The six papers of the catalog's kind fill the top; the physics papers come last.
    assert set(offered[: len(ours)]) == ours
    scores = [c["score"] for c in candidates]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert max(scores[len(ours) :]) < min(scores[: len(ours)])
    dims = {d.id for d in repo_catalog.taxonomy.dimensions}
    for c in candidates[: len(ours)]:
        assert c["tags"] and set(c["tags"]) <= dims
        assert c["nearest"] and all(pid in repo_catalog.papers for pid in c["nearest"])


def test_suggested_tags_are_those_of_the_left_out_records(
    cli: Cli, root: Path, tmp_path: Path, repo_catalog: Any
) -> None:
    candidates = run_json(cli, root, feed(repo_catalog, tmp_path))["candidates"]
    by_id = {c["arxiv"]: c for c in candidates}
    hits = total = 0
    for n, pid in enumerate(LEFT_OUT):
        truth = repo_catalog.papers[pid].all_tags()
        for dim, nodes in by_id[f"2611.{n + 10:05d}"]["tags"].items():
            if truth.get(dim):
                total += 1
                hits += nodes[0] in truth[dim]
    assert total >= len(LEFT_OUT)
    assert hits / total >= 0.6, (hits, total)


def test_markdown_report_gives_the_add_command(
    cli: Cli, root: Path, tmp_path: Path, repo_catalog: Any
) -> None:
    answer = feed(repo_catalog, tmp_path)
    candidates = run_json(cli, root, answer)["candidates"]
    result = cli(root, "discover", "--from", str(answer), "--limit", "2")
    code, output = finished(result)
    assert code == 0, output
    best = candidates[0]
    command = "litcat add " + best["arxiv"]
    for dim, nodes in best["tags"].items():
        command += "".join(f" --tag {dim}={n}" for n in nodes)
    assert f"```sh\n{command}\n```" in result.stdout
    assert result.stdout.count("\n## ") == 2
    assert f"[{best['arxiv']}](https://arxiv.org/abs/{best['arxiv']})" in result.stdout
    assert f"`{best['nearest'][0]}`" in result.stdout
    assert "Left out: 2 the catalog holds, 0 declined before." in result.stdout


def test_markdown_keeps_feed_text_as_text(cli: Cli, root: Path, tmp_path: Path) -> None:
    answer = tmp_path / "a.xml"
    answer.write_text(
        HEAD
        + entry("2611.00001", "<b>Diffusion</b> [policy](javascript:x) *RL*", "RL.")
        + "</feed>",
        encoding="utf-8",
    )
    result = cli(root, "discover", "--from", str(answer))
    assert result.exit_code == 0, result.output
    assert "## \\<b\\>Diffusion\\</b\\> \\[policy\\]\\(javascript:x\\) \\*RL\\*" in result.stdout


def test_declined_papers_are_not_offered_again(
    cli: Cli, root: Path, tmp_path: Path, repo_catalog: Any
) -> None:
    answer = feed(repo_catalog, tmp_path)
    result = cli(root, "discover", "--decline", "arXiv:1205.1001v2", "--reason", "physics")
    assert result.exit_code == 0, result.output
    assert "declined 1 new" in result.output
    assert yaml.safe_load((root / "declined.yaml").read_text(encoding="utf-8")) == [
        {"arxiv": "1205.1001", "reason": "physics"}
    ]
    offered = [c["arxiv"] for c in run_json(cli, root, answer)["candidates"]]
    assert "1205.1001" not in offered and "1001.1001" in offered
    # A reason is required, and declining again adds nothing.
    assert cli(root, "discover", "--decline", "1001.1001").exit_code == 2
    again = cli(root, "discover", "--decline", "1205.1001", "--reason", "x")
    assert "declined 0 new" in again.output


def test_held_by_doi(root: Path, repo_catalog: Any) -> None:
    with_doi = next(p for p in repo_catalog.papers.values() if p.doi and p.id not in LEFT_OUT)
    candidate = finding.Candidate("2611.00002", "Unrelated words", "", [], 2026, with_doi.doi)
    report = finding.discover(load_catalog(root), [candidate], {})
    assert report.held == [(candidate, with_doi.id)] and not report.found


def test_queries_of_discover_yaml_are_paged_and_paused(cli: Cli, root: Path) -> None:
    (root / "discover.yaml").write_text(
        "categories: [cs.RO, cs.LG]\nphrases: [diffusion policy]\ndays: 7\nmax_results: 3\n",
        encoding="utf-8",
    )
    cli.today = dt.date(2026, 11, 9)
    query = finding.load_query(root)
    search = query.search(cli.today)
    assert search == (
        '(cat:cs.RO OR cat:cs.LG) AND (abs:"diffusion policy") AND '
        "submittedDate:[202611020000 TO 202611092359]"
    )
    real = REAL.read_bytes()  # two entries: a short first page ends the paging
    pages = [finding.search_url(search, 0, 3)]
    cli.transport.answers[("GET", pages[0])] = {"status": 200, "headers": {}, "text": real}
    result = cli(root, "discover", "--format", "json")
    assert result.exit_code == 0, result.output
    assert [u for _, u in cli.transport.requests] == pages
    assert {c["arxiv"] for c in json.loads(result.stdout)["candidates"]} == {
        "1205.1001",
        "1001.1001",
    }


def test_full_pages_ask_again_three_seconds_later(root: Path) -> None:
    asked: list[str] = []
    pauses: list[float] = []
    body = (
        HEAD + entry("2611.00003", "A", "a") + entry("2611.00004", "B", "b") + "</feed>"
    ).encode()

    def transport(request: Any, timeout: float) -> fetch.Response:
        asked.append(request.full_url)
        return fetch.Response(request.full_url, 200, {}, body)

    query = finding.Query(["cs.RO"], [], days=1, max_results=5)
    old = finding.PAGE_SIZE
    finding.PAGE_SIZE = 2
    try:
        found, count = finding.fetch_candidates(
            query, transport, pauses.append, dt.date(2026, 1, 2)
        )
    finally:
        finding.PAGE_SIZE = old
    assert count == 3 and len(asked) == 3
    assert pauses == [fetch.ARXIV_PAUSE, fetch.ARXIV_PAUSE] and fetch.ARXIV_PAUSE == 3.0
    assert [u.split("&")[1] for u in asked] == ["start=0", "start=2", "start=4"]
    assert "max_results=1" in asked[2]
    assert len(found) == 6


def test_without_discover_yaml_it_says_what_to_give(cli: Cli, root: Path) -> None:
    code, output = finished(cli(root, "discover"))
    assert code == 1
    assert "discover.yaml is missing" in output and "--from FILE" in output


def block_imports(monkeypatch: pytest.MonkeyPatch, *blocked: str) -> None:
    """Make importing the ``blocked`` packages (and their modules) fail, as where they are not
    installed; even where an earlier test imported them, the import statement still asks."""
    real_import = builtins.__import__

    def blocking(name: str, *args: Any, **kwargs: Any) -> Any:
        if any(name == b or name.startswith(b + ".") for b in blocked):
            raise ImportError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", blocking)


@pytest.mark.parametrize("blocked", ["sklearn", "rapidfuzz"])
def test_without_the_extra_it_says_what_to_install(
    cli: Cli, root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, blocked: str
) -> None:
    block_imports(monkeypatch, blocked)
    answer = tmp_path / "a.xml"
    answer.write_bytes(REAL.read_bytes())
    code, output = finished(cli(root, "discover", "--from", str(answer)))
    assert code == 1
    assert f"needs the discover extra ({blocked} is missing)" in output
    assert "pip install 'litcat[discover]'" in output


def test_evaluate_prints_precision_per_dimension(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "small"
    (root / "papers").mkdir(parents=True)
    shutil.copy(REPO / "taxonomy.yaml", root / "taxonomy.yaml")
    for path in sorted((REPO / "papers").glob("*.yaml"))[:60]:
        shutil.copy(path, root / "papers" / path.name)
    catalog = load_catalog(root)
    scores = finding.evaluate(catalog)
    assert catalog.taxonomy is not None
    assert [s.dimension for s in scores] == [d.id for d in catalog.taxonomy.dimensions]
    for s in scores:
        assert s.records == sum(1 for p in catalog.papers.values() if p.all_tags().get(s.dimension))
        assert 0 < s.suggested <= s.records
        assert 0 <= s.top_right <= s.suggested
    assert sum(s.top_right for s in scores) / sum(s.suggested for s in scores) > 0.5
    result = cli(root, "discover", "--evaluate")
    assert result.exit_code == 0, result.output
    rows = result.stdout.splitlines()
    assert rows[0].startswith("dimension\trecords")
    first = scores[0]
    assert rows[1].startswith(
        f"{first.dimension}\t{first.records}\t{first.suggested}\t{first.top_precision:.2f} "
    )


def bibtex_of(paper: Any) -> str:
    authors = " and ".join(paper.authors)
    fields = f"title = {{{paper.title}}}, author = {{{authors}}}, year = {{{paper.year}}}"
    return f"@misc{{x, {fields}}}\n"


def test_add_without_tags_prints_suggested_tags(cli: Cli, root: Path, repo_catalog: Any) -> None:
    paper = repo_catalog.papers["ren2024diffusion"]
    suggested = finding.suggest_for(load_catalog(root), f"{paper.title}. {paper.summary}")
    args = ["add", "--bibtex", "-", "--summary", paper.summary or ""]
    code, output = finished(cli(root, *args, input=bibtex_of(paper)))
    assert code == 0, output
    assert "suggested tags (from the nearest records, confidence in brackets):" in output
    options = next(line for line in output.splitlines() if line.startswith("  as options: "))
    flags = [f"--tag {d}={n}" for d, nodes in suggested.tags.items() for n, _ in nodes]
    assert options == "  as options: " + " ".join(flags)
    # The record's own tags are among the suggestions: it is a paper of the catalog's kind.
    truth = paper.all_tags()
    assert any(n in truth.get(d, []) for d, nodes in suggested.tags.items() for n, _ in nodes)


def test_add_with_tags_suggests_nothing(cli: Cli, root: Path, repo_catalog: Any) -> None:
    paper = repo_catalog.papers["ren2024diffusion"]
    tag = "--tag=policy-class=diffusion-policy"
    code, output = finished(cli(root, "add", "--bibtex", "-", tag, input=bibtex_of(paper)))
    assert code == 0, output
    assert "suggested tags" not in output and "litcat[discover]" not in output


def test_add_suggests_tags_without_the_extra_or_numeric_libraries(
    cli: Cli, root: Path, repo_catalog: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    block_imports(monkeypatch, "sklearn", "scipy", "numpy", "rapidfuzz")
    paper = repo_catalog.papers["ren2024diffusion"]
    code, output = finished(cli(root, "add", "--bibtex", "-", input=bibtex_of(paper)))
    assert code == 0, output
    assert "suggested tags (from the nearest records" in output
    assert "litcat[discover]" not in output


def test_a_suggestion_for_one_text_is_the_model_s(repo_catalog: Any) -> None:
    """``litcat add`` suggests in plain Python what the model discover and --evaluate use
    (scikit-learn's vectoriser) suggests: same nearest records, same nodes, same weights."""
    catalog = repo_catalog
    papers = sorted(catalog.papers.values(), key=lambda p: p.id)
    dims = finding.dimension_ids(catalog)
    texts = [f"{p.title}. {p.summary or ''}" for p in papers[::9]]
    texts += ["Diffusion models as policies for robot manipulation", "Quokka xylophone", ""]
    model = finding.Model(papers, dims)
    # Learned once for all texts; suggest_for learns the same for one.
    suggester = finding.Suggester(catalog)
    assert finding.suggest_for(catalog, texts[0]) == suggester.suggest(texts[0])
    for text, row in zip(texts, model.similarities(texts), strict=True):
        expected = model.suggest(row)
        found = suggester.suggest(text)
        assert [pid for pid, _ in found.nearest] == [pid for pid, _ in expected.nearest], text
        assert found.tags.keys() == expected.tags.keys(), text
        for dim, nodes in found.tags.items():
            assert [n for n, _ in nodes] == [n for n, _ in expected.tags[dim]], (text, dim)
            for (_, a), (_, b) in zip(nodes, expected.tags[dim], strict=True):
                assert abs(a - b) < 1e-9


def test_the_docs_example_is_what_the_command_prints(
    cli: Cli, tmp_path: Path, repo_catalog: Any
) -> None:
    """docs/keeping-current.md shows the report for DPPO with its record taken out."""
    root = tmp_path / "docs-example"
    (root / "papers").mkdir(parents=True)
    shutil.copy(REPO / "taxonomy.yaml", root / "taxonomy.yaml")
    for path in (REPO / "papers").glob("*.yaml"):
        if path.stem != "ren2024diffusion":
            shutil.copy(path, root / "papers" / path.name)
    dppo = repo_catalog.papers["ren2024diffusion"]
    answer = tmp_path / "dppo.xml"
    answer.write_text(
        HEAD.replace("2026-11-02", "2024-09-01")
        + entry(dppo.arxiv, dppo.title, dppo.summary or "").replace("2026-11-02", "2024-09-01")
        + "</feed>",
        encoding="utf-8",
    )
    result = cli(root, "discover", "--from", str(answer))
    assert result.exit_code == 0, result.output
    doc = (REPO / "docs" / "keeping-current.md").read_text(encoding="utf-8")
    shown = doc.split("````markdown\n", 1)[1].split("````", 1)[0]
    # Every line the page shows is printed, but for the figures and the nearest papers, which
    # move a little with each record the catalog gains: those are checked for their form.
    moving = ("- Score: ", "- `", "- ...")
    lines = [line for line in shown.splitlines() if not line.strip().startswith(moving)]
    printed = result.stdout.splitlines()
    assert lines and all(line in printed for line in lines), (shown, result.stdout)
    for line in shown.splitlines():
        if line.strip().startswith("- `"):
            assert line.split("`")[1] in repo_catalog.papers, line
    data = json.loads(cli(root, "discover", "--from", str(answer), "--format", "json").stdout)
    block = json.loads(doc.split("```json\n", 1)[1].split("```", 1)[0])
    assert block["candidates"][0]["tags"] == data["candidates"][0]["tags"]
    assert [list(c) for c in block["candidates"]] == [list(c) for c in data["candidates"]]
    assert all(pid in repo_catalog.papers for pid in block["candidates"][0]["nearest"])


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from([0.0, 0.0, 0.1, 0.2, 0.25, 0.5]), min_size=1, max_size=30),
    st.integers(1, 25),
)
def test_the_model_s_nearest_are_a_sort_s_with_ties_to_the_lower_index(
    values: list[float], k: int
) -> None:
    np = pytest.importorskip("numpy")
    expected = sorted(range(len(values)), key=lambda i: (-values[i], i))[:k]
    assert finding._top(np.array(values), k) == expected
