"""``litcat export --format markdown``: the catalog as an awesome-list, which reads back the
same (init from a list, export, init from the export, export: the same text), and ``--check``
for CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from litcat.core.catalog import Catalog
from litcat.core.loader import load_catalog
from litcat.formats import markdown
from litcat.intake.lists.entry import Listed
from litcat.intake.lists.read import read_list

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
        "(https://arxiv.org/abs/2101.01234) · [DOI](https://doi.org/10.5555/jam.2021.17)"
        " · [Code](https://example.org/berg/flyways)"
        " · [Project page](https://example.org/flyways)\\\n"
        "  Authors: Anna Berg, Jonas Lind, Émile Durand\\\n"
        "  Venue: Journal of Avian Movement, 2022\\\n"
        "  Year: 2021"
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
    assert markdown.text("a*b*_c_ [d](e) <x> &amp;") == r"a\*b\*\_c\_ \[d\](e) \<x\> \&amp;"
    assert markdown.link("x", "https://e.org/a_(b)") == "[x](<https://e.org/a_(b)>)"
    assert markdown.link("x", "https://e.org/?a&amp;b") == r"[x](https://e.org/?a\&amp;b)"


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


START, END = markdown.START, markdown.END
# Markers a README may hold that do not say beyond doubt where the list goes: the file is
# left as it was, and the message says how to mark the place.
DOUBTFUL = {
    "no markers": "# Ours\n\nWords.\n",
    "only a start": f"# Ours\n\n{START}\nold\n",
    "only an end": f"# Ours\n\nold\n{END}\n",
    "reversed": f"# Ours\n\n{END}\nold\n{START}\n",
    "two lists": f"{START}\na\n{END}\n\n{START}\nb\n{END}\n",
    "quoted in a sentence": f"Put {START} and {END} around the list.\n\nMore words.\n",
    "quoted in code spans": f"Use `{START}`\nthen `{END}`.\n",
    "in a code block": f"Like this:\n\n```markdown\n{START}\n{END}\n```\n",
    "in a tilde block": f"~~~~\n{START}\n~~~\n{END}\n~~~~\n",
}


@pytest.mark.parametrize("name", sorted(DOUBTFUL))
def test_doubtful_markers_leave_the_file_alone(
    cli: Cli, catalog_dir: Path, tmp_path: Path, name: str
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(DOUBTFUL[name], encoding="utf-8")
    code, output = finished(cli(catalog_dir, "export", "--format", "markdown", "-o", str(readme)))
    assert code == 1
    assert f"put the two lines {START} and {END}" in " ".join(output.split())
    assert readme.read_text(encoding="utf-8") == DOUBTFUL[name]


def test_a_documented_marker_beside_the_real_ones_is_text(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    """Instructions that quote the markers (in a code block) and the markers themselves."""
    doc = f"How: `{START}`\n\n```\n{START}\n{END}\n```\n\n{START}\nold\n{END}\ntail\n"
    readme = tmp_path / "README.md"
    readme.write_text(doc, encoding="utf-8")
    assert cli(catalog_dir, "export", "--format", "markdown", "-o", str(readme)).exit_code == 0
    text = readme.read_text(encoding="utf-8")
    assert text.startswith(doc[: doc.index("old")]) and text.endswith(f"{END}\ntail\n")
    assert "old" not in text and "Flyways Revisited" in text


def test_crlf_readme_keeps_its_line_endings(cli: Cli, catalog_dir: Path, tmp_path: Path) -> None:
    doc = f"# Ours\r\n\r\n{START}\r\nold\r\n{END}\r\nMore.\r\n"
    readme = tmp_path / "README.md"
    readme.write_bytes(doc.encode())
    assert cli(catalog_dir, "export", "--format", "markdown", "-o", str(readme)).exit_code == 0
    data = readme.read_bytes()
    assert data.startswith(f"# Ours\r\n\r\n{START}\r\n".encode())
    assert data.endswith(f"{END}\r\nMore.\r\n".encode())
    assert b"\n" not in data.replace(b"\r\n", b"")
    check = cli(catalog_dir, "export", "--format", "markdown", "--check", str(readme))
    assert check.exit_code == 0, check.output


@pytest.mark.parametrize("fmt", ["markdown", "bibtex", "json"])
@pytest.mark.parametrize("target", ["taxonomy.yaml", "mkdocs.yml", "papers/berg2021flyways.yaml"])
def test_export_never_replaces_the_catalogs_files(
    cli: Cli, catalog_dir: Path, fmt: str, target: str
) -> None:
    path = catalog_dir / target
    before = path.read_bytes() if path.exists() else None
    code, output = finished(cli(catalog_dir, "export", "--format", fmt, "-o", str(path)))
    assert code == 1
    assert "one of the catalog's own files" in output
    assert (path.read_bytes() if path.exists() else None) == before


def test_export_does_not_write_through_a_link(cli: Cli, catalog_dir: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text(f"{START}\n{END}\n", encoding="utf-8")
    link = tmp_path / "README.md"
    link.symlink_to(real)
    code, output = finished(cli(catalog_dir, "export", "--format", "markdown", "-o", str(link)))
    assert code == 1 and "symbolic link" in output
    assert link.is_symlink() and real.read_text(encoding="utf-8") == f"{START}\n{END}\n"


def test_a_readme_that_is_not_utf8_gets_a_message(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    readme = tmp_path / "README.md"
    data = f"caf\xe9\n{START}\n{END}\n".encode("latin-1")
    readme.write_bytes(data)
    for option in ("-o", "--check"):
        code, output = finished(
            cli(catalog_dir, "export", "--format", "markdown", option, str(readme))
        )
        assert code == 1 and "not UTF-8 text" in output
    assert readme.read_bytes() == data


def test_the_starter_readme_quoting_the_markers_is_no_trap(cli: Cli, tmp_path: Path) -> None:
    """The README init writes tells how to use the markers; following it splices the list
    where the maintainer put them, not into that sentence."""
    root = tmp_path / "new"
    assert cli(None, "init", str(root), "--name", "Birds").exit_code == 0
    readme = root / "README.md"
    told = readme.read_text(encoding="utf-8")
    assert START in told
    code, output = finished(cli(root, "export", "--format", "markdown", "-o", str(readme)))
    assert code == 1 and "no litcat markers" in output
    readme.write_text(f"{told}\n## Papers\n\n{START}\n{END}\n", encoding="utf-8")
    assert cli(root, "export", "--format", "markdown", "-o", str(readme)).exit_code == 0
    assert readme.read_text(encoding="utf-8").startswith(told)
