"""``add --force`` refreshes the facts a source gives and keeps all the catalog's curation."""

from __future__ import annotations

from pathlib import Path

import pytest

from litcat.core.loader import load_catalog
from litcat.core.models import Paper
from litcat.intake.refresh import merge

from .conftest import Cli, finished

RECORD = "papers/berg2021flyways.yaml"
# The same paper (same arXiv id) as BibTeX knows it: a new title casing, a third author, the
# venue's year, and a url of its own.
ENTRY = (
    "@article{berg2021,\n  author = {Berg, Anna and Lind, Jonas and Durand, {\\'E}mile and "
    "Smith, Jr., John},\n  title = {Flyways Revisited: {GPS} Tracks of Arctic Geese, Again},\n"
    "  journal = {Journal of Avian Movement},\n  year = 2022,\n  origdate = 2021,\n"
    "  eprint = {2101.01234},\n  archiveprefix = {arXiv},\n"
    "  url = {https://example.org/publisher/flyways},\n}\n"
)
CURATED = (
    "short_name",
    "tags",
    "added_tags",
    "attributes",
    "summary",
    "notes",
    "curator_notes",
    "origin",
    "added",
    "doi",
)


def test_force_keeps_every_curated_field_and_lists_the_changes(cli: Cli, catalog_dir: Path) -> None:
    before = load_catalog(catalog_dir).papers["berg2021flyways"]
    code, output = finished(cli(catalog_dir, "add", "--force", "--bibtex", "-", input=ENTRY))
    assert code == 0, output
    after = load_catalog(catalog_dir).papers["berg2021flyways"]
    for name in CURATED:
        assert getattr(after, name) == getattr(before, name), name
    assert after.title == "Flyways Revisited: GPS Tracks of Arctic Geese, Again"
    assert after.authors == ["Anna Berg", "Jonas Lind", "Émile Durand", "John Smith, Jr."]
    assert after.sources == before.sources
    # The curated links stay; the record had no paper link, so the source's is taken.
    assert (after.links.code, after.links.project) == (before.links.code, before.links.project)
    assert after.links.paper == "https://example.org/publisher/flyways"
    lines = output.splitlines()
    assert f"{RECORD}: title: {before.title!r} -> {after.title!r}" in lines
    assert any(line.startswith(f"{RECORD}: authors: [") for line in lines)
    assert not any(": tags:" in line or ": summary:" in line for line in lines), output
    assert "no tags given" not in output
    assert f"refreshed {RECORD}" in lines


def test_force_takes_a_paper_link_only_where_there_is_none(cli: Cli, catalog_dir: Path) -> None:
    path = catalog_dir / RECORD
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "links:\n", "links:\n  paper: https://example.org/own-paper-page\n"
        ),
        encoding="utf-8",
    )
    code, output = finished(cli(catalog_dir, "add", "--force", "--bibtex", "-", input=ENTRY))
    assert code == 0, output
    paper = load_catalog(catalog_dir).papers["berg2021flyways"]
    assert paper.links.paper == "https://example.org/own-paper-page"
    assert paper.links.code == "https://example.org/berg/flyways"
    assert "links.paper kept (https://example.org/own-paper-page)" in output


def test_force_adds_the_sources_new_page() -> None:
    data = {"title": "T", "sources": ["https://example.org/flyways"]}
    facts = {"title": "T", "sources": ["https://arxiv.org/abs/2101.01234"]}
    merged, changes = merge(data, facts, {})
    assert merged["sources"] == [*data["sources"], *facts["sources"]]
    assert changes == [
        "sources: ['https://example.org/flyways'] -> "
        "['https://example.org/flyways', 'https://arxiv.org/abs/2101.01234']"
    ]


def test_force_with_nothing_new_writes_nothing(cli: Cli, catalog_dir: Path) -> None:
    finished(cli(catalog_dir, "add", "--force", "--bibtex", "-", input=ENTRY))
    text = (catalog_dir / RECORD).read_bytes()
    code, output = finished(cli(catalog_dir, "add", "--force", "--bibtex", "-", input=ENTRY))
    assert code == 0, output
    assert "already holds these facts; nothing written" in output
    assert (catalog_dir / RECORD).read_bytes() == text


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("year: 2021\n", "year: 2021  # from the PDF\n", 7),
        ("attributes:\n", "# measured by hand\nattributes:\n", 23),
        ("  - Jonas Lind\n", "  - Jonas Lind  # check the spelling\n", 5),
    ],
)
def test_force_refuses_to_drop_body_comments(
    cli: Cli, catalog_dir: Path, old: str, new: str, line: int
) -> None:
    path = catalog_dir / RECORD
    text = path.read_text(encoding="utf-8").replace(old, new)
    path.write_text(text, encoding="utf-8")
    code, output = finished(cli(catalog_dir, "add", "--force", "--bibtex", "-", input=ENTRY))
    assert code == 1, output
    assert f"{RECORD}:{line}:1: comments on line {line} would be lost" in output
    assert path.read_text(encoding="utf-8") == text


