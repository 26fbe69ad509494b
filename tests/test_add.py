from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import Result

from litcat.core.loader import load_catalog
from litcat.formats.schema import schema_header
from litcat.intake import add as adding
from litcat.intake import fetch

from .conftest import TODAY, Cli, finished


def failed(result: Result) -> None:
    """A refused command: exit 1, a message, no traceback."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


# -- ids ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("authors", "year", "title", "expected"),
    [
        (["Yecheng Jason Ma"], 2024, "DrEureka: Language Model Guided", "ma2024dreureka"),
        (["Lucas Janson"], 2015, "Deterministic Sampling-Based Motion", "janson2015deterministic"),
        (["Émile Durand"], 2020, "The Role of Wind", "durand2020role"),
        (["Maria de la Cruz"], 2021, "On a Method", "cruz2021method"),
        (["The CMS Collaboration"], 2019, "Towards 3D Jets", "cms20193d"),
        ([], 2019, "A", "anon2019a"),
        (["Ning Gao"], 2025, "RF-Agent: Automated Reward Design", "gao2025rfagent"),
        (["Kang Chen"], 2025, "πRL: Online RL Fine-tuning", "chen2025pirl"),
        (["Physical Intelligence"], 2025, "π*0.6: a VLA That Learns", "intelligence2025pi"),
        (["Ada Case"], 2024, "2 Birds, 1 Stone", "case2024birds"),
    ],
)
def test_make_id(authors: list[str], year: int, title: str, expected: str) -> None:
    assert adding.make_id(authors, year, title) == expected


def test_unique_id_adds_a_suffix_on_collision() -> None:
    taken = {"ma2024dreureka", "ma2024dreureka-2"}
    assert adding.unique_id("ma2024dreureka", taken.__contains__) == "ma2024dreureka-3"
    assert adding.unique_id("new2024x", taken.__contains__) == "new2024x"


def test_parse_tags_groups_by_dimension_and_reports_malformed_options() -> None:
    tags, errors = adding.parse_tags(["method=radar", "taxon=geese", "method=gps-tags", "oops"])
    assert tags == {"method": ["radar", "gps-tags"], "taxon": ["geese"]}
    assert len(errors) == 1 and "'oops'" in errors[0]


def test_write_record_never_overwrites(catalog_dir: Path) -> None:
    catalog = load_catalog(catalog_dir)
    with pytest.raises(FileExistsError):
        adding.write_record(catalog, "berg2021flyways", "title: x\n")
    assert "Flyways Revisited" in (catalog_dir / "papers/berg2021flyways.yaml").read_text()


# -- from the arXiv ----------------------------------------------------------------------------


def test_add_arxiv_writes_a_valid_record(cli: Cli, catalog_dir: Path) -> None:
    result = cli(
        catalog_dir, "add", "arXiv:2406.01967v1", "--tag", "method=gps", "--tag", "taxon=geese"
    )
    assert result.exit_code == 0, result.output
    assert "wrote papers/ma2024dreureka.yaml" in result.output
    assert cli.transport.requests == [
        ("GET", "https://export.arxiv.org/api/query?id_list=2406.01967")
    ]
    text = (catalog_dir / "papers/ma2024dreureka.yaml").read_text()
    assert text == (
        "title: 'DrEureka: Language Model Guided Sim-To-Real Transfer'\n"
        "authors:\n"
        + "".join(
            f"  - {n}\n"
            for n in [
                "Yecheng Jason Ma",
                "William Liang",
                "Hung-Ju Wang",
                "Sam Wang",
                "Yuke Zhu",
                "Linxi Fan",
                "Osbert Bastani",
                "Dinesh Jayaraman",
            ]
        )
        + "year: 2024\narxiv: '2406.01967'\n"
        "tags:\n  method:\n    - gps-tags\n  taxon:\n    - geese\n"
        "sources:\n  - https://export.arxiv.org/api/query?id_list=2406.01967\n"
        f"added: {TODAY.isoformat()}\n"
    )
    catalog = load_catalog(catalog_dir)
    assert catalog.ok, catalog.problems
    assert "ma2024dreureka" in catalog.papers


def test_add_arxiv_takes_doi_and_journal_ref(cli: Cli, catalog_dir: Path) -> None:
    result = cli(catalog_dir, "add", "1505.00023")
    assert result.exit_code == 0, result.output
    assert "no tags given" in result.output
    paper = load_catalog(catalog_dir).papers["janson2015deterministic"]
    assert paper.title == (
        "Deterministic Sampling-Based Motion Planning: Optimality, Complexity, and Performance"
    )
    assert paper.doi == "10.1177/0278364917714338"
    assert paper.venue == "The International Journal of Robotics Research"
    assert paper.year == 2015


def test_add_writes_the_schema_line_from_site_url(cli: Cli, catalog_dir: Path) -> None:
    (catalog_dir / "mkdocs.yml").write_text(
        "site_name: Birds\nsite_url: https://example.org/birds/\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
    )
    result = cli(catalog_dir, "add", "2406.01967")
    assert result.exit_code == 0, result.output
    first = (catalog_dir / "papers/ma2024dreureka.yaml").read_text().splitlines()[0]
    assert first == "# yaml-language-server: $schema=https://example.org/birds/schema/record.json"
    fmt = cli(catalog_dir, "fmt", "--check")
    assert fmt.exit_code == 0, fmt.output


@pytest.mark.parametrize(
    ("line", "env", "expected"),
    [
        (
            "site_url: !ENV [LITCAT_SITE_URL, null]",
            "https://env.example/site/",
            "https://env.example/site",
        ),
        ("site_url: !ENV [LITCAT_SITE_URL, null]", None, None),
        ("site_url: !ENV [LITCAT_SITE_URL, 'https://d.example']", None, "https://d.example"),
        ("site_url: 'https://q.example/' # the site", None, "https://q.example"),
        ("site_url: javascript:alert(1)", None, None),
    ],
)
def test_schema_line_follows_mkdocs_site_url(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    line: str,
    env: str | None,
    expected: str | None,
) -> None:
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\n{line}\n")
    if env is None:
        monkeypatch.delenv("LITCAT_SITE_URL", raising=False)
    else:
        monkeypatch.setenv("LITCAT_SITE_URL", env)
    header = schema_header(tmp_path)
    if expected is None:
        assert header == ""
    else:
        assert header == f"# yaml-language-server: $schema={expected}/schema/record.json\n"


# -- from a DOI --------------------------------------------------------------------------------


def test_add_doi_from_crossref_bibtex(cli: Cli, catalog_dir: Path) -> None:
    result = cli(catalog_dir, "add", "https://doi.org/10.1609/AAAI.v38i12.29215")
    assert result.exit_code == 0, result.output
    assert cli.transport.requests == [("GET", "https://doi.org/10.1609/aaai.v38i12.29215")]
    paper = load_catalog(catalog_dir).papers["kim2024stitching"]
    assert paper.authors == ["Sungyoon Kim", "Yunseon Choi", "Daiki E. Matsunaga", "Kee-Eung Kim"]
    assert paper.venue == "Proceedings of the AAAI Conference on Artificial Intelligence"
    assert paper.doi == "10.1609/aaai.v38i12.29215"
    assert paper.links.paper is None  # the DOI gives the link
    assert paper.sources == ["https://doi.org/10.1609/aaai.v38i12.29215"]


def test_add_doi_from_datacite_finds_the_arxiv_id(cli: Cli, catalog_dir: Path) -> None:
    result = cli(catalog_dir, "add", "10.48550/arXiv.2402.08546")
    assert result.exit_code == 0, result.output
    paper = load_catalog(catalog_dir).papers["bhat2024grounding"]
    assert paper.arxiv == "2402.08546"
    assert paper.venue is None  # "publisher = {arXiv}" is not a venue
    assert paper.authors[1] == "Ali Umut Kaypak"


# -- from BibTeX -------------------------------------------------------------------------------

ENTRY = """@inproceedings{smith2023,
  author = {M{\\"u}ller, J{\\'e}r{\\^o}me and Smith, Ann and others},
  title = {{Night} Flights of {W}arblers over the {A}lps},
  booktitle = {Proceedings of the Bird Meeting},
  year = 2023,
  eprint = {2305.00001}, archivePrefix = {arXiv},
}
"""
# Another paper (no arXiv id, no DOI) under the title of berg2021flyways, in other casing.
TITLE_TWIN = (
    "@article{x, author = {Berg, Anna}, "
    "title = {Flyways revisited: GPS tracks of arctic geese}, year = 2021}"
)


def test_add_bibtex_from_stdin(cli: Cli, catalog_dir: Path) -> None:
    result = cli(catalog_dir, "add", "--bibtex", "-", "--tag", "taxon=songbirds", input=ENTRY)
    assert result.exit_code == 0, result.output
    paper = load_catalog(catalog_dir).papers["muller2023night"]
    assert paper.authors == ["Jérôme Müller", "Ann Smith"]
    assert paper.authors_incomplete is True
    assert paper.title == "Night Flights of Warblers over the Alps"
    assert paper.venue == "Proceedings of the Bird Meeting"
    assert paper.arxiv == "2305.00001"
    assert paper.sources == []


def test_add_bibtex_file(cli: Cli, catalog_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "one.bib"
    source.write_text(ENTRY)
    result = cli(catalog_dir, "add", "--bibtex", str(source))
    assert result.exit_code == 0, result.output
    assert (catalog_dir / "papers/muller2023night.yaml").is_file()


def test_add_takes_what_only_a_curator_knows(cli: Cli, catalog_dir: Path) -> None:
    result = cli(
        catalog_dir,
        *("add", "--bibtex", "-", "--tag", "taxon=songbirds"),
        *("--short-name", "NightFlight", "--summary", "Counts warblers crossing the Alps."),
        *("--code", "https://github.com/example/nightflight"),
        *("--project", "https://example.org/nightflight"),
        *("--source", "https://arxiv.org/abs/2305.00001"),
        *("--source", "https://example.org/nightflight"),
        input=ENTRY,
    )
    code, output = finished(result)
    assert code == 0, output
    catalog = load_catalog(catalog_dir)
    assert catalog.ok and not catalog.problems, catalog.problems
    paper = catalog.papers["muller2023night"]
    assert paper.short_name == "NightFlight"
    assert paper.summary == "Counts warblers crossing the Alps."
    assert paper.links.code == "https://github.com/example/nightflight"
    assert paper.links.project == "https://example.org/nightflight"
    assert paper.sources == ["https://arxiv.org/abs/2305.00001", "https://example.org/nightflight"]


def test_a_bad_option_value_is_located_in_the_record_and_nothing_written(
    cli: Cli, catalog_dir: Path
) -> None:
    result = cli(
        catalog_dir,
        *("add", "--bibtex", "-", "--code", "javascript:alert(1)"),
        *("--source", "ftp://example.org/x"),
        input=ENTRY,
    )
    failed(result)
    assert "papers/muller2023night.yaml:" in result.output
    assert "links.code" in result.output and "sources" in result.output
    assert not (catalog_dir / "papers/muller2023night.yaml").exists()


# -- failure paths -----------------------------------------------------------------------------


def test_offline_says_so(cli: Cli, catalog_dir: Path) -> None:
    cli.transport.unreachable.add("export.arxiv.org")
    result = cli(catalog_dir, "add", "2406.01967")
    failed(result)
    assert "could not reach export.arxiv.org: " in result.output
    assert not (catalog_dir / "papers/ma2024dreureka.yaml").exists()


def test_offline_doi_says_so(cli: Cli, catalog_dir: Path) -> None:
    cli.transport.unreachable.add("doi.org")
    result = cli(catalog_dir, "add", "10.1609/aaai.v38i12.29215")
    failed(result)
    assert "could not reach doi.org: " in result.output


def test_unknown_arxiv_id(cli: Cli, catalog_dir: Path) -> None:
    result = cli(catalog_dir, "add", "2406.99999")
    failed(result)
    assert "export.arxiv.org has no paper 2406.99999" in result.output


def test_unknown_doi(cli: Cli, catalog_dir: Path) -> None:
    result = cli(catalog_dir, "add", "10.1000/no-such-doi")
    failed(result)
    assert "doi.org does not know the DOI 10.1000/no-such-doi" in result.output


def test_neither_arxiv_id_nor_doi(cli: Cli, catalog_dir: Path) -> None:
    result = cli(catalog_dir, "add", "not-an-id")
    assert result.exit_code == 2, result.output
    assert "neither an arXiv id" in result.output
    assert cli.transport.requests == []


@pytest.mark.parametrize("args", [[], ["2406.01967", "--bibtex", "-"]])
def test_one_source_exactly(cli: Cli, catalog_dir: Path, args: list[str]) -> None:
    result = cli(catalog_dir, "add", *args, input=ENTRY)
    assert result.exit_code == 2, result.output
    assert "one of them" in result.output


def test_malformed_tag_option(cli: Cli, catalog_dir: Path) -> None:
    result = cli(catalog_dir, "add", "--bibtex", "-", "--tag", "songbirds", input=ENTRY)
    assert result.exit_code == 2, result.output
    assert "write DIMENSION=VALUE" in result.output


def test_unknown_tag_is_located_and_nothing_written(cli: Cli, catalog_dir: Path) -> None:
    result = cli(catalog_dir, "add", "--bibtex", "-", "--tag", "method=radr", input=ENTRY)
    failed(result)
    assert (
        "papers/muller2023night.yaml:12:7: tags.method.0: unknown Method value 'radr' "
        "(did you mean 'radar'?)"
    ) in result.output
    assert "not written" in result.output
    assert not (catalog_dir / "papers/muller2023night.yaml").exists()


@pytest.mark.parametrize(
    ("entry", "by"),
    [
        (ENTRY.replace("2305.00001", "2101.01234"), "arXiv id"),
        (ENTRY.replace("year = 2023,", "year = 2023, doi = {10.5555/JAM.2021.17},"), "DOI"),
        (TITLE_TWIN, "title"),
    ],
)
def test_refuses_a_paper_the_catalog_holds(
    cli: Cli, catalog_dir: Path, entry: str, by: str
) -> None:
    result = cli(catalog_dir, "add", "--bibtex", "-", input=entry)
    failed(result)
    assert f"papers/berg2021flyways.yaml has the same {by}" in result.output
    assert len(list((catalog_dir / "papers").iterdir())) == 5


def test_force_adds_a_paper_whose_title_matches(cli: Cli, catalog_dir: Path) -> None:
    result = cli(catalog_dir, "add", "--force", "--bibtex", "-", input=TITLE_TWIN)
    assert result.exit_code == 0, result.output
    assert "wrote papers/berg2021flyways-2.yaml" in result.output


def test_force_refreshes_facts_and_keeps_curation(cli: Cli, catalog_dir: Path) -> None:
    entry = TITLE_TWIN.replace("Berg, Anna", "Berg, Anna and Lind, Jonas").replace(
        "year = 2021", "year = 2022, eprint = {2101.01234}"
    )
    result = cli(catalog_dir, "add", "--force", "--bibtex", "-", input=entry)
    assert result.exit_code == 0, result.output
    assert "refreshed papers/berg2021flyways.yaml" in result.output
    paper = load_catalog(catalog_dir).papers["berg2021flyways"]
    assert paper.authors == ["Anna Berg", "Jonas Lind"]
    assert paper.year == 2022
    assert paper.tags["taxon"] == ["geese"]
    assert paper.attributes["sample_size"] == 48
    assert paper.summary is not None


def test_refuses_to_overwrite_a_file_that_appears(
    cli: Cli, catalog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (catalog_dir / "papers/muller2023night.yaml").write_text("title: [broken\n")
    monkeypatch.setattr(adding.Index, "taken", lambda self, pid: False)
    result = cli(catalog_dir, "add", "--bibtex", "-", input=ENTRY)
    failed(result)
    assert "papers/muller2023night.yaml exists; not overwritten" in result.output
    assert (catalog_dir / "papers/muller2023night.yaml").read_text() == "title: [broken\n"


def test_a_broken_record_with_the_same_id_gets_a_suffix(cli: Cli, catalog_dir: Path) -> None:
    (catalog_dir / "papers/muller2023night.yaml").write_text("title: [broken\n")
    result = cli(catalog_dir, "add", "--bibtex", "-", input=ENTRY)
    assert result.exit_code == 0, result.output
    assert "wrote papers/muller2023night-2.yaml" in result.output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (ENTRY + ENTRY.replace("smith2023", "other"), "holds 2 entries"),
        ("@article{x, title = {Alone}}", "has no author, year"),
        ("@article{x, title = {Open", "cannot parse"),
    ],
)
def test_bibtex_that_is_not_one_whole_entry(
    cli: Cli, catalog_dir: Path, text: str, message: str
) -> None:
    result = cli(catalog_dir, "add", "--bibtex", "-", input=text)
    failed(result)
    assert message in result.output


def test_broken_taxonomy(cli: Cli, catalog_dir: Path) -> None:
    (catalog_dir / "taxonomy.yaml").write_text("dimensions: []\n")
    result = cli(catalog_dir, "add", "--bibtex", "-", input=ENTRY)
    failed(result)
    assert "taxonomy.yaml did not load" in result.output


# -- the arXiv feed ----------------------------------------------------------------------------

RECORDED = Path(__file__).parent / "recorded"


def test_arxiv_error_entry_is_a_fetch_error() -> None:
    with pytest.raises(fetch.FetchError, match=r"incorrect id format for 2406\.1967"):
        fetch.parse_arxiv_feed((RECORDED / "arxiv-error.xml").read_bytes())


def test_arxiv_feed_that_is_not_xml() -> None:
    with pytest.raises(fetch.FetchError, match="not Atom XML"):
        fetch.parse_arxiv_feed(b"<html>Service Unavailable")


def test_arxiv_http_error_status() -> None:
    def busy(request: object, timeout: float) -> fetch.Response:
        return fetch.Response("https://export.arxiv.org/api/query", 503)

    with pytest.raises(fetch.FetchError, match="answered HTTP 503"):
        fetch.fetch_arxiv(["2406.01967"], busy)


def test_arxiv_titles_lose_their_line_breaks() -> None:
    found = fetch.parse_arxiv_feed((RECORDED / "arxiv-batch.xml").read_bytes())
    assert sorted(found) == ["1505.00023", "2303.04137", "2406.01967"]
    assert found["1505.00023"].title.endswith("Optimality, Complexity, and Performance")
    assert found["2303.04137"].year == 2023


def test_arxiv_titles_have_their_math_read_as_text() -> None:
    """The API gives a title as typed: its $...$ parts are LaTeX, the rest plain text."""
    recorded = (RECORDED / "arxiv-2406.01967.xml").read_text(encoding="utf-8")
    typed = r"$\pi_\texttt{RL}$: Sim-To-Real at ~50% of the Cost &amp; $n^2$ Less"
    body = recorded.replace("DrEureka: Language Model Guided Sim-To-Real Transfer", typed)
    assert body != recorded
    found = fetch.parse_arxiv_feed(body.encode("utf-8"))
    assert found["2406.01967"].title == "πRL: Sim-To-Real at ~50% of the Cost & n² Less"
