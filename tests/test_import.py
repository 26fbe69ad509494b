from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from litcat.core.loader import load_catalog
from litcat.intake.bibtex import parse_bibtex

from .conftest import Cli, finished

REPO = Path(__file__).parent.parent
HEPML = REPO.parent / "shared" / "corpora" / "HEPML.bib"
# An entry's head, ``@article{`` or ``@misc(``: the blocks that are not entries left out.
ENTRY_HEAD = re.compile(r"^[ \t]*@(?!(?:comment|string|preamble)\b)\w+[ \t]*[{(]", re.M | re.I)

BIB = r"""% A small file with one of everything the importer meets.
@article{new1,
  Author = {Lind, Jonas and {BirdNet Collaboration} and others},
  Title = {{Radar} Views of {N}octurnal Migration at $\sqrt{s}$ scale},
  Journal = {Ibis},
  Year = {2019},
  DOI = {https://doi.org/10.5555/IBIS.2019.1},
}

@article{held,
  author = {Berg, Anna},
  title = {Flyways Revisited: GPS Tracks of Arctic Geese},
  year = {2021},
  eprint = {2101.01234},
  archivePrefix = {arXiv},
}

@misc{twice1,
  author = {Okoye, Chidi},
  title = {Stopover Ecology of Warblers},
  year = {2020},
  url = {https://arxiv.org/abs/2003.00001v2},
}

@misc{twice2,
  author = {Okoye, C.},
  title = {Stopover ecology of warblers},
  year = {2020},
  journal = {arXiv:2003.00001},
}

@article{noyear,
  author = {Nobody, Ann},
  title = {Undated Notes},
}

@article{broken,
  author = {Open, Brace,
  title = {Never closed

@article{same1,
  author = {Sato, Yui}, title = {Geese in Winter}, year = {2018}, doi = {not a doi},
}

@article{same2,
  author = {Sato, Ken}, title = {Geese of the North}, year = {2018},
  url = {ftp://example.org/paper.pdf},
}
"""


@pytest.fixture
def bib(tmp_path: Path) -> Path:
    path = tmp_path / "refs.bib"
    path.write_text(BIB, encoding="utf-8")
    return path


# -- conversion --------------------------------------------------------------------------------


def test_entries_become_record_data() -> None:
    parsed = parse_bibtex(BIB)
    by_key = {e.key: e for e in parsed.entries}
    new = by_key["new1"].data
    assert new["authors"] == ["Jonas Lind", "BirdNet Collaboration"]
    assert new["authors_incomplete"] is True
    assert new["title"] == "Radar Views of Nocturnal Migration at √(s) scale"
    assert new["venue"] == "Ibis"
    assert new["doi"] == "10.5555/ibis.2019.1"
    assert by_key["held"].data["arxiv"] == "2101.01234"
    assert by_key["twice1"].data["arxiv"] == "2003.00001"
    assert by_key["twice2"].data["arxiv"] == "2003.00001"
    assert "venue" not in by_key["twice2"].data  # an arXiv "journal" is no venue
    assert by_key["noyear"].missing == ["year"]
    assert by_key["same1"].notes == ["doi 'not a doi' is not a DOI; left out"]
    assert by_key["same2"].notes == ["url left out: only http:// and https:// links are allowed"]


def test_failed_blocks_keep_their_line() -> None:
    parsed = parse_bibtex(BIB)
    line = BIB.splitlines().index("@article{broken,") + 1
    assert [(f.line, f.key) for f in parsed.failed] == [(line, "broken")]
    assert "looking for field-value closing" in parsed.failed[0].message
    assert parsed.total == len(parsed.entries) + len(parsed.failed)


