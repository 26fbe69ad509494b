"""BibTeX out and back in: every fact BibTeX carries comes back as it was.

The writer (:mod:`litcat.formats.bibtex`) escapes; the importer (:mod:`litcat.intake.bibtex`)
decodes. For any title, name or venue a record can hold (LaTeX specials, ligature pairs,
braces, suffixes, particles, non-ASCII), export then import gives the same title, authors,
venue, years, arXiv id, DOI and link. Runs of spaces are the one thing BibTeX cannot keep.
"""

from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from litcat.core.loader import load_catalog
from litcat.core.models import Paper
from litcat.formats.bibtex import bibtex_entry
from litcat.intake.bibtex import parse_bibtex

from .conftest import Cli

SPECIALS = "\\{}&%$#_~^`'\"-!?@<>,.:;()[]/|*+="
CHARS = string.ascii_letters + string.digits + SPECIALS + "éüßøαβΩЖ中文ロボ\u00a0"
word = st.text(st.sampled_from(CHARS), min_size=1, max_size=8).filter(
    lambda w: w.strip() == w and "\u00a0" not in (w[0], w[-1])
)
text = st.lists(word, min_size=1, max_size=6).map(" ".join)
# A name: words without commas; then maybe a particle and a suffix, as records write them.
name_word = st.text(
    st.sampled_from(string.ascii_letters + "éüßøЖ中\\{}&%$#_~^'-.`"), min_size=1, max_size=8
)
name = st.builds(
    lambda first, von, last, jr: " ".join([*first, *von, last]) + (f", {jr}" if jr else ""),
    st.lists(name_word, max_size=2),
    st.lists(st.sampled_from(["de", "la", "van", "von", "der", "di", "bin"]), max_size=2),
    name_word,
    st.sampled_from(["", "Jr.", "Sr.", "III", "Jr"]),
).filter(lambda n: n.lower() != "others")


def paper(title: str, authors: list[str], venue: str | None, year: int, later: int) -> Paper:
    return Paper.model_validate(
        {
            "id": "case2020x",
            "title": title,
            "authors": authors,
            "year": year,
            "venue": venue,
            "venue_year": year + later if venue else None,
            "arxiv": "2301.01234",
            "doi": "10.5555/x.y-1;2(3)",
            "links": {"paper": "https://example.org/a%20b?x=1&y=2#z"},
            "added": dt.date(2024, 1, 1),
        }
    )


def read_back(record: Paper) -> Paper:
    parsed = parse_bibtex(bibtex_entry(record))
    assert parsed.failed == [], (bibtex_entry(record), parsed.failed)
    [entry] = parsed.entries
    assert entry.missing == [], (bibtex_entry(record), entry)
    return Paper.model_validate({**entry.data, "id": record.id, "added": record.added})


def same_facts(record: Paper, back: Paper) -> None:
    entry = bibtex_entry(record)
    assert back.title == record.title, entry
    assert back.authors == record.authors, entry
    assert back.venue == record.venue, entry
    assert back.year == record.year, entry
    assert back.citation_year() == record.citation_year(), entry
    assert (back.arxiv, back.doi, back.links.paper) == (
        record.arxiv,
        record.doi,
        record.links.paper,
    ), entry


@given(
    text,
    st.lists(name, min_size=1, max_size=4),
    st.none() | text.filter(lambda v: not v.lower().startswith(("arxiv", "corr", "e-print"))),
    st.integers(1990, 2024),
    st.integers(0, 2),
)
@settings(deadline=None)  # the first example builds pylatexenc's tables
@example("The {\\TeX}book", ["John Smith, Jr."], None, 2020, 0)
@example("50% of ^ and ~ -- `` '' !` {braces}", ["Maria de la Cruz, III"], "Ann. Sci", 2020, 1)
@example(
    "\u03b1-Policies: Über \\LaTeX", ["Tom and Jerry Lab", "Émile Durand"], "ICRA 2021", 2020, 1
)
def test_export_then_import_gives_the_same_record(
    title: str, authors: list[str], venue: str | None, year: int, later: int
) -> None:
    record = paper(title, authors, venue, year, later)
    same_facts(record, read_back(record))


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", "The {\\TeX}book", "The TeXbook"),
        ("title", "{\\LaTeX} Made Easy", "LaTeX Made Easy"),
        ("title", "\\BibTeX{} Tricks", "BibTeX Tricks"),
        ("title", "Escaped 50\\% Off", "Escaped 50% Off"),
        ("title", "Bare 50% Off Sale", "Bare 50% Off Sale"),
        ("title", "R&D in Robots", "R&D in Robots"),
        ("title", "A \\textasciicircum{} B", "A ^ B"),
        ("title", "Tied~Words", "Tied Words"),
        ("title", "Braces \\{kept\\}", "Braces {kept}"),
        ("title", "\\textsc{DecADe} Nets", "DecADe Nets"),
        ("title", "$\\alpha$-Policies", "α-Policies"),  # noqa: RUF001
        ("title", "\\mystery{Kept} Argument", "Kept Argument"),
        ("title", "Mass of {\\rm 125 GeV} and {\\cal O}(1)", "Mass of 125 GeV and O(1)"),
        ("title", "\\textsf{ABC} and $\\mathcal{L}$", "ABC and L"),
        ("journal", '"Annals of " # "Robots"', "Annals of Robots"),
        ("journal", 'ann # " of Robots"', "Annals of Robots"),
        ("journal", "{Annals} # { of } # {Robots}", "Annals of Robots"),
    ],
)
def test_latex_and_bibtex_syntax_decode(field: str, value: str, expected: str) -> None:
    bib = '@string{ann = "Annals"}\n@article{k,\n  title = {T},\n  author = {Case, Ada},\n'
    bib += (
        f"  year = 2020,\n  {field} = {value if field == 'journal' else '{' + value + '}'},\n}}\n"
    )
    bib = bib.replace("title = {T},\n", "") if field == "title" else bib
    [entry] = parse_bibtex(bib).entries
    key = "venue" if field == "journal" else "title"
    assert entry.data[key] == expected


