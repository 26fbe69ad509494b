"""Two commands writing one catalog at once: the second waits, then sees the first's records."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from litcat.core.loader import load_catalog
from litcat.store.lock import LOCK_FILE, catalog_lock

LITCAT = [sys.executable, "-c", "from litcat.cli import main; main()"]
N = 40


def bibtex(n: int) -> str:
    return "".join(
        f"@article{{k{i},\n  title = {{Study Number {i} of Migration}},\n"
        f"  author = {{Case, Ada and Lind, Jonas}},\n  year = {{2020}},\n}}\n"
        for i in range(n)
    )


def start(root: Path, bib: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*LITCAT, "--root", str(root), "import-bibtex", str(bib)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_imports_at_once_write_each_paper_once(catalog_dir: Path, tmp_path: Path) -> None:
    bib = tmp_path / "many.bib"
    bib.write_text(bibtex(N), encoding="utf-8")
    before = len(load_catalog(catalog_dir).papers)
    runs = [start(catalog_dir, bib) for _ in range(2)]
    outputs = [run.communicate(timeout=120) for run in runs]
    summaries = sorted(err.strip().splitlines()[-1] for _, err in outputs)
    assert summaries == [
        f"{N} entries: 0 imported, {N} skipped (already held), 0 reported",
        f"{N} entries: {N} imported, 0 skipped (already held), 0 reported",
    ], outputs
    catalog = load_catalog(catalog_dir)
    assert len(catalog.papers) == before + N
    titles = [paper.title for paper in catalog.papers.values()]
    assert len(titles) == len(set(titles)), "a paper was written twice"
    assert not (catalog_dir / "papers" / LOCK_FILE).exists()


def test_an_import_waits_for_the_lock_and_then_sees_what_was_written(
    catalog_dir: Path, tmp_path: Path
) -> None:
    bib = tmp_path / "two.bib"
    bib.write_text(bibtex(2), encoding="utf-8")
    papers = catalog_dir / "papers"
    with catalog_lock(papers):
        run = start(catalog_dir, bib)
        assert run.stderr is not None
        assert "waiting for another litcat command" in run.stderr.readline()
        assert not list(papers.glob("case2020study*.yaml"))
        # Meanwhile "another command" writes the first paper.
        first = "title: Study Number 0 of Migration\nauthors:\n  - Ada Case\n  - Jonas Lind\n"
        (papers / "case2020study.yaml").write_text(first + "year: 2020\nadded: 2026-01-15\n")
    _, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert "2 entries: 1 imported, 1 skipped (already held), 0 reported" in err
    assert sorted(p.name for p in papers.glob("case2020study*.yaml")) == [
        "case2020study-2.yaml",
        "case2020study.yaml",
    ]


def test_the_lock_file_is_not_a_record(catalog_dir: Path) -> None:
    with catalog_lock(catalog_dir / "papers"):
        assert (catalog_dir / "papers" / LOCK_FILE).exists()
        assert load_catalog(catalog_dir).problems == load_catalog(catalog_dir).problems
        assert not [p for p in load_catalog(catalog_dir).problems if LOCK_FILE in p.file]
    assert not (catalog_dir / "papers" / LOCK_FILE).exists()


def test_import_markdown_waits_for_the_lock(catalog_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "list.md"
    source.write_text(
        "# L\n\n## Topic\n\n- [Study Number 0 of Migration](https://arxiv.org/abs/2001.00001)\n",
        encoding="utf-8",
    )
    papers = catalog_dir / "papers"
    with catalog_lock(papers):
        run = subprocess.Popen(
            [*LITCAT, "--root", str(catalog_dir), "import-markdown", str(source)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert run.stderr is not None
        assert "waiting for another litcat command" in run.stderr.readline()
        first = "title: Study Number 0 of Migration\narxiv: '2001.00001'\nauthors:\n  - Ada Case\n"
        (papers / "case2020study.yaml").write_text(first + "year: 2020\nadded: 2026-01-15\n")
    _, err = run.communicate(timeout=120)
    assert "1 held already" in err, err
    assert [p.name for p in papers.glob("*2020study*.yaml")] == ["case2020study.yaml"]
