"""Commands that meet a hostile system: each says what and where, and exits 1, no traceback.

A read-only checkout, a record that vanishes mid-run, a terminal that is neither UTF-8 nor
ASCII, a BibTeX file in another encoding, an output folder that is the catalog itself, and
records whose line endings are CRLF or a lone CR.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from litcat.core.loader import load_catalog
from litcat.store.fmt import format_catalog

from .conftest import REPO, Cli, finished

LITCAT = [sys.executable, "-c", "from litcat.cli import main; main()"]
BIB = "@article{k,\n  title = {A Study of Things},\n  author = {Case, Ada},\n  year = {2020},\n}\n"


# -- a read-only checkout -------------------------------------------------------------------------


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every new file is refused as a read-only file system refuses it (tests may run as root,
    whom folder modes do not stop)."""

    def refuse(*args: Any, dir: str | None = None, **kwargs: Any) -> Any:
        raise OSError(errno.EROFS, "Read-only file system", dir)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)


COMMANDS = {
    "fmt": (["fmt"], "papers/"),
    "add": (["add", "--bibtex", "{bib}"], "papers/case2020study.yaml"),
    "import-bibtex": (["import-bibtex", "{bib}"], "papers/case2020study.yaml"),
    "export -o": (["export", "--format", "bibtex", "-o", "{out}/catalog.bib"], "catalog.bib"),
    "render": (["render", "--out", "{out}/site", "--templates", "{templates}"], "site/"),
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_read_only_checkout_is_named_not_a_traceback(
    cli: Cli, catalog_dir: Path, tmp_path: Path, read_only: None, command: str
) -> None:
    args, named = COMMANDS[command]
    bib = tmp_path / "one.bib"
    bib.write_text(BIB, encoding="utf-8")
    if command == "fmt":
        path = catalog_dir / "papers" / "lind2024lab.yaml"
        path.write_text(path.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    filled = [a.format(bib=bib, out=tmp_path, templates=REPO / "templates") for a in args]
    result = cli(catalog_dir, *filled)
    code, output = finished(result)
    assert code == 1, output
    assert "Read-only file system (is the folder read-only?)" in output, output
    assert "cannot write" in output and named in output, output


def test_a_record_that_vanishes_while_fmt_runs_is_skipped_with_its_path(catalog_dir: Path) -> None:
    path = catalog_dir / "papers" / "lind2024lab.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    catalog = load_catalog(catalog_dir)
    path.unlink()
    result = format_catalog(catalog, write=True)
    assert result.skipped == [
        ("papers/lind2024lab.yaml", "cannot read it any more: No such file or directory")
    ]


# -- output encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["latin-1", "ascii", "cp1252"])
def test_a_narrow_terminal_gets_escapes_not_a_traceback(catalog_dir: Path, encoding: str) -> None:
    (catalog_dir / "papers" / "wide2020study.yaml").write_text(
        "title: 机器人学习\nauthors:\n  - Ада Кейс\nyear: 2020\nadded: 2024-05-01\n"
        "tags:\n  method: [全球]\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    run = subprocess.run(
        [*LITCAT, "--root", str(catalog_dir), "validate"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert b"Traceback" not in run.stderr, run.stderr
    assert run.returncode == 1
    # click writes UTF-8 to a terminal that says ASCII (a misconfigured locale); others escape.
    shown = "\\u5168\\u7403" if encoding != "ascii" else "全球"
    assert f"unknown Method value '{shown}'".encode() in run.stdout, run.stdout


def test_an_export_to_a_narrow_terminal_is_utf8(catalog_dir: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    run = subprocess.run(
        [*LITCAT, "--root", str(catalog_dir), "export", "--format", "bibtex"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Émile Durand".encode() in run.stdout


# -- BibTeX files in other encodings ------------------------------------------------------------


@pytest.mark.parametrize("command", ["add", "import-bibtex"])
@pytest.mark.parametrize(
    ("raw", "where", "what"),
    [
        (BIB.replace("Ada", "Ad\u00e9").encode("latin-1"), ":3:21:", "byte 0xe9 is not UTF-8"),
        (BIB.encode("utf-16"), ":1:1:", "file is UTF-16, not UTF-8"),
        (b"@article{k,\n  title = {\xff}}\n", ":2:12:", "byte 0xff is not UTF-8"),
    ],
)
def test_a_bibtex_file_that_is_not_utf8_is_located(
    cli: Cli, catalog_dir: Path, tmp_path: Path, command: str, raw: bytes, where: str, what: str
) -> None:
    bib = tmp_path / "thesis.bib"
    bib.write_bytes(raw)
    args = ["add", "--bibtex", str(bib)] if command == "add" else ["import-bibtex", str(bib)]
    code, output = finished(cli(catalog_dir, *args))
    assert code == 1, output
    assert f"{bib.as_posix()}{where} {what} (save the file as UTF-8)" in output, output
    assert not (catalog_dir / "papers" / "case2020study.yaml").exists()


def test_a_utf8_bibtex_with_a_byte_order_mark_is_read(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    bib = tmp_path / "bom.bib"
    bib.write_bytes(b"\xef\xbb\xbf" + BIB.encode())
    code, output = finished(cli(catalog_dir, "add", "--bibtex", str(bib)))
    assert code == 0, output


# -- render --out --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "out", [".", "papers", "papers/site", "templates", "templates/x", "..", "../.."]
)
def test_render_refuses_to_write_into_the_catalog(cli: Cli, catalog_dir: Path, out: str) -> None:
    (catalog_dir / "templates").mkdir(exist_ok=True)
    before = sorted(p.name for p in (catalog_dir / "papers").iterdir())
    code, output = finished(cli(catalog_dir, "render", "--out", str(catalog_dir / out)))
    assert code == 1, output
    assert "choose a folder of its own" in output
    assert sorted(p.name for p in (catalog_dir / "papers").iterdir()) == before


def test_render_refuses_the_catalog_through_a_symbolic_link(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "link").symlink_to(catalog_dir / "papers")
    code, output = finished(cli(catalog_dir, "render", "--out", str(tmp_path / "link")))
    assert code == 1 and "papers/" in output, output


# -- line endings --------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\r\n", "\r", "mixed"])
@pytest.mark.parametrize("header", ["", "# yaml-language-server: $schema=../schema.json\n"])
def test_fmt_normalises_crlf_and_lone_cr(
    cli: Cli, catalog_dir: Path, newline: str, header: str
) -> None:
    path = catalog_dir / "papers" / "lind2024lab.yaml"
    canonical = header + path.read_text(encoding="utf-8")
    path.write_bytes(canonical.encode())
    assert finished(cli(catalog_dir, "fmt", "--check"))[0] == 0
    if newline == "mixed":
        lines = canonical.split("\n")
        text = "\r\n".join(lines[:3]) + "\r" + "\n".join(lines[3:])
    else:
        text = canonical.replace("\n", newline)
    path.write_bytes(text.encode())
    code, output = finished(cli(catalog_dir, "fmt", "--check"))
    assert (code, output) == (1, "would reformat papers/lind2024lab.yaml\n")
    assert finished(cli(catalog_dir, "fmt"))[0] == 0
    assert path.read_bytes() == canonical.encode()
    assert finished(cli(catalog_dir, "fmt", "--check"))[0] == 0