def test_latex_accents_and_unknown_macros() -> None:
    text = r"""@article{k, author = {M{\"u}ller, J{\'e}r{\^o}me and {\AA}str{\"o}m, Karl},
    title = {The \textsc{DecADe} of {Stra{\ss}e} Birds}, year = 2020}"""
    data = parse_bibtex(text).entries[0].data
    assert data["authors"] == ["Jérôme Müller", "Karl Åström"]
    assert data["title"] == "The DecADe of Straße Birds"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (r"$\pi_\texttt{RL}$: Online RL", "πRL: Online RL"),
        (r"{$\pi_{0}$}: a Flow Model", "π0: a Flow Model"),
        (r"$\pi_{0.5}$ and $\mathcal{L}_2$", "π0.5 and L2"),
        (r"RL$^2$ and $O(n^{2})$", "RL² and O(n²)"),
        (r"$O(n^k)$ and $x^{k+1}$", "O(n^k) and x^(k+1)"),
        (r"$Q_\lambda$ and $\text{RL}^{*}$", "Qλ and RL^*"),
        (r"Costs \$5_2 and \texttt{RL}", "Costs $5_2 and RL"),
    ],
)
def test_math_in_titles_reads_as_text(title: str, expected: str) -> None:
    entry = parse_bibtex(f"@article{{k, author = {{Ito, Ken}}, title = {{{title}}}, year = 2024}}")
    assert entry.entries[0].data["title"] == expected
    assert entry.entries[0].notes == []


@pytest.mark.parametrize(
    ("journal", "venue"),
    [
        ("arXiv preprint arXiv:2101.00001", None),
        ("CoRR", None),
        ("bioRxiv", None),
        ("SSRN Electronic Journal", None),
        ("Science Robotics", "Science Robotics"),
    ],
)
def test_a_preprint_server_is_no_venue(journal: str, venue: str | None) -> None:
    """The rule the list reader follows too (litcat.core.models.PREPRINT_SERVER)."""
    text = f"@article{{k, author = {{Ito, Ken}}, title = {{Swifts}}, journal = {{{journal}}}}}"
    assert parse_bibtex(text).entries[0].data.get("venue") == venue


def test_urls_and_identifiers_are_not_latex_decoded() -> None:
    text = r"""@misc{k, author = {Ito, Ken}, title = {Swifts}, year = 2020,
    url = {https://example.org/a%20b_c~d}, doi = {10.1000/a_b%c}}"""
    data = parse_bibtex(text).entries[0].data
    assert data["links"] == {"paper": "https://example.org/a%20b_c~d"}
    assert data["doi"] == "10.1000/a_b%c"


# -- the command -------------------------------------------------------------------------------


def test_import_accounts_for_every_entry(cli: Cli, catalog_dir: Path, bib: Path) -> None:
    result = cli(catalog_dir, "import-bibtex", str(bib), "--tag", "taxon=songbirds")
    assert result.exit_code == 1, result.output
    out = result.output
    assert (
        f"{bib.as_posix()}:10: skipped 'held': papers/berg2021flyways.yaml has the same arXiv id"
        in out
    )
    assert "skipped 'twice2': entry 'twice1' (line 18) has the same arXiv id" in out
    assert f"{bib.as_posix()}:32:1: entry 'noyear': no year; a record needs them" in out
    assert f"{bib.as_posix()}:37:1: entry 'broken': cannot parse: Unexpected block start" in out
    assert "warning: entry 'same1': doi 'not a doi' is not a DOI; left out" in out
    assert "8 entries: 4 imported, 2 skipped (already held), 2 reported" in out
    catalog = load_catalog(catalog_dir)
    assert not [p for p in catalog.problems if p.is_error]
    for pid in ("lind2019radar", "okoye2020stopover", "sato2018geese", "sato2018geese-2"):
        assert catalog.papers[pid].tags == {"taxon": ["songbirds"]}, pid


def test_dry_run_writes_nothing(cli: Cli, catalog_dir: Path, bib: Path) -> None:
    before = sorted((catalog_dir / "papers").iterdir())
    result = cli(catalog_dir, "import-bibtex", "--dry-run", str(bib))
    assert result.exit_code == 1, result.output
    assert "would write papers/sato2018geese-2.yaml" in result.output
    assert "4 would import" in result.output
    assert sorted((catalog_dir / "papers").iterdir()) == before


