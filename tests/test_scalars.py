"""What a scalar of a record means: the reader and YAML agree, or the record is refused.

The reader keeps every scalar as text and the model types it. So that no record means one thing
to litcat and another to any other YAML tool, a typed field takes only the spellings on which
``yaml.safe_load`` gives the same value; an explicit null is no value; the text "null" never
becomes a title.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from litcat.core.fields import Bool, Date, Int, Line, Year
from litcat.core.loader import load_catalog
from litcat.core.reading.reader import parse

from .conftest import Cli, WriteRecord

NULLS = ["null", "Null", "NULL", "~", ""]
RECORD = "title: {title}\nauthors:\n  - {author}\nyear: {year}\nadded: {added}\n"


def record(**fields: str) -> str:
    base = {"title": "A Study", "author": "Ada Case", "year": "2020", "added": "2024-05-01"}
    return RECORD.format(**{**base, **fields})


def validate(cli: Cli, root: Path) -> list[str]:
    result = cli(root, "validate")
    assert "Traceback" not in result.output, result.output
    return result.stdout.splitlines()


# -- explicit nulls -----------------------------------------------------------------------------


@pytest.mark.parametrize("null", NULLS)
@pytest.mark.parametrize(
    ("field", "line"), [("title", 1), ("author", 3), ("year", 4), ("added", 5)]
)
def test_a_null_in_a_required_field_is_an_error_at_its_line(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord, null: str, field: str, line: int
) -> None:
    write_record("nulls2024study.yaml", record(**{field: null}))
    lines = validate(cli, catalog_dir)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"papers/nulls2024study.yaml:{line}:"), lines
    # The year may be left out when the record says no source gives it; its message says how.
    expected = "no year; give the year" if field == "year" else "has no value (empty or null)"
    assert expected in lines[0]


@pytest.mark.parametrize("null", NULLS)
@pytest.mark.parametrize(
    "field", ["venue", "summary", "notes", "doi", "arxiv", "links", "tags", "venue_confirmed"]
)
def test_a_null_in_an_optional_field_leaves_it_out(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord, null: str, field: str
) -> None:
    write_record("nulls2024study.yaml", record() + f"{field}: {null}\n")
    catalog = load_catalog(catalog_dir)
    assert catalog.ok, catalog.problems
    paper = catalog.papers["nulls2024study"]
    default = type(paper).model_fields[field].get_default(call_default_factory=True)
    assert getattr(paper, field) == default
    # fmt drops the empty line, and says so under --check.
    assert cli(catalog_dir, "fmt", "--check").exit_code == 1


@pytest.mark.parametrize("null", NULLS)
def test_a_null_inside_a_list_or_a_mapping_is_located(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord, null: str
) -> None:
    text = record() + f"sources:\n  - https://example.org/a\n  - {null}\n"
    text += f"tags:\n  method: [{null or '~'}]\n"
    write_record("nulls2024study.yaml", text)
    lines = validate(cli, catalog_dir)
    assert any(
        line.startswith("papers/nulls2024study.yaml:8:") and "sources.1: has no value" in line
        for line in lines
    )
    assert any(":10:12: tags.method.0: has no value" in line for line in lines), lines


@pytest.mark.parametrize("quoted", ['""', "''"])
def test_an_empty_quoted_text_is_refused_even_where_optional(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord, quoted: str
) -> None:
    write_record("nulls2024study.yaml", record() + f"venue: {quoted}\n")
    lines = validate(cli, catalog_dir)
    assert lines and lines[0].startswith("papers/nulls2024study.yaml:6:8: venue: "), lines


@pytest.mark.parametrize("null", ["'null'", '"~"', "'NULL'"])
def test_quoted_null_is_the_word(null: str) -> None:
    assert parse(f"title: {null}\n".encode(), "x.yaml").data == {"title": null[1:-1]}


@pytest.mark.parametrize("null", [*NULLS, "!!null ''"])
def test_the_reader_gives_none_for_every_null_spelling(null: str) -> None:
    doc = parse(f"a: {null}\nb: [{null or '~'}, x]\nc:\n  - {null}\n".encode(), "x.yaml")
    assert doc.data == {"a": None, "b": [None, "x"], "c": [None]}


# -- typed scalars ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "added",
    ["1704153600", "2024-5-1", "20240501", "2024-05-01T10:00:00", "2024-05-01 10:00", "2024/05/01"],
)
def test_dates_are_iso_dates(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord, added: str
) -> None:
    write_record("dates2024study.yaml", record(added=added))
    lines = validate(cli, catalog_dir)
    assert len(lines) == 1, lines
    assert lines[0].startswith("papers/dates2024study.yaml:5:8: added: "), lines
    assert "YYYY-MM-DD" in lines[0]


@pytest.mark.parametrize("year", ["02020", "0x7E4", "2_020", "2020.0", "1:20", "٢٠٢٠"])
def test_years_are_written_in_digits(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord, year: str
) -> None:
    write_record("years2024study.yaml", record(year=year))
    lines = validate(cli, catalog_dir)
    assert len(lines) == 1, lines
    assert lines[0].startswith("papers/years2024study.yaml:4:7: year: "), lines


@pytest.mark.parametrize("word", ["y", "n", "Y", "oN", "1", "0", "t", "f"])
def test_booleans_are_yaml_booleans(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord, word: str
) -> None:
    write_record("bools2024study.yaml", record() + f"authors_incomplete: {word}\n")
    lines = validate(cli, catalog_dir)
    assert lines and "authors_incomplete: " in lines[0] and "is not true or false" in lines[0]


# -- the property: reader and yaml.safe_load agree ------------------------------------------------

KINDS: dict[str, Any] = {
    "text": TypeAdapter(Line),
    "year": TypeAdapter(Year),
    "int": TypeAdapter(Int),
    "bool": TypeAdapter(Bool),
    "date": TypeAdapter(Date),
}
TYPED = {"year": int, "int": int, "bool": bool, "date": dt.date}
# Spellings YAML 1.1 gives a type to, and their near misses.
TRICKY = st.sampled_from(
    [
        *NULLS, "true", "True", "TRUE", "tRUE", "yes", "No", "on", "OFF", "y", "n",
        "0", "-0", "+7", "007", "0x1F", "0o17", "0b101", "1_000", "1:20", "1e3", "1.5",
        ".inf", "-.Inf", ".nan", "2024", "02024", "2024-05-01", "2024-5-1", "2024-05-01T10:00:00Z",
        "2024-05-01 10:00:00", "1704153600", "2024-13-45", "<<", "=", "'null'", '"2024"',
        "'yes'", '"2024-05-01"', "12:30:45", "0.", "+.5", "1,000", "1 000",
    ]
)  # fmt: skip
PLAIN = st.text(st.sampled_from("0123456789-+._:eExXoObB~ytrufalsnTFYN"), min_size=1, max_size=12)


def reader_scalar(text: str) -> tuple[bool, Any]:
    doc = parse(f"v: {text}\n".encode(), "x.yaml")
    return not doc.problems, (doc.data or {}).get("v")


@given(st.one_of(TRICKY, PLAIN), st.sampled_from(sorted(KINDS)))
def test_the_reader_and_safe_load_agree_on_every_scalar(text: str, kind: str) -> None:
    try:
        expected = yaml.safe_load(f"v: {text}\n")["v"]
    except (yaml.YAMLError, ValueError):  # PyYAML raises ValueError for 2024-13-45
        assume(False)
    ok, value = reader_scalar(text)
    assume(ok)
    if expected is None:
        assert value is None
        return
    assert isinstance(value, str)
    if isinstance(expected, str):
        assert value == expected  # text stays text, quoted or not
    try:
        typed = KINDS[kind].validate_python(value)
    except ValidationError:
        return  # refused: the record cannot mean two things
    if kind == "text":
        # A title keeps the characters as written, whatever type YAML would give them.
        assert typed == value
        return
    if text[0] in "'\"":
        return  # quoted: text to YAML; a typed field reads the type it spells ('2024')
    assert type(expected) is TYPED[kind], (text, kind, typed, expected)
    assert typed == expected, (text, kind, typed, expected)
