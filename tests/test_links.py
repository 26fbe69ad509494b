from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from litcat.core.loader import load_catalog
from litcat.intake import fetch
from litcat.intake.links import Finding, LinkReport, check_links, escape, report_markdown

from .conftest import Cli
from .recorded.replay import Replay

TESTS = Path(__file__).parent

# Real papers of the review. Two records hold a deliberate mistake for the check to find.
RECORDS = {
    "janson2015deterministic": """\
title: 'Deterministic Sampling-Based Motion Planning: Optimality, Complexity, and Performance'
authors:
  - Lucas Janson
  - Brian Ichter
  - Marco Pavone
year: 2015
arxiv: '1505.00023'
doi: 10.1177/0278364917714338
tags:
  method:
    - radar
added: 2024-06-01
""",
    "chi2023diffusion": """\
title: 'Diffusion Policy: Visuomotor Policy Learning via Action Diffusion'
authors:
  - Zhenjia Xu
  - Cheng Chi
year: 2023
arxiv: '2303.04137'
links:
  code: https://github.com/real-stanford/diffusion_policy
  project: https://diffusion-policy.cs.columbia.edu/
tags:
  method:
    - radar
added: 2024-06-01
""",
    "ma2024dreureka": """\
title: 'DrEureka: LLM Guided Transfer'
authors:
  - Yecheng Jason Ma
year: 2024
arxiv: '2406.01967'
links:
  project: https://eureka-research.github.io/dr-eureka/
sources:
  - https://eureka-research.github.io/gone/
tags:
  method:
    - radar
added: 2024-06-01
""",
    "kim2024stitching": """\
title: Stitching Sub-trajectories with Conditional Diffusion Model for Goal-Conditioned Offline RL
authors:
  - Sungyoon Kim
year: 2024
doi: 10.1609/aaai.v38i12.29215
links:
  video: https://unreachable.example/video
tags:
  method:
    - radar
added: 2024-06-01
""",
}


@pytest.fixture
def review(tmp_path: Path) -> Path:
    root = tmp_path / "review"
    (root / "papers").mkdir(parents=True)
    shutil.copy(TESTS / "catalog/taxonomy.yaml", root / "taxonomy.yaml")
    for pid, text in RECORDS.items():
        (root / "papers" / f"{pid}.yaml").write_text(text, encoding="utf-8")
    return root


def findings(report: LinkReport) -> set[tuple[str, str, str, str]]:
    return {(f.paper_id, f.what, f.target, f.message) for f in report.findings}


def test_check_links_on_recorded_answers(review: Path) -> None:
    catalog = load_catalog(review)
    assert len(catalog.papers) == 4, catalog.problems
    replay = Replay(unreachable={"unreachable.example"})
    pauses: list[float] = []
    report = check_links(catalog, replay, sleep=pauses.append)
    assert (report.urls, report.arxiv, report.dois) == (5, 3, 2)
    assert findings(report) == {
        ("ma2024dreureka", "link", "https://eureka-research.github.io/gone/", "HTTP 404"),
        (
            "kim2024stitching",
            "link",
            "https://unreachable.example/video",
            "could not reach unreachable.example: [Errno -3] Temporary failure in name resolution",
        ),
        (
            "chi2023diffusion",
            "arXiv id",
            "2303.04137",
            "first author differs: arXiv says 'Cheng Chi'",
        ),
        (
            "ma2024dreureka",
            "arXiv id",
            "2406.01967",
            "title differs: arXiv says 'DrEureka: Language Model Guided Sim-To-Real Transfer'",
        ),
    }
    # One pause before the second request to eureka-research.github.io; one batch for the
    # three arXiv ids, so no pause there; HEAD refused, then GET.
    assert pauses == [1.0]
    assert ("HEAD", "https://diffusion-policy.cs.columbia.edu/") in replay.requests
    assert ("GET", "https://diffusion-policy.cs.columbia.edu/") in replay.requests
    assert (
        replay.requests.count(
            (
                "GET",
                "https://export.arxiv.org/api/query?id_list=1505.00023,2303.04137,2406.01967&max_results=3",
            )
        )
        == 1
    )


