"""`litcat validate`: located problems, every one in one run, and the exit statuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from litcat.cli import main
from litcat.core.loader import load_catalog

from .conftest import TESTS, Cli, WriteRecord, check_golden

GOLDEN = TESTS / "golden"

THREE_MISTAKES = """\
title: A Record With Three Mistakes
authors:
  - Ann Example
year: 20x4
arxiv: '2401.00001'
tags:
  method:
    - gps-tag
links:
  paper: javascript:alert(1)
added: 2024-01-01
"""


def test_the_test_catalog_is_clean(cli: Cli, catalog_dir: Path) -> None:
    result = cli(catalog_dir, "validate", "--strict")
    assert result.exit_code == 0, result.output
    assert "5 papers, 0 errors, 0 warnings" in result.output


def test_three_mistakes_give_three_located_messages(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord
) -> None:
    write_record("example2024three.yaml", THREE_MISTAKES)
    result = cli(catalog_dir, "validate")
    assert result.exit_code == 1, result.output
    check_golden(GOLDEN / "three_mistakes.txt", result.stdout)
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("papers/example2024three.yaml:4:7: year: ")
    assert lines[1].startswith("papers/example2024three.yaml:8:7: tags.method.0: unknown")
    assert "did you mean 'gps-tags'?" in lines[1]
    assert lines[2].startswith("papers/example2024three.yaml:10:10: links.paper: only http")


def test_github_format_annotates_lines(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord
) -> None:
    write_record("example2024three.yaml", THREE_MISTAKES)
    result = cli(catalog_dir, "validate", "--format", "github")
    assert result.exit_code == 1, result.output
    first = result.stdout.splitlines()[0]
    assert first.startswith("::error file=papers/example2024three.yaml,line=4,col=7::year: ")


def test_json_format(cli: Cli, catalog_dir: Path, write_record: WriteRecord) -> None:
    write_record("example2024three.yaml", THREE_MISTAKES)
    result = cli(catalog_dir, "validate", "--format", "json")
    assert result.exit_code == 1, result.output
    problems = json.loads(result.stdout)
    assert {p["field"] for p in problems} == {"year", "tags.method.0", "links.paper"}
    assert all(p["file"] and p["line"] and p["column"] for p in problems)


def test_warnings_fail_only_with_strict(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord
) -> None:
    old_alias = (
        THREE_MISTAKES.replace("year: 20x4", "year: 2024")
        .replace("gps-tag\n", "gps\n")
        .replace("javascript:alert(1)", "https://example.org/p")
    )
    write_record("example2024alias.yaml", old_alias)
    result = cli(catalog_dir, "validate")
    assert result.exit_code == 0, result.output
    assert "warning: tags.method.0: 'gps' is an old name of 'gps-tags'" in result.stdout
    assert cli(catalog_dir, "validate", "--strict").exit_code == 1


def test_usage_error_exits_2(cli: Cli, catalog_dir: Path) -> None:
    assert cli(catalog_dir, "validate", "--format", "xml").exit_code == 2
    assert cli(None, "--root", "/no/such/dir", "validate").exit_code == 2


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("syntax2024x.yaml", "title: [unclosed\n", "papers/syntax2024x.yaml:2:1: YAML: "),
        ("list2024x.yaml", "- a\n- b\n", "1:1: a record is a mapping of fields, found a list"),
        ("scalar2024x.yaml", "just text\n", "1:1: a record is a mapping of fields, found a single"),
        ("empty2024x.yaml", "", "papers/empty2024x.yaml:1:1: file is empty"),
        ("dup2024x.yaml", "title: A\ntitle: B\n", "2:1: title: duplicate key 'title'; the first"),
        ("key2024x.yaml", "titel: A\n", "1:1: titel: unknown key 'titel' (did you mean 'title'?)"),
        ("year2024x.yaml", "year: 1066\n", "1:7: year: 1066 is not a year between 1800"),
        ("doi2024x.yaml", "doi: 10.1/x\n", "1:6: doi: '10.1/x' is not a DOI"),
        ("Bad_Name.yaml", "title: A\n", "papers/Bad_Name.yaml:1:1: 'Bad_Name' is not a valid"),
        ("stray.yml", "title: A\n", "papers/stray.yml:1:1: not a record file (rename it to"),
        ("dim2024x.yaml", "tags:\n  colour: [red]\n", "2:3: tags.colour: unknown dimension"),
    ],
)
def test_bad_input_is_located_never_raised(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord, name: str, content: str, expected: str
) -> None:
    write_record(name, content)
    result = cli(catalog_dir, "validate")
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert expected in result.stdout, result.stdout


def test_non_utf8_bytes_are_located(cli: Cli, catalog_dir: Path) -> None:
    (catalog_dir / "papers" / "latin2024x.yaml").write_bytes(b"title: ok\nvenue: caf\xe9\n")
    result = cli(catalog_dir, "validate")
    assert "papers/latin2024x.yaml:2:11: byte 0xe9 is not UTF-8" in result.stdout


def test_unused_nodes_are_warnings_on_the_taxonomy(catalog_dir: Path) -> None:
    (catalog_dir / "papers" / "okafor2023radar.yaml").unlink()
    catalog = load_catalog(catalog_dir)
    unused = [p for p in catalog.problems if p.message == "no paper uses this node"]
    assert [p.format_text() for p in unused] == [
        "taxonomy.yaml:36:13: warning: method.radar: no paper uses this node "
        "(tag a paper with it or remove it)"
    ]


def test_taxonomy_problems_are_located(cli: Cli, catalog_dir: Path) -> None:
    path = catalog_dir / "taxonomy.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("id: radar", "id: gps-tags").replace("columns: taxon", "columns: taxa")
    path.write_text(text, encoding="utf-8")
    result = cli(catalog_dir, "validate")
    assert result.exit_code == 1, result.output
    assert "duplicate node or alias of dimension 'method' id 'gps-tags'" in result.stdout
    assert "views.0.columns: unknown dimension 'taxa' (did you mean 'taxon'?)" in result.stdout


def test_unknown_authors_must_be_said(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord
) -> None:
    base = "title: Nobody Knows\nauthors: []\nyear: 2024\nadded: 2024-01-01\n"
    write_record("nobody2024x.yaml", base)
    result = cli(catalog_dir, "validate")
    assert result.exit_code == 1, result.output
    assert "papers/nobody2024x.yaml:2:10: authors: the author list is empty" in result.stdout
    write_record("nobody2024x.yaml", base + "authors_incomplete: true\n")
    assert cli(catalog_dir, "validate").exit_code == 0


def test_an_unknown_year_must_be_said(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord
) -> None:
    base = "title: Undated\nauthors:\n  - Ada Case\nadded: 2024-01-01\n"
    write_record("case2024undated.yaml", base)
    result = cli(catalog_dir, "validate")
    assert result.exit_code == 1, result.output
    assert "papers/case2024undated.yaml:1:1: year: no year; give the year" in result.stdout
    write_record("case2024undated.yaml", base + "not_found:\n  - year\n")
    assert cli(catalog_dir, "validate", "--strict").exit_code == 0
    write_record("case2024undated.yaml", base + "year: 2024\nnot_found:\n  - year\n")
    result = cli(catalog_dir, "validate")
    assert "warning: not_found.0: not_found lists year, but the record has it" in result.stdout


def test_a_file_name_cannot_forge_an_output_line(cli: Cli, catalog_dir: Path) -> None:
    forged = "x.yaml\nok.yaml:1:1: all good"
    (catalog_dir / "papers" / f"{forged}.yaml").write_text("title: A\n", encoding="utf-8")
    result = cli(catalog_dir, "validate")
    assert result.exit_code == 1, result.output
    assert all(line.startswith("papers/x.yaml\\x0aok.yaml") for line in result.stdout.splitlines())


def test_every_command_module_names_its_commands(cli: Cli) -> None:
    import click

    from litcat.cli import COMMAND_MODULES

    ctx = click.Context(main)
    for name in COMMAND_MODULES:
        command = main.get_command(ctx, name)
        assert command is not None and command.name == name
    assert main.get_command(ctx, "nope") is None
    help_text = cli(None, "--help").output
    assert all(name in help_text for name in COMMAND_MODULES)


# -- what a catalog expects of every record -----------------------------------------------------


def expect_all(catalog_dir: Path) -> None:
    path = catalog_dir / "taxonomy.yaml"
    path.write_text("expect: [summary, primary-source, venue-year]\n" + path.read_text())


EXPECTED_RECORD = """title: Expected Things
authors:
  - Ada Case
