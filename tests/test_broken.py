"""The broken-input corpus: every case fails with located messages, the same ones every time.

Each file under ``tests/broken/records/`` is dropped into a copy of the test catalog's
``papers/``; each file under ``tests/broken/taxonomy/`` replaces its ``taxonomy.yaml``. The
exact output of ``litcat validate`` is kept under ``tests/broken/expected/``; regenerate it
with ``LITCAT_UPDATE_GOLDEN=1 pytest tests/test_broken.py`` and read the diff before committing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result

from .conftest import Cli, check_golden

TESTS = Path(__file__).parent
BROKEN = TESTS / "broken"
RECORDS = BROKEN / "records"
TAXONOMIES = BROKEN / "taxonomy"
EXPECTED = BROKEN / "expected"
# Near-identical titles are a warning: they only fail a run with --strict.
STRICT = frozenset({"dup-title.yaml"})
LOCATED = re.compile(r"^(?P<file>[^:]+):(?P<line>[1-9]\d*):(?P<column>[1-9]\d*): \S")
# The newest valid year moves with the calendar; goldens name it instead of holding it.
NEXT_YEAR = str(dt.date.today().year + 1)

LITCAT = [sys.executable, "-c", "from litcat.cli import main; main()"]

RECORD_CASES = sorted(p.name for p in RECORDS.iterdir())
TAXONOMY_CASES = sorted(p.name for p in TAXONOMIES.glob("*.yaml"))


def place(case: Path, papers: Path) -> None:
    if case.is_dir():
        shutil.copytree(case, papers / case.name)
    else:
        shutil.copyfile(case, papers / case.name)


def transcript(result: Result) -> str:
    stdout = result.stdout.replace(NEXT_YEAR, "<next year>")
    return f"{stdout}# stderr: {result.stderr.strip()}\n# exit: {result.exit_code}\n"


def check_failure(result: Result, file: str, source: Path | None) -> None:
    """Exit 1, no traceback, and every printed line located in ``file`` (within ``source``)."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    lines = result.stdout.splitlines()
    assert lines, "no problem reported"
    limit = len(source.read_bytes().splitlines()) + 1 if source and source.is_file() else 1
    for line in lines:
        match = LOCATED.match(line)
        assert match, f"not located: {line!r}"
        assert match["file"] == file, line
        assert int(match["line"]) <= limit, line


def golden_lines(name: str) -> set[str]:
    text = (EXPECTED / name).read_text(encoding="utf-8").replace("<next year>", NEXT_YEAR)
    return {line for line in text.splitlines() if not line.startswith("# ")}


def test_corpus_is_large_enough() -> None:
    assert len(RECORD_CASES) + len(TAXONOMY_CASES) >= 40
    assert len(RECORD_CASES) >= 40


@pytest.mark.parametrize("case", RECORD_CASES)
def test_broken_record(cli: Cli, case: str, catalog_dir: Path) -> None:
    place(RECORDS / case, catalog_dir / "papers")
    result = cli(catalog_dir, "validate", *(["--strict"] if case in STRICT else []))
    check_failure(result, f"papers/{case}", RECORDS / case)
    check_golden(EXPECTED / f"records/{case}.txt", transcript(result))


@pytest.mark.parametrize("case", TAXONOMY_CASES)
def test_broken_taxonomy(cli: Cli, case: str, catalog_dir: Path) -> None:
    shutil.copyfile(TAXONOMIES / case, catalog_dir / "taxonomy.yaml")
    result = cli(catalog_dir, "validate")
    check_failure(result, "taxonomy.yaml", TAXONOMIES / case)
    check_golden(EXPECTED / f"taxonomy/{case}.txt", transcript(result))


def test_every_record_case_in_one_run(cli: Cli, catalog_dir: Path) -> None:
    """A catalog holding all the broken records reports every one of their problems at once."""
    papers = catalog_dir / "papers"
    for case in RECORD_CASES:
        place(RECORDS / case, papers)
    result = cli(catalog_dir, "validate")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    expected: set[str] = set()
    for case in RECORD_CASES:
        expected |= golden_lines(f"records/{case}.txt")
    got = set(result.stdout.splitlines())
    assert got == expected
    reported = {LOCATED.match(line)["file"] for line in got}  # type: ignore[index]
    assert reported == {f"papers/{case}" for case in RECORD_CASES}


def test_three_mistakes_give_three_located_messages(cli: Cli, catalog_dir: Path) -> None:
    place(RECORDS / "three-mistakes.yaml", catalog_dir / "papers")
    result = cli(catalog_dir, "validate")
    lines = result.stdout.splitlines()
    assert len(lines) == 3, result.output
    fields = [line.split(": ")[1] for line in lines]
    assert sorted(fields) == ["links.code", "titel", "year"]


def test_the_command_itself_never_prints_a_traceback(tmp_path: Path) -> None:
    """The real console entry point, on all the record cases, in all three formats."""
    root = tmp_path / "catalog"
    shutil.copytree(TESTS / "catalog", root)
    for case in RECORD_CASES:
        place(RECORDS / case, root / "papers")
    outputs = {}
    for fmt in ("text", "github", "json"):
        proc = subprocess.run(
            [*LITCAT, "--root", str(root), "validate", "--format", fmt],
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 1, proc.stderr
        assert "Traceback" not in proc.stderr + proc.stdout
        outputs[fmt] = proc.stdout
    github = outputs["github"].splitlines()
    assert github
    assert all(re.match(r"^::(error|warning) file=[^,]+,line=\d+,col=\d+::", g) for g in github)
    problems = json.loads(outputs["json"])
    assert len(problems) == len(github) == len(outputs["text"].splitlines())
    assert all(p["line"] >= 1 and p["column"] >= 1 and p["file"] for p in problems)


def test_symbolic_link_in_papers_is_refused(cli: Cli, catalog_dir: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: not for the site\n")
    (catalog_dir / "papers" / "linked.yaml").symlink_to(secret)
    result = cli(catalog_dir, "validate")
    check_failure(result, "papers/linked.yaml", None)
    assert "symbolic link" in result.stdout
    assert "not for the site" not in result.output


@pytest.mark.parametrize(
    ("remove", "message"),
    [
        ("taxonomy.yaml", "taxonomy.yaml:1:1: no taxonomy.yaml"),
        ("papers", "papers:1:1: no papers/"),
    ],
)
def test_catalog_without_its_parts(cli: Cli, catalog_dir: Path, remove: str, message: str) -> None:
    target = catalog_dir / remove
    if target.is_dir():
        shutil.rmtree(target)
    else:
        target.unlink()
    result = cli(catalog_dir, "validate")
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith(message)
