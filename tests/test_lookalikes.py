"""Text that is not what it looks like: invisible characters, look-alike hosts, ids and DOIs
that end in a line break or carry BibTeX syntax."""

from __future__ import annotations

from pathlib import Path

import pytest

from litcat.core import ids
from litcat.core.loader import load_catalog

from .conftest import Cli, WriteRecord

RECORD = (
    "title: {title}\nauthors:\n  - {author}\nyear: 2020\nadded: 2024-05-01\n"
    "links:\n  code: {code}\n"
)
INVISIBLE = {
    "zero width space": "\u200b",
    "zero width non-joiner": "\u200c",
    "zero width joiner": "\u200d",
    "word joiner": "\u2060",
    "left-to-right mark": "\u200e",
    "right-to-left mark": "\u200f",
    "arabic letter mark": "\u061c",
    "soft hyphen": "\u00ad",
    "zero width no-break space": "\ufeff",
    "tag latin small letter a": "\U000e0061",
    "invisible times": "\u2062",
    "hangul filler": "\u3164",
    "combining grapheme joiner": "\u034f",
}


def record(
    title: str = "A Study", author: str = "Ada Case", code: str = "https://github.com/a/b"
) -> str:
    return RECORD.format(title=title, author=author, code=code)


@pytest.mark.parametrize("name", sorted(INVISIBLE))
@pytest.mark.parametrize(("field", "line", "column"), [("title", 1, 8), ("author", 3, 5)])
def test_invisible_characters_warn_and_fail_strict(
    cli: Cli,
    catalog_dir: Path,
    write_record: WriteRecord,
    name: str,
    field: str,
    line: int,
    column: int,
) -> None:
    text = f"Pol{INVISIBLE[name]}icies"
    write_record("hidden2020study.yaml", record(**{field: text}))
    result = cli(catalog_dir, "validate")
    assert result.exit_code == 0, result.output
    expected = f"papers/hidden2020study.yaml:{line}:{column}: warning: "
    assert result.stdout.startswith(expected), result.stdout
    assert f"U+{ord(INVISIBLE[name]):04X} ({name})" in result.stdout
    assert cli(catalog_dir, "validate", "--strict").exit_code == 1


def test_invisible_characters_anywhere_in_a_record_are_found(
    catalog_dir: Path, write_record: WriteRecord
) -> None:
    text = (
        record()
        + "venue: ICRA\u200b 2024\nsummary: One\u2060 line.\nnotes: |\n  Tag\U000e0041 here.\n"
    )
    text += "attributes:\n  instrument: Ra\u200bdar\n"
    write_record("hidden2020study.yaml", text)
    found = {
        p.field
        for p in load_catalog(catalog_dir).problems
        if p.file.endswith("hidden2020study.yaml")
    }
    assert found == {"venue", "summary", "notes", "attributes.instrument"}


@pytest.mark.parametrize(
    ("host", "named"),
    [
        ("g\u0456thub.com", "U+0456"),  # Cyrillic i
        ("\u0430pple.com", "U+0430"),  # Cyrillic a
        ("github.c\u043em", "U+043E"),  # Cyrillic o
        ("xn--pple-43d.com", "xn--"),
        ("arxiv.xn--org-9ob.net", "xn--"),
    ],
)
def test_look_alike_link_hosts_warn(
    cli: Cli, catalog_dir: Path, write_record: WriteRecord, host: str, named: str
) -> None:
    write_record(
        "hosts2020study.yaml",
        record(code=f"https://{host}/a/b") + f"sources:\n  - https://{host}/x\n",
    )
    result = cli(catalog_dir, "validate")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith("papers/hosts2020study.yaml:7:9: warning: links.code: the host")
    assert lines[1].startswith("papers/hosts2020study.yaml:9:5: warning: sources.0: the host")
    assert all(named in line for line in lines)
    assert cli(catalog_dir, "validate", "--strict").exit_code == 1


@pytest.mark.parametrize(
    "text",
    ["Café Études", "Полиция Studies", "α-Policies", "ロボット学習", "naïve"],  # noqa: RUF001
)
def test_visible_unicode_is_fine(catalog_dir: Path, write_record: WriteRecord, text: str) -> None:
    write_record("fine2020study.yaml", record(title=text, author=text))
    assert [p for p in load_catalog(catalog_dir).problems if "fine2020" in p.file] == []


