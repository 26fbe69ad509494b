"""Timed work run in a child process by the runner; prints one JSON line of figures.

    python -m benchmarks.probe floor ROOT   # read + libyaml parse of every record, nothing else
    python -m benchmarks.probe load ROOT    # litcat's load_catalog (both validation phases)

Timing starts after the imports, so the figure is the work itself; the runner measures the
process from outside as well (wall time with start-up, and peak memory).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import yaml


def floor(root: Path) -> dict[str, float]:
    """The parse floor: what any YAML-based tool must pay to read these files."""
    start, cpu = time.perf_counter(), time.process_time()
    count = 0
    for path in sorted((root / "papers").iterdir()):
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        count += 1
    return {
        "seconds": time.perf_counter() - start,
        "cpu": time.process_time() - cpu,
        "records": count,
    }


def load(root: Path) -> dict[str, float]:
    from litcat.core.loader import load_catalog

    start, cpu = time.perf_counter(), time.process_time()
    catalog = load_catalog(root)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    if catalog.problems:
        raise SystemExit(f"generated catalog has problems: {catalog.problems[:3]}")
    return {"seconds": seconds, "cpu": cpu, "records": len(catalog.papers)}


def main() -> None:
    what, root = sys.argv[1], Path(sys.argv[2])
    probes = {"floor": floor, "load": load}
    print(json.dumps(probes[what](root)))


if __name__ == "__main__":
    main()
