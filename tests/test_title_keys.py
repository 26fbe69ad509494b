"""Titles are compared as people read them, in every script (duplicates and ``add``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from litcat.core.ids import title_key
from litcat.core.loader import load_catalog

from .conftest import Cli, WriteRecord

SAME = [
    ("Diffusion Policies", "diffusion policies!"),
    ("Café Robots", "Cafe robots"),
    ("Straße Learning", "STRASSE learning"),
    ("ＡＢＣ Robots", "ABC Robots"),  # noqa: RUF001 - full-width letters are the point
    ("ﬁne-tuning", "fine tuning"),
    ("机器人学习", "机器人 学习。"),
    ("ロボット学習", "ロボット・学習"),
    ("Ἀθῆναι Nets", "αθηναι nets"),
    ("Müller's Method", "Mullers method"),
]
DIFFERENT = [
    ("α-Policies", "β-Policies"),  # noqa: RUF001
    ("Ω Nets", "Ψ Nets"),
    ("ロボット", "ホホット"),
    ("हिन्दी Models", "हनद Models"),
    ("Робот", "Робота"),
    ("机器人学习", "机器人教学"),
    ("GPT-4", "GPT-5"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_near_identical_titles_share_a_key(a: str, b: str) -> None:
    assert title_key(a) == title_key(b) != ""


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_titles_in_any_script_differ(a: str, b: str) -> None:
    assert title_key(a) != title_key(b)


RECORD = "title: {title}\nauthors:\n  - Ada Case\nyear: 2020\nadded: 2024-05-01\n"


@pytest.mark.parametrize(("a", "b"), SAME[5:])
def test_validate_flags_two_records_with_the_same_title_in_any_script(
    catalog_dir: Path, write_record: WriteRecord, a: str, b: str
) -> None:
    write_record("first2020x.yaml", RECORD.format(title=a))
    write_record("second2020x.yaml", RECORD.format(title=b))
    found = [p for p in load_catalog(catalog_dir).problems if p.file == "papers/second2020x.yaml"]
    assert [p.message for p in found] == ["same title as papers/first2020x.yaml"]


BIB = "@article{{k{n},\n  title = {{{title}}},\n  author = {{Case, Ada}},\n  year = {{2020}},\n}}\n"


@pytest.mark.parametrize(("a", "b"), DIFFERENT[:4])
def test_import_keeps_papers_whose_titles_differ_only_outside_ascii(
    cli: Cli, catalog_dir: Path, tmp_path: Path, a: str, b: str
) -> None:
    bib = tmp_path / "x.bib"
    bib.write_text(BIB.format(n=1, title=a) + BIB.format(n=2, title=b), encoding="utf-8")
    result = cli(catalog_dir, "import-bibtex", str(bib))
    assert result.exit_code == 0, result.output
    assert "2 imported, 0 skipped" in result.stderr, result.stderr
