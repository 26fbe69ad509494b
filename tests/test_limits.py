"""Limits: oversized, overlong, deeply nested and self-multiplying input is refused with one
located message, using bounded memory, and nothing recursive ever sees the deep part."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from litcat.core import loader
from litcat.core.loader import TAXONOMY_MAX_BYTES, load_catalog
from litcat.core.reading.reader import MAX_BYTES, MAX_DEPTH, MAX_NODES, Document, parse, read

RECORD = "title: Limits\nauthors:\n  - Ada Case\nyear: 2020\nadded: 2024-05-01\n"


def billion_laughs(levels: int = 9, width: int = 9) -> str:
    text = "a0: &a0 [" + ", ".join(["lol"] * width) + "]\n"
    for i in range(1, levels):
        text += f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * width) + "]\n"
    return text


def peak_memory(run: Callable[[], Document]) -> tuple[Document, int]:
    tracemalloc.start()
    try:
        doc = run()
        return doc, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def only_problem(doc: Document) -> str:
    assert len(doc.problems) == 1, [p.format_text() for p in doc.problems]
    problem = doc.problems[0]
    assert problem.line >= 1 and problem.column >= 1
    assert doc.data is None
    return problem.format_text()


def test_record_over_64_kib_is_refused_without_parsing() -> None:
    raw = RECORD.encode() + b"notes: " + b"x" * MAX_BYTES
    doc, peak = peak_memory(lambda: parse(raw, "papers/big.yaml"))
    assert "over the limit of 65,536" in only_problem(doc)
    assert doc.root is None
    assert peak < 1_000_000


def test_huge_file_is_never_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.write(RECORD.encode())
        handle.truncate(1 << 30)  # sparse: a gigabyte on paper, nothing on disk
    doc, peak = peak_memory(lambda: read(path, "papers/huge.yaml"))
    assert "file is 1,073,741,824 bytes, over the limit" in only_problem(doc)
    assert peak < 4 * MAX_BYTES


def test_record_of_exactly_64_kib_is_parsed() -> None:
    raw = (RECORD + "notes: |\n").encode()
    raw += b"  " + b"y" * (MAX_BYTES - len(raw) - 3) + b"\n"
    assert len(raw) == MAX_BYTES
    doc = parse(raw, "papers/edge.yaml")
    assert doc.problems == []
    assert isinstance(doc.data, dict)


def test_overlong_string_is_refused_without_echoing_it(catalog_dir: Path) -> None:
    title = "T" * 60_000
    (catalog_dir / "papers" / "long.yaml").write_text(RECORD.replace("Limits", title))
    catalog = load_catalog(catalog_dir)
    lines = [p.format_text() for p in catalog.problems if p.file == "papers/long.yaml"]
    assert lines == ["papers/long.yaml:1:8: title: string should have at most 500 characters"]


DEEP_INPUTS = {
    "flow sequences": "a: " + "[" * 5_000 + "]" * 5_000 + "\n",
    "flow mappings": "a: " + "{a: " * 3_000 + "x" + "}" * 3_000 + "\n",
    "compact block sequences": "- " * 30_000 + "x\n",
    "explicit keys": "? " * 30_000 + "x\n",
    "indented mappings": "".join(" " * i + f"k{i}:\n" for i in range(300)),
    "just past the limit": "a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "\n",
    "block, short file": "- " * (MAX_DEPTH + 2) + "x\n",
}


@pytest.mark.parametrize("name", sorted(DEEP_INPUTS))
def test_deep_nesting_is_refused(name: str) -> None:
    raw = DEEP_INPUTS[name].encode()
    assert len(raw) <= MAX_BYTES
    doc = parse(raw, "papers/deep.yaml")
    assert f"nesting is deeper than {MAX_DEPTH} levels" in only_problem(doc)


def test_nesting_at_the_limit_is_allowed() -> None:
    doc = parse(("a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n").encode(), "papers/ok.yaml")
    assert doc.problems == []


def test_brackets_inside_text_are_not_nesting(catalog_dir: Path) -> None:
    notes = "Uses the notation [[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]] and {{{{{{{{{{{{{{{{{{y."
    (catalog_dir / "papers" / "brackets.yaml").write_text(RECORD + f"notes: '{notes}'\n")
    catalog = load_catalog(catalog_dir)
    assert catalog.problems == []
    assert catalog.papers["brackets"].notes == notes


def test_deep_taxonomy_sized_input_is_measured_before_composing() -> None:
    """Up to 4 MiB of taxonomy: far past libyaml's own nesting cap, refused all the same."""
    raw = ("- " * 1_500_000 + "x\n").encode()
    doc, peak = peak_memory(lambda: parse(raw, "taxonomy.yaml", max_bytes=4 * 1024 * 1024))
    assert "nesting is deeper than" in only_problem(doc)
    assert peak < 64 * 1024 * 1024


