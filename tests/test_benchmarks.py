"""The benchmarks' generator makes catalogs that litcat accepts without a single problem."""

from __future__ import annotations

import statistics
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


def _step(cpu: list[float]) -> dict[str, object]:
    return {
        "wall": statistics.median(cpu),
        "cpu": statistics.median(cpu),
        "peak_mib": 50.0,
        "runs": len(cpu),
        "seconds": None,
        "work_cpu": 1.0,
        "cpu_runs": cpu,
        "wall_runs": cpu,
    }


def test_the_report_gives_each_ratio_pair_by_pair_with_its_spread() -> None:
    from benchmarks import report

    # Pair by pair, 2.0/1.0, 3.3/3.0 and 4.4/4.0: the median ratio is 1.1, which the ratio of the
    # medians (3.3/3.0) would also give, but not the min and the max.
    small = {"lightest": _step([1.0, 3.0, 4.0]), "plugin": _step([2.0, 3.3, 4.4])}
    # The lightest build's target is judged at 2,000 papers; 10,000 (over it here) is shown.
    large = {"lightest": _step([1.0]), "plugin": _step([1.5])}
    large |= {"floor": _step([1.0, 1.0]), "validate": _step([1.2, 1.4]), "load": _step([1.0])}
    results = {
        "taxonomy": "taxonomy.yaml",
        "machine": {},
        "sizes": [{"papers": 2_000, "steps": small}, {"papers": 10_000, "steps": large}],
    }
    text = report.render(results)
    light = next(line for line in text.splitlines() if "its lightest build" in line)
    assert "2,000: 3.3 / 3.0 s CPU, **1.10x (1.10 to 2.00, 3 pairs)**" in light
    assert "10,000: 1.5 / 1.0 s CPU, **1.50x (1 pair)**" in light
    assert light.endswith("| yes |")
    small["plugin"] = _step([2.0, 4.0, 6.0])
    light = next(line for line in report.render(results).splitlines() if "lightest build" in line)
    assert light.endswith("| **no** |")
    validate = next(line for line in text.splitlines() if "10,000 records" in line)
    assert "**1.30x (1.20 to 1.40, 2 pairs)**" in validate and validate.endswith("| yes |")