def test_import_twice_skips_everything_the_first_run_wrote(
    cli: Cli, catalog_dir: Path, bib: Path
) -> None:
    cli(catalog_dir, "import-bibtex", str(bib))
    result = cli(catalog_dir, "import-bibtex", str(bib))
    assert "8 entries: 0 imported, 6 skipped (already held), 2 reported" in result.output


def test_clean_file_exits_zero_with_progress_bar(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    path = tmp_path / "ok.bib"
    path.write_text("@article{a, author = {Ito, Ken}, title = {Swifts Aloft}, year = 2022}\n")
    result = cli(catalog_dir, "import-bibtex", "--progress", str(path))
    assert result.exit_code == 0, result.output
    assert "importing" in result.stderr
    assert "1 entries: 1 imported" in result.stderr


def test_unknown_tag_fails_before_importing(cli: Cli, catalog_dir: Path, bib: Path) -> None:
    result = cli(catalog_dir, "import-bibtex", str(bib), "--tag", "taxon=songbird")
    assert result.exit_code == 2, result.output
    assert "unknown Taxon value 'songbird' (did you mean 'songbirds'?)" in result.output
    assert len(list((catalog_dir / "papers").iterdir())) == 5


def test_file_that_is_not_utf8(cli: Cli, catalog_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "latin1.bib"
    path.write_bytes("@article{a, author = {M\u00fcller, A}}".encode("latin-1"))
    result = cli(catalog_dir, "import-bibtex", str(path))
    assert result.exit_code == 1, result.output
    assert "not UTF-8" in result.output
    assert "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.skipif(not HEPML.is_file(), reason=f"the HEPML corpus is not at {HEPML}")
def test_hepml_every_entry_imported_or_reported(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "hep"
    (root / "papers").mkdir(parents=True)
    shutil.copy(REPO / "tests/catalog/taxonomy.yaml", root / "taxonomy.yaml")
    text = HEPML.read_text(encoding="utf-8")
    result = cli(root, "import-bibtex", str(HEPML))
    summary = result.stderr.strip().splitlines()[-1]
    found = re.fullmatch(
        r"(\d+) entries: (\d+) imported, (\d+) skipped .*, (\d+) reported", summary
    )
    assert found, summary
    entries, imported, skipped, reported = (int(n) for n in found.groups())
    # Every entry of the file is counted: the summary's count is that of the entries' heads
    # (a second parse of the whole file took a fifth of the test).
    assert entries == len(ENTRY_HEAD.findall(text))
    assert imported + skipped + reported == entries, summary
    assert len(list((root / "papers").iterdir())) == imported
    assert result.exit_code == (1 if reported else 0), result.output
    catalog = load_catalog(root)
    assert not [p for p in catalog.problems if p.is_error]
    assert any(p.authors_incomplete for p in catalog.papers.values())


def test_braces_nested_past_any_title_are_kept_not_a_traceback(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    """The LaTeX decoder recurses per group: 5,000 nested braces (or deep math) would end the
    whole run in a RecursionError; the entry is imported with its text as written, and a
    note says why."""
    deep = "{" * 5000 + "Deep" + "}" * 5000
    bib = tmp_path / "deep.bib"
    bib.write_text(
        f"@article{{deep, title = {{{deep}}}, author = {{Ana Lopes}}, year = {{2020}}}}\n"
        f"@article{{math, title = {{${deep}$ Flows}}, author = {{Ben Moss}}, year = {{2021}}}}\n"
        "@article{fine, title = {Fine Title}, author = {Cy Dunn}, year = {2022}}\n",
        encoding="utf-8",
    )
    code, output = finished(cli(catalog_dir, "import-bibtex", str(bib)))
    assert "nested more than" in output
    assert "3 entries" in output
    catalog = load_catalog(catalog_dir)
    titles = {p.title for p in catalog.papers.values()}
    assert "Fine Title" in titles
    assert code in (0, 1)