year: 2023
added: 2024-05-01
"""


@pytest.mark.parametrize(
    ("extra", "warning"),
    [
        ("", "papers/expect2023x.yaml:1:1: warning: no summary"),
        ("summary: Too short.\n", "summary: the summary has 2 words (write 8 to 60)"),
        ("summary: " + "word " * 61 + "\n", "the summary has 61 words"),
        (
            "sources:\n  - https://www.emergentmind.com/papers/2303.04137\n",
            "papers/expect2023x.yaml:6:3: warning: sources: no primary source",
        ),
        ("venue: Journal of Avian Movement\n", "warning: venue: the venue's year is not given"),
    ],
)
def test_expectations_are_warnings(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord, extra: str, warning: str
) -> None:
    expect_all(catalog_dir)
    write_record("expect2023x.yaml", EXPECTED_RECORD.replace("added:", extra + "added:"))
    loose = cli(catalog_dir, "validate")
    assert loose.exit_code == 0, loose.output
    assert warning in loose.stdout
    assert cli(catalog_dir, "validate", "--strict").exit_code == 1
    # The test catalog's own records lack some of these too; only this record is looked at.


@pytest.mark.parametrize(
    "source",
    [
        "https://arxiv.org/abs/2303.04137",
        "https://openreview.net/forum?id=abc",
        "https://proceedings.mlr.press/v229/ma23a.html",
        "https://example.org/case/project",  # the record's own project page
        "https://github.com/case/repo/blob/main/README.md",  # the owner of its code link
    ],
)
def test_primary_sources_satisfy_the_expectation(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord, source: str
) -> None:
    expect_all(catalog_dir)
    record = (
        "title: Expected Things\nauthors:\n  - Ada Case\nyear: 2023\nlinks:\n"
        "  code: https://github.com/case/code\n  project: https://example.org/case/project\n"
        "summary: A summary that is long enough to say what the paper does.\n"
        f"sources:\n  - {source}\nadded: 2024-05-01\n"
    )
    write_record("expect2023x.yaml", record)
    result = cli(catalog_dir, "validate", "--strict")
    assert "expect2023x" not in result.stdout, result.output


def test_a_complete_record_meets_every_expectation(cli: Cli, catalog_dir: Path) -> None:
    expect_all(catalog_dir)
    result = cli(catalog_dir, "validate", "--strict")
    lines = [line for line in result.stdout.splitlines() if "berg2021flyways" in line]
    assert lines == [], result.output
