"""``litcat enrich``: facts records lack, from recorded answers of the arXiv API and doi.org;
nothing a record has is changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from litcat.core.loader import load_catalog
from litcat.intake import fetch

from .conftest import TESTS, Cli, finished

PHYSICS = TESTS / "lists" / "physics.md"


@pytest.fixture
def physics(cli: Cli, tmp_path: Path) -> Path:
    """A catalog made from a list that gives titles and ids only."""
    root = tmp_path / "physics"
    assert cli(None, "init", str(root), "--from-markdown", str(PHYSICS)).exit_code == 0
    return root


def test_enrich_adds_what_the_arxiv_and_doi_org_give(cli: Cli, physics: Path) -> None:
    result = cli(physics, "enrich")
    code, output = finished(result)
    # doi.org answers 404 for one DOI (a recording of habanero's): an error, the rest is done.
    assert code == 1, output
    assert "papers/paperdoi.yaml:1:1: not enriched: doi.org does not know the DOI 10.1126/foo" in (
        output
    )
    catalog = load_catalog(physics)
    assert catalog.ok and not catalog.problems, catalog.problems
    membrane = catalog.papers["membrane2012lateral"]
    assert membrane.authors == ["Timo Fischer", "H. Jelger Risselada", "Richard L. C. Vink"]
    assert not membrane.authors_incomplete
    assert membrane.sources == ["https://arxiv.org/abs/1205.1001"]
    assert catalog.papers["chromosphere2010gateway"].authors == ["Philip G. Judge"]
    water = catalog.papers["structureordinary"]
    # Crossref's BibTeX, reached through doi.org's redirect (a real recording).
    assert (water.authors, water.year, water.venue, water.venue_year) == (
        ["Henry S. Frank"],
        1970,
        "Science",
        1970,
    )
    assert water.not_found == []
    # The record's title stays; the report says what doi.org gives.
    assert water.title == "The Structure of Ordinary Water"
    assert "warning: kept title 'The Structure of Ordinary Water'; doi.org gives" in output
    assert (
        "papers/membrane2012lateral.yaml: added authors (from https://arxiv.org/abs/1205.1001)"
        in (output)
    )
    assert cli.transport.requests[0] == (
        "GET",
        "https://export.arxiv.org/api/query?id_list=1001.1001,1205.1001&max_results=2",
    )
    assert (
        "GET",
        "https://api.crossref.org/v1/works/10.1126%2Fscience.169.3946.635/transform",
    ) in (cli.transport.requests)
    assert cli.pauses == [1.0, 1.0]


def test_a_second_run_finds_nothing_new(cli: Cli, physics: Path) -> None:
    cli(physics, "enrich")
    before = {p.name: p.read_bytes() for p in (physics / "papers").iterdir()}
    result = cli(physics, "enrich", "membrane2012lateral", "structureordinary")
    assert result.exit_code == 0, result.output
    assert "0 records completed" in result.output
    assert {p.name: p.read_bytes() for p in (physics / "papers").iterdir()} == before


def test_dry_run_writes_nothing(cli: Cli, physics: Path) -> None:
    before = {p.name: p.read_bytes() for p in (physics / "papers").iterdir()}
    result = cli(physics, "enrich", "--dry-run", "membrane2012lateral")
    assert result.exit_code == 0, result.output
    assert "papers/membrane2012lateral.yaml: would add authors" in result.output
    assert {p.name: p.read_bytes() for p in (physics / "papers").iterdir()} == before


def test_enrich_never_changes_a_fact(cli: Cli, catalog_dir: Path) -> None:
    # DrEureka as a record with a venue of its own and the title in other words.
    path = catalog_dir / "papers" / "ma2024dreureka.yaml"
    path.write_text(
        "title: DrEureka (language models guide sim-to-real)\nauthors: []\n"
        "authors_incomplete: true\nyear: 2024\nvenue: RSS 2024\narxiv: '2406.01967'\n"
        "added: 2024-07-01\n",
        encoding="utf-8",
    )
    code, output = finished(cli(catalog_dir, "enrich", "ma2024dreureka"))
    assert code == 0, output
    record = path.read_text(encoding="utf-8")
    assert "title: DrEureka (language models guide sim-to-real)\n" in record
    assert "venue: RSS 2024\n" in record
    assert "  - Yecheng Jason Ma\n" in record and "authors_incomplete" not in record
    assert "kept title 'DrEureka (language models guide sim-to-real)'; the arXiv gives" in output


def test_an_id_another_record_holds_is_reported_not_added(cli: Cli, catalog_dir: Path) -> None:
    papers = catalog_dir / "papers"
    (papers / "deterministic.yaml").write_text(
        "title: Deterministic sampling-based motion planning\nauthors: []\n"
        "authors_incomplete: true\ndoi: 10.1177/0278364917714338\nnot_found:\n  - year\n"
        "added: 2024-07-01\n",
        encoding="utf-8",
    )
    (papers / "janson2015deterministic.yaml").write_text(
        "title: Deterministic Sampling-Based Motion Planning\nauthors: []\n"
        "authors_incomplete: true\nyear: 2015\narxiv: '1505.00023'\nadded: 2024-07-01\n",
        encoding="utf-8",
    )
    result = cli(catalog_dir, "enrich", "janson2015deterministic")
    code, output = finished(result)
    assert code == 0, output
    assert (
        "papers/janson2015deterministic.yaml:1:1: warning: the arXiv gives the DOI "
        "10.1177/0278364917714338, which papers/deterministic.yaml holds: the same paper?"
    ) in output
    record = (papers / "janson2015deterministic.yaml").read_text(encoding="utf-8")
    assert "doi:" not in record and "  - Lucas Janson\n" in record


def test_ids_go_to_the_arxiv_50_a_request_3_seconds_apart(cli: Cli, catalog_dir: Path) -> None:
    for n in range(51):
        (catalog_dir / "papers" / f"p{n:02d}.yaml").write_text(
            f"title: Paper {n}\nauthors: []\nauthors_incomplete: true\nyear: 2021\n"
            f"arxiv: '2101.{n + 10000:05d}'\nadded: 2024-07-01\n",
            encoding="utf-8",
        )
    cli.transport.unreachable.add("export.arxiv.org")
    result = cli(catalog_dir, "enrich", *(f"p{n:02d}" for n in range(51)))
    code, output = finished(result)
    assert code == 1
    arxiv = [url for _, url in cli.transport.requests if "export.arxiv.org" in url]
    assert [url.split("id_list=")[1].count(",") + 1 for url in arxiv] == [50, 1]
    assert cli.pauses == [fetch.ARXIV_PAUSE]
    # One line per failed request, not one per record.
    assert output.count("not enriched") == 2
    assert "nor the 49 other records asked with it" in output


def test_enrich_refuses_a_catalog_with_errors(cli: Cli, catalog_dir: Path) -> None:
    (catalog_dir / "papers" / "bad.yaml").write_text("title: [\n", encoding="utf-8")
    code, output = finished(cli(catalog_dir, "enrich"))
    assert code == 1
    assert "fix them first" in output
    assert cli.transport.requests == []


def test_enrich_names_unknown_records(cli: Cli, catalog_dir: Path) -> None:
    code, output = finished(cli(catalog_dir, "enrich", "nobody"))
    assert code == 2
    assert "no record nobody" in output


def test_enrich_from_a_saved_answer_takes_venue_and_doi_and_asks_no_server(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    papers = catalog_dir / "papers"
    published = papers / "janson2015deterministic.yaml"
    published.write_text(
        "title: Deterministic Sampling-Based Motion Planning\nauthors:\n  - Lucas Janson\n"
        "authors_incomplete: true\nyear: 2015\narxiv: '1505.00023'\nadded: 2024-07-01\n",
        encoding="utf-8",
    )
    # A venue of its own: kept, and the arXiv's is reported.
    other = papers / "ma2024dreureka.yaml"
    other.write_text(
        "title: 'DrEureka: Language Model Guided Sim-To-Real Transfer'\nauthors: []\n"
        "authors_incomplete: true\nyear: 2024\nvenue: RSS 2024\narxiv: '2406.01967'\n"
        "added: 2024-07-01\n",
        encoding="utf-8",
    )
    answer = tmp_path / "answer.xml"
    answer.write_bytes((TESTS / "recorded" / "arxiv-1505.00023.xml").read_bytes())
    before_other = other.read_bytes()
    code, output = finished(cli(catalog_dir, "enrich", "--from", str(answer)))
    assert code == 0, output
    assert cli.transport.requests == []
    record = published.read_text(encoding="utf-8")
    assert "venue: The International Journal of Robotics Research\n" in record
    assert "doi: 10.1177/0278364917714338\n" in record
    assert "  - https://arxiv.org/abs/1505.00023\n" in record
    assert "title: Deterministic Sampling-Based Motion Planning\n" in record
    # Not in the answer: untouched.
    assert other.read_bytes() == before_other
    assert load_catalog(catalog_dir).ok


def test_enrich_from_reports_a_venue_that_disagrees(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    path = catalog_dir / "papers" / "janson2015deterministic.yaml"
    path.write_text(
        "title: Deterministic Sampling-Based Motion Planning\nauthors: []\n"
        "authors_incomplete: true\nyear: 2015\nvenue: ICRA\narxiv: '1505.00023'\n"
        "added: 2024-07-01\n",
        encoding="utf-8",
    )
    answer = tmp_path / "answer.xml"
    answer.write_bytes((TESTS / "recorded" / "arxiv-1505.00023.xml").read_bytes())
    code, output = finished(cli(catalog_dir, "enrich", "--from", str(answer)))
    assert code == 0, output
    record = path.read_text(encoding="utf-8")
    assert "venue: ICRA\n" in record and "doi: 10.1177/0278364917714338\n" in record
    assert "kept venue 'ICRA'; the arXiv gives 'The International Journal of Robotics" in output


def test_a_save_made_during_the_pauses_is_kept(cli: Cli, physics: Path) -> None:
    """enrich pauses between requests (minutes, on a large catalog): a curator's save made
    meanwhile is read again before the record is written, not written over."""
    from litcat.intake.enrich import enrich

    record = physics / "papers" / "structureordinary.yaml"
    saved: list[str] = []

    def curator_saves(seconds: float) -> None:
        if not saved:
            text = record.read_text(encoding="utf-8").replace(
                "added:", "summary: Written by a curator while enrich waited.\nadded:"
            )
            record.write_text(text, encoding="utf-8")
            saved.append(text)

    catalog = load_catalog(physics)
    assert catalog.papers["structureordinary"].summary is None
    report = enrich(catalog, cli.transport, curator_saves)
    assert saved and any(c.file.endswith("structureordinary.yaml") for c in report.changes)
    water = load_catalog(physics).papers["structureordinary"]
    assert water.summary == "Written by a curator while enrich waited."
    assert water.authors == ["Henry S. Frank"]


def test_a_record_broken_meanwhile_is_left_alone(cli: Cli, physics: Path) -> None:
    from litcat.intake.enrich import enrich

    record = physics / "papers" / "structureordinary.yaml"

    def curator_breaks(seconds: float) -> None:
        record.write_text("title: [unclosed\n", encoding="utf-8")

    report = enrich(load_catalog(physics), cli.transport, curator_breaks)
    assert record.read_text(encoding="utf-8") == "title: [unclosed\n"
    assert any("no longer validates; left alone" in p.message for p in report.problems)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("@article{x, author = {Müller, Zoë}, title = {T}}".encode("latin-1"), ""),
        (
            "@article{x, author = {Müller, Zoë}, title = {T}}".encode("latin-1"),
            "application/x-bibtex; charset=ISO-8859-1",
        ),
        ("@article{x, author = {Müller, Zoë}, title = {T}}".encode(), "application/x-bibtex"),
    ],
)
def test_doi_bibtex_in_latin1_keeps_its_letters(body: bytes, content_type: str) -> None:
    """An agency that sends Latin-1 BibTeX (with or without saying so) gives names, not
    U+FFFD."""

    def transport(request: object, timeout: float) -> fetch.Response:
        return fetch.Response("https://doi.org/10.1/x", 200, {"content-type": content_type}, body)

    text = fetch.fetch_doi_bibtex("10.1/x", transport)
    assert "Müller, Zoë" in text and "\ufffd" not in text