# -- whole matches: a final line break is not part of an id -------------------------------------


@pytest.mark.parametrize("value", ["abc\n", "abc\r", "abc\n\n", "a\nb", "abc\u2028"])
def test_a_record_id_is_matched_whole(value: str) -> None:
    assert not ids.ID_RE.fullmatch(value)


def test_a_file_name_with_a_line_break_is_refused(cli: Cli, catalog_dir: Path) -> None:
    (catalog_dir / "papers" / "break2020study\n.yaml").write_text(record(), encoding="utf-8")
    for command in (["validate"], ["fmt"], ["fmt", "--check"], ["export", "--format", "bibtex"]):
        result = cli(catalog_dir, *command)
        assert "Traceback" not in result.output, result.output
        assert result.exit_code == 1, (command, result.output)
    line = cli(catalog_dir, "validate").stdout.splitlines()[0]
    assert line.startswith(
        "papers/break2020study\\x0a.yaml:1:1: 'break2020study\\n' is not a valid record id"
    )


@pytest.mark.parametrize("value", ["2303.12345\n", "hep-th/9901001\n"])
def test_arxiv_ids_are_matched_whole(value: str) -> None:
    assert not ids.ARXIV_NEW.fullmatch(value) and not ids.ARXIV_OLD.fullmatch(value)


# -- DOIs: no BibTeX, HTML or URL syntax -----------------------------------------------------------


@pytest.mark.parametrize(
    "doi",
    [
        "10.1000/x}",
        '10.1000/x"',
        "10.1000/x<script>",
        "10.1000/x>",
        "10.1000/a},\n@misc{evil,",
        "10.1000/x{y",
        "10.1000/x\\y",
        "10.1000/x^y",
        "10.1000/x`y",
        "10.1000/x|y",
        "10.1000/x y",
        "10.1000/x\u00e9",
    ],
)
def test_dois_with_syntax_characters_are_refused(doi: str) -> None:
    with pytest.raises(ValueError, match="is not a DOI"):
        ids.normalize_doi(doi)


@pytest.mark.parametrize(
    "doi",
    [
        "10.1000/xyz123",
        "10.1109/icra.2024.10611234",
        "10.1002/(sici)1097-4636(199706)35:4;2-h",
        "10.48550/arxiv.2303.12345",
        "10.1145/3581783.3612345",
        "10.5555/a_b-c.d;e/f:g[1]~h%2fi#j",
    ],
)
def test_real_dois_pass(doi: str) -> None:
    assert ids.normalize_doi(doi) == doi


@pytest.mark.parametrize(
    "value",
    [
        "2613.00001",
        "2600.12345",
        "1001.12345",
        "2303.1234",
        "0001.0001",
        "0703.1234",
        "hep-th/0813001",
        "hep-th/9001001",
        "hep-th/0801001",
    ],
)
def test_impossible_arxiv_ids_are_refused(value: str) -> None:
    """Month 13, a five-digit number before 2015, a four-digit one since, a year before arXiv
    gave out that form: no paper has such an id."""
    with pytest.raises(ValueError, match="is not an arXiv id"):
        ids.normalize_arxiv(value)


# Python's \d takes every script's digits: an id or a port spelt with them reads the same to a
# reviewer and names nothing (found by tests/test_export_roundtrip.py).
OTHER_DIGITS = {
    "arXiv id": "0704.000\u0660",
    "arXiv version": "2101.01234v\u0662",
    "old arXiv id": "hep-th/99010\u06601",
    "DOI prefix": "10.\u0661\u0662\u0663\u0664/x",
    "port": "https://example.org:\u0668\u0660/",
}


@pytest.mark.parametrize("kind", sorted(OTHER_DIGITS))
def test_ids_and_ports_take_ascii_digits_only(kind: str) -> None:
    value = OTHER_DIGITS[kind]
    check = {"DOI prefix": ids.normalize_doi, "port": ids.check_url}.get(kind, ids.normalize_arxiv)
    with pytest.raises(ValueError):
        check(value)


@pytest.mark.parametrize(
    "value",
    ["0704.0001", "1412.9999", "1501.00001", "2612.12345", "hep-th/9108001", "math.AG/0703999"],
)
def test_every_form_arxiv_gave_out_is_taken(value: str) -> None:
    assert ids.normalize_arxiv(value) == value
