"""The benchmarks' generator makes catalogs that litcat accepts without a single problem."""

from __future__ import annotations

from pathlib import Path

from benchmarks.generate import HERE, choose_taxonomy, generate
from litcat.core.loader import load_catalog


def test_generated_catalog_validates_cleanly(tmp_path: Path) -> None:
    root = generate(tmp_path / "gen", 50, choose_taxonomy())
    catalog = load_catalog(root)
    assert catalog.problems == []
    assert len(catalog.papers) == 50


def test_generator_is_deterministic_and_reuses_its_output(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 30, HERE / "taxonomy.yaml", seed=7)
    second = generate(tmp_path / "b", 30, HERE / "taxonomy.yaml", seed=7)
    names = sorted(p.name for p in (first / "papers").iterdir())
    assert names == sorted(p.name for p in (second / "papers").iterdir())
    sample = names[3]
    assert (first / "papers" / sample).read_text() == (second / "papers" / sample).read_text()
    marker = first / "papers" / sample
    marker.write_text("changed", encoding="utf-8")
    generate(first, 30, HERE / "taxonomy.yaml", seed=7)
    assert marker.read_text(encoding="utf-8") == "changed"