@pytest.mark.parametrize(
    ("value", "note"),
    [
        ("Bare 50% Off", "title: a bare % is read as the character %"),
        ("R&D", "title: a bare & is read as the character &"),
        ("\\mystery{Kept}", "title: unknown LaTeX macro \\mystery left out (its argument is kept)"),
    ],
)
def test_what_is_guessed_is_said_at_the_entrys_line(value: str, note: str) -> None:
    bib = f"% one\n\n@article{{k,\n  title = {{{value}}},\n"
    bib += "  author = {Case, Ada},\n  year = 2020,\n}\n"
    [entry] = parse_bibtex(bib).entries
    assert entry.line == 3
    assert entry.notes == [note]


def test_an_undefined_string_is_kept_as_a_word_with_a_note() -> None:
    bib = "@article{k,\n  title = {T},\n  author = {Case, Ada},\n  year = 2020,\n"
    bib += '  journal = nope # " Letters",\n}\n'
    [entry] = parse_bibtex(bib).entries
    assert entry.data["venue"] == "nope Letters"
    assert entry.notes == ["journal: @string 'nope' is not defined; kept as a word"]


@pytest.mark.parametrize(
    "doi", ["10.1/a},\n  note = {x", '10.1/a"b', "10.1/a{b", "10.1/a\\b", "10.1/a b"]
)
def test_the_writer_escapes_verbatim_fields_whatever_the_model_allowed(doi: str) -> None:
    record = paper("T", ["Ada Case"], None, 2020, 0).model_copy(update={"doi": doi})
    entry = bibtex_entry(record)
    parsed = parse_bibtex(entry + "@misc{after, title = {After}}\n")
    assert [e.key for e in parsed.entries] == ["case2020x", "after"], entry
    assert parsed.failed == []
    assert entry.count("{") == entry.count("}")


def test_add_says_what_it_guessed_at_the_entrys_line(cli: Cli, catalog_dir: Path) -> None:
    bib = "\n@article{k,\n  title = {Bare 50% of R&D \\mystery{Robots}},\n"
    bib += "  author = {Case, Ada},\n  year = 2020,\n}\n"
    result = cli(catalog_dir, "add", "--bibtex", "-", input=bib)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[:3] == [
        "warning: standard input:2: entry 'k': title: a bare % is read as the character %",
        "warning: standard input:2: entry 'k': title: a bare & is read as the character &",
        "warning: standard input:2: entry 'k': title: unknown LaTeX macro \\mystery left out "
        "(its argument is kept)",
    ]
    assert load_catalog(catalog_dir).papers["case2020bare"].title == "Bare 50% of R&D Robots"


@pytest.mark.parametrize(
    ("field", "value", "key", "expected"),
    [
        ("doi", "10.1007/978-3-030-29135-8\\_9", "doi", "10.1007/978-3-030-29135-8_9"),
        ("doi", "{10.5555/A\\%2FB}", "doi", "10.5555/a%2fb"),
        ("url", "https://example.org/a\\_b", "links", {"paper": "https://example.org/a_b"}),
    ],
)
def test_identifiers_lose_their_latex_escapes(
    field: str, value: str, key: str, expected: object
) -> None:
    bib = "@article{k,\n  title = {T},\n  author = {Case, Ada},\n  year = 2020,\n"
    bib += f"  {field} = {{{value}}},\n}}\n"
    [entry] = parse_bibtex(bib).entries
    assert entry.data[key] == expected, entry
