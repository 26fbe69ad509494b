"""import-bibtex accounts for every entry, and names the line each entry starts on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from litcat.intake.bibtex import parse_bibtex

from .conftest import Cli

ENTRIES = [
    "% A comment line with a { brace\n",
    '@preamble{"\\newcommand{\\noopsort}[1]{}"}\n',
    "@comment{a comment\nover two lines}\n",
    '@string{ieee = "IEEE"}\n',
    "@article{first2020,\n  title = {First\n  Paper},\n  author = {Case, Ada},\n"
    "  year = 2020,\n}\n",
    "  @inproceedings{second2021, title={Second Paper}, author={Bo Case}, year=2021}\n",
    "stray text between entries\n",
    "@article{broken, title = {Open, author = {X}, year = 2020\n\n",
    "@misc{untitled, author = {Case, Ada}, year = 2020}\n",
    "@article{first2020again,\n  title = {First Paper},\n  author = {Case, Ada},\n"
    "  year = 2020,\n}\n",
    '@article{concat, title = ieee # " Letters Paper", author = {Dee Case}, year = 2022}\n',
]
TEXT = "".join(ENTRIES)


def true_line(text: str, key: str) -> int:
    lines = re.split(r"\r\n|\r|\n", text)
    return next(i for i, line in enumerate(lines, 1) if re.match(rf"\s*@\w+\{{{key},", line))


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
def test_each_entry_and_failed_block_has_its_true_line(newline: str) -> None:
    text = TEXT.replace("\n", newline)
    parsed = parse_bibtex(text)
    for entry in parsed.entries:
        assert entry.line == true_line(text, entry.key), entry.key
    assert [(f.key, f.line) for f in parsed.failed] == [("broken", true_line(text, "broken"))]


@pytest.mark.parametrize("newline", ["\n", "\r"], ids=["LF", "CR"])
def test_the_summary_adds_up_and_every_report_is_located(
    cli: Cli, catalog_dir: Path, tmp_path: Path, newline: str
) -> None:
    bib = tmp_path / "thesis.bib"
    text = TEXT.replace("\n", newline)
    bib.write_bytes(text.encode())
    result = cli(catalog_dir, "import-bibtex", str(bib))
    assert "Traceback" not in result.output, result.output
    summary = result.stderr.strip().splitlines()[-1]
    found = re.fullmatch(
        r"(\d+) entries: (\d+) imported, (\d+) skipped .*, (\d+) reported", summary
    )
    assert found, summary
    total, imported, skipped, reported = (int(n) for n in found.groups())
    assert total == len(parse_bibtex(text).entries) + len(parse_bibtex(text).failed) == 6
    assert (imported, skipped, reported) == (3, 1, 2), result.output
    located = re.compile(rf"^{re.escape(bib.as_posix())}:(\d+):")
    for line in result.output.splitlines()[:-1]:
        match = located.match(line)
        assert match, line
        key = re.search(r"'([\w-]+)'", line)
        assert key and int(match[1]) == true_line(text, key[1]), line