def test_force_keeps_the_header_comments(cli: Cli, catalog_dir: Path) -> None:
    path = catalog_dir / RECORD
    header = "# yaml-language-server: $schema=../schema.json\n# curated by hand\n"
    path.write_text(header + path.read_text(encoding="utf-8"), encoding="utf-8")
    code, output = finished(cli(catalog_dir, "add", "--force", "--bibtex", "-", input=ENTRY))
    assert code == 0, output
    assert path.read_text(encoding="utf-8").startswith(header + "title: ")


def test_force_with_tags_adds_them_beside_the_origin_s_filing(cli: Cli, catalog_dir: Path) -> None:
    """A record from a list keeps the list's own filing (tags); tags given now are the
    catalog's additions (added_tags), beside the ones it had."""
    before = load_catalog(catalog_dir).papers["berg2021flyways"]
    assert before.origin is not None
    args = ["add", "--force", "--bibtex", "-", "--tag", "taxon=waterbirds", "--tag", "taxon=geese"]
    code, output = finished(cli(catalog_dir, *args, input=ENTRY))
    assert code == 0, output
    after = load_catalog(catalog_dir).papers["berg2021flyways"]
    assert after.tags == before.tags
    assert after.added_tags == {**before.added_tags, "taxon": ["waterbirds"]}
    assert (after.links.code, after.attributes) == (before.links.code, before.attributes)
    assert f"{RECORD}: added_tags: " in output and f"{RECORD}: tags: " not in output


def test_force_with_tags_replaces_the_tags_of_the_catalog_s_own_record(
    cli: Cli, catalog_dir: Path
) -> None:
    _give_arxiv(catalog_dir, "lind2024lab", "2403.01234")
    before = load_catalog(catalog_dir).papers["lind2024lab"]
    assert before.origin is None
    entry = ENTRY.replace("2101.01234", "2403.01234")
    args = ["add", "--force", "--bibtex", "-", "--tag", "taxon=waterbirds"]
    code, output = finished(cli(catalog_dir, *args, input=entry))
    assert code == 0, output
    assert load_catalog(catalog_dir).papers["lind2024lab"].tags == {"taxon": ["waterbirds"]}


def test_force_with_code_ends_code_announced(cli: Cli, catalog_dir: Path) -> None:
    """The code announced is released: --code gives its link, and the record no longer says
    it is to come (both at once are refused by the record's checks)."""
    _give_arxiv(catalog_dir, "silva2022citizen", "2203.01234")
    before = load_catalog(catalog_dir).papers["silva2022citizen"]
    assert before.code_announced
    entry = _entry_for(before)
    args = ["add", "--force", "--bibtex", "-", "--code", "https://example.org/silva/code"]
    code, output = finished(cli(catalog_dir, *args, input=entry))
    assert code == 0, output
    after = load_catalog(catalog_dir).papers["silva2022citizen"]
    assert after.links.code == "https://example.org/silva/code" and not after.code_announced


def test_force_with_a_year_ends_not_found_year(cli: Cli, catalog_dir: Path) -> None:
    _give_arxiv(catalog_dir, "silva2022citizen", "2203.01234")
    path = catalog_dir / "papers" / "silva2022citizen.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("year: 2022\n", "").replace("not_found:\n", "not_found:\n  - year\n"),
        encoding="utf-8",
    )
    before = load_catalog(catalog_dir).papers["silva2022citizen"]
    assert before.year is None and "year" in before.not_found
    code, output = finished(
        cli(catalog_dir, "add", "--force", "--bibtex", "-", input=_entry_for(before))
    )
    assert code == 0, output
    after = load_catalog(catalog_dir).papers["silva2022citizen"]
    assert after.year == 2022 and "year" not in after.not_found
    assert [g for g in before.not_found if g != "year"] == after.not_found


def _give_arxiv(root: Path, pid: str, arxiv: str) -> None:
    """The test catalog's record with an arXiv id, so that a source can name it."""
    path = root / "papers" / f"{pid}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(n for n, line in enumerate(lines) if line.startswith(("year:", "links:")))
    lines.insert(at + (lines[at].startswith("year:")), f"arxiv: '{arxiv}'\n")
    path.write_text("".join(lines), encoding="utf-8")


def _entry_for(paper: Paper) -> str:
    return (
        f"@article{{x, title = {{{paper.title}}}, author = {{Rita Silva}}, year = 2022, "
        f"eprint = {{{paper.arxiv}}}, archiveprefix = {{arXiv}}}}\n"
    )


def test_force_with_curator_options_replaces_those_fields_and_says_so(
    cli: Cli, catalog_dir: Path
) -> None:
    before = load_catalog(catalog_dir).papers["berg2021flyways"]
    code, output = finished(
        cli(
            catalog_dir,
            *("add", "--force", "--bibtex", "-", "--summary", "A shorter summary."),
            *("--source", "https://example.org/flyways-page"),
            input=ENTRY,
        )
    )
    assert code == 0, output
    after = load_catalog(catalog_dir).papers["berg2021flyways"]
    assert after.summary == "A shorter summary."
    assert after.short_name == before.short_name
    assert after.sources[: len(before.sources)] == before.sources
    assert "https://example.org/flyways-page" in after.sources
    assert f"summary: {before.summary!r} -> 'A shorter summary.'" in output