def test_arxiv_batches_pause_between_requests(review: Path) -> None:
    pauses: list[float] = []
    report = check_links(load_catalog(review), Replay(), sleep=pauses.append, batch=2)
    assert pauses == [1.0, fetch.ARXIV_PAUSE]
    # The first batch was not recorded: its ids are reported as not checked, none is dropped;
    # the second (2406.01967 alone) was, and its title differs.
    messages = {f.target: f.message for f in report.findings if f.what == "arXiv id"}
    assert sorted(messages) == ["1505.00023", "2303.04137", "2406.01967"]
    assert messages["1505.00023"].startswith("not checked: could not reach export.arxiv.org")
    assert messages["2303.04137"].startswith("not checked: could not reach export.arxiv.org")
    assert messages["2406.01967"].startswith("title differs")


def test_unknown_ids_are_findings(review: Path) -> None:
    path = review / "papers/janson2015deterministic.yaml"
    path.write_text(path.read_text().replace("10.1177/0278364917714338", "10.1000/no-such-doi"))
    report = check_links(load_catalog(review), Replay(), sleep=lambda _: None)
    assert (
        "janson2015deterministic",
        "DOI",
        "10.1000/no-such-doi",
        "doi.org does not know the DOI 10.1000/no-such-doi",
    ) in findings(report)


def test_a_record_without_authors_compares_its_title_only(review: Path) -> None:
    path = review / "papers/chi2023diffusion.yaml"
    text = path.read_text().replace("  - Zhenjia Xu\n  - Cheng Chi\n", "")
    path.write_text(text.replace("authors:\n", "authors: []\nauthors_incomplete: true\n"))
    catalog = load_catalog(review)
    assert catalog.papers["chi2023diffusion"].authors == [], catalog.problems
    report = check_links(catalog, Replay(), sleep=lambda _: None)
    assert not [f for f in report.findings if f.paper_id == "chi2023diffusion" and f.what != "link"]


def test_report_is_escaped_markdown() -> None:
    report = LinkReport(
        1,
        0,
        0,
        [
            Finding(
                "x",
                "papers/x.yaml",
                "link",
                "https://a.b/|c",
                "title differs: arXiv says '<b>*x*</b>'",
            )
        ],
    )
    text = report_markdown(report)
    assert "| papers/x.yaml | link | https://a.b/\\|c |" in text
    assert "\\<b\\>\\*x\\*\\</b\\>" in text
    assert "<b>" not in text
    assert escape("a\nb") == "a b"


def test_report_without_findings() -> None:
    text = report_markdown(LinkReport(3, 2, 1, []))
    assert "Checked 3 links, 2 arXiv ids and 1 DOIs: 0 problems." in text
    assert "|" not in text


def test_check_links_command_writes_the_report(cli: Cli, review: Path, tmp_path: Path) -> None:
    cli.transport = Replay(unreachable={"unreachable.example"})
    target = tmp_path / "report.md"
    result = cli(review, "check-links", "--report", str(target))
    assert result.exit_code == 1, result.output
    assert target.read_text() == result.stdout
    assert "4 problems" in result.stdout


def test_check_links_command_clean(cli: Cli, review: Path) -> None:
    for pid in ("chi2023diffusion", "ma2024dreureka", "kim2024stitching"):
        (review / "papers" / f"{pid}.yaml").unlink()
    result = cli(review, "check-links")
    assert result.exit_code == 0, result.output
    assert "0 problems" in result.output


def test_check_links_command_offline(cli: Cli, review: Path) -> None:
    replay = Replay(
        unreachable={
            "export.arxiv.org",
            "doi.org",
            "github.com",
            "diffusion-policy.cs.columbia.edu",
            "eureka-research.github.io",
            "unreachable.example",
        }
    )
    cli.transport = replay
    result = cli(review, "check-links")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "could not reach export.arxiv.org" in result.output


def test_check_links_command_without_records(cli: Cli, catalog_dir: Path) -> None:
    for path in (catalog_dir / "papers").iterdir():
        path.unlink()
    result = cli(catalog_dir, "check-links")
    assert result.exit_code == 1, result.output
    assert "no valid records to check" in result.output
