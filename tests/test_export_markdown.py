"""``litcat export --format markdown``: the catalog as an awesome-list, which reads back the
same (init from a list, export, init from the export, export: the same text), and ``--check``
for CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from litcat.core.catalog import Catalog
from litcat.core.loader import load_catalog
from litcat.formats import markdown
from litcat.intake.listfacts import Listed
from litcat.intake.listread import read_list

from .conftest import CATALOG, TESTS, Cli, finished

LISTS = TESTS / "lists"


def exported(cli: Cli, root: Path) -> str:
    result = cli(root, "export", "--format", "markdown")
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("name", ["review-list.md", "birds.md"])
def test_init_then_export_is_stable(cli: Cli, tmp_path: Path, name: str) -> None:
    assert (
        cli(None, "init", str(tmp_path / "a"), "--from-markdown", str(LISTS / name)).exit_code == 0
    )
    first = exported(cli, tmp_path / "a")
    (tmp_path / "a.md").write_text(first, encoding="utf-8")
    again = cli(None, "init", str(tmp_path / "b"), "--from-markdown", str(tmp_path / "a.md"))
    assert again.exit_code == 0, again.output
    assert exported(cli, tmp_path / "b") == first
    # And the facts came back whole: the same records, whatever their files are called.
    assert facts_of(load_catalog(tmp_path / "a")) == facts_of(load_catalog(tmp_path / "b"))


def facts_of(catalog: Catalog) -> list[tuple[str, ...]]:
    """Every record's facts, links and tags, whatever its file is called."""
    names = ("title", "short_name", "authors", "year", "venue", "venue_year", "arxiv", "doi")
    return sorted(
        (*(str(getattr(p, n)) for n in names), str(p.links), str(sorted(p.tags.values())))
        for p in catalog.papers.values()
    )


def test_a_bullet_says_every_fact_and_link(cli: Cli) -> None:
    text = exported(cli, CATALOG)
    flytrack = next(line for line in text.split("\n- ") if "FlyTrack" in line)
    assert flytrack.startswith(
        "**FlyTrack**: [Flyways Revisited: GPS Tracks of Arctic Geese]"
        "(https://arxiv.org/abs/2101.01234) (2021) · [DOI](https://doi.org/10.5555/jam.2021.17)"
        " · [Code](https://example.org/berg/flyways) · [Project](https://example.org/flyways)\\\n"
        "  Authors: Anna Berg, Jonas Lind, Émile Durand\\\n"
        "  Venue: Journal of Avian Movement, 2022"
    )
    found = read_list("- " + flytrack, "x.md").papers[0].first
    assert isinstance(found, Listed)
    assert (found.short_name, found.venue, found.venue_year, found.authors[2]) == (
        "FlyTrack",
        "Journal of Avian Movement",
        2022,
        "Émile Durand",
    )
    # A section per node with papers, under a section per dimension; each paper under each
    # node it is tagged with.
    assert "## Method\n\n### Tracking\n\n" in text and "##### " not in text
    assert text.count("Flyways Revisited") == 3


def test_markdown_in_text_is_escaped() -> None:
    assert markdown.text("a*b*_c_ [d](e) <x>") == r"a\*b\*\_c\_ \[d\](e) \<x\>"
    assert markdown.link("x", "https://e.org/a_(b)") == "[x](<https://e.org/a_(b)>)"


README = """\
# Our papers

Some words of our own.

<!-- litcat:start -->
old list
<!-- litcat:end -->

More words.
"""


def test_check_and_write_the_list_between_markers(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(README, encoding="utf-8")
    code, output = finished(
        cli(catalog_dir, "export", "--format", "markdown", "--check", str(readme))
    )
    assert code == 1
    assert f"{readme} is out of date; run litcat export --format markdown -o {readme}" in output
    assert "-old list" in output
    assert readme.read_text(encoding="utf-8") == README
    assert cli(catalog_dir, "export", "--format", "markdown", "-o", str(readme)).exit_code == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith("# Our papers\n\nSome words of our own.\n\n<!-- litcat:start -->\n\n")
    assert text.endswith("\n\n<!-- litcat:end -->\n\nMore words.\n")
    assert "old list" not in text and "Flyways Revisited" in text
    code, output = finished(
        cli(catalog_dir, "export", "--format", "markdown", "--check", str(readme))
    )
    assert code == 0, output
    assert "is up to date" in output


def test_check_works_for_every_format(cli: Cli, catalog_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "catalog.bib"
    assert cli(catalog_dir, "export", "--format", "bibtex", "-o", str(out)).exit_code == 0
    assert cli(catalog_dir, "export", "--format", "bibtex", "--check", str(out)).exit_code == 0
    out.write_text(out.read_text() + "% mine\n")
    assert cli(catalog_dir, "export", "--format", "bibtex", "--check", str(out)).exit_code == 1