def test_deep_input_cannot_crash_the_interpreter() -> None:
    """Run in a child process: a C stack overflow would kill it with a signal, not raise."""
    script = textwrap.dedent(
        """
        from litcat.core.reading.reader import parse
        inputs = [
            "[" * 60_000 + "]" * 60_000,
            "- " * 60_000 + "x",
            "? " * 60_000 + "x",
            "".join(" " * i + "- \\n" for i in range(900)),
        ]
        for text in inputs:
            doc = parse(text.encode(), "deep.yaml", max_bytes=1 << 22)
            assert len(doc.problems) == 1, doc.problems
            print(doc.problems[0].message)
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("nesting is deeper than") == 4, proc.stdout


def test_billion_laughs_is_refused_at_its_first_alias() -> None:
    doc, peak = peak_memory(lambda: parse(billion_laughs().encode(), "papers/lol.yaml"))
    assert only_problem(doc) == (
        "papers/lol.yaml:2:10: alias *a0: anchors and aliases are not allowed (write the value out)"
    )
    assert peak < 1_000_000


def test_many_aliases_give_one_message() -> None:
    text = "a: &a x\nb: [" + ", ".join(["*a"] * 15_000) + "]\n"
    doc = parse(text.encode(), "papers/aliases.yaml")
    assert "anchors and aliases are not allowed" in only_problem(doc)


def test_too_many_values_give_one_message() -> None:
    text = "a: [" + ",".join(["1"] * (MAX_NODES + 10)) + "]\n"
    assert len(text) <= MAX_BYTES
    doc = parse(text.encode(), "papers/many.yaml")
    assert f"more than {MAX_NODES:,} values in one file" in only_problem(doc)


def test_long_key_is_a_located_syntax_error() -> None:
    doc = parse(("k" * 60_000 + ": v\n").encode(), "papers/key.yaml")
    text = only_problem(doc)
    assert text.startswith("papers/key.yaml:1:")
    assert len(text) < 200


def test_security_page_states_the_limits_in_force() -> None:
    page = (Path(__file__).parent.parent / "docs" / "security.md").read_text(encoding="utf-8")
    assert f"at most {MAX_BYTES // 1024} KiB" in page
    assert f"the taxonomy {TAXONOMY_MAX_BYTES // (1024 * 1024)} MiB" in page
    assert f"deeper than {MAX_DEPTH} levels" in page
    assert f"at most {MAX_NODES:,} values" in page


@pytest.mark.usefixtures("collector_unfrozen")
def test_what_loading_made_goes_to_the_oldest_generation(
    catalog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The collector is paused while loading; what a large load made then counts as
    # long-lived, so the first allocation afterwards does not scan all of it in a young
    # collection. (The five records of the test catalog stand for a thousand.)
    monkeypatch.setattr(loader, "LONG_LIVED_FROM", len(list((catalog_dir / "papers").iterdir())))
    gc.collect(1)  # the young generations empty: only the move brings the papers to the oldest
    catalog = load_catalog(catalog_dir)
    assert gc.isenabled()
    assert gc.get_freeze_count() == 0
    oldest = {id(found) for found in gc.get_objects(generation=2)}
    assert all(id(paper) in oldest for paper in catalog.papers.values())


@pytest.mark.usefixtures("collector_unfrozen")
def test_a_small_load_leaves_the_collector_s_generations_alone(
    catalog_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below a thousand records nothing is moved, and what the process froze is not walked
    to find out whether anything is (a server that forks freezes its whole heap)."""

    def walked() -> int:
        raise AssertionError("the frozen objects were counted")

    monkeypatch.setattr(gc, "get_freeze_count", walked)
    freeze = gc.freeze
    moved: list[bool] = []

    def spy() -> None:
        moved.append(True)
        freeze()

    monkeypatch.setattr(gc, "freeze", spy)
    catalog = load_catalog(catalog_dir)
    assert catalog.ok and len(catalog.papers) < loader.LONG_LIVED_FROM
    assert gc.isenabled() and not moved
