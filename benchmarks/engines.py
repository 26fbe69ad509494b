"""One catalog built both ways: MkDocs with the litcat plugin, and Zensical on the project that
``litcat render --engine zensical`` writes (issue 24).

    python -m benchmarks.engines --papers 2000 --runs 3

Progress lines come first on standard output, then the figures as one JSON object.

The generated catalog gets the repository's mkdocs.yml (with its docs/ and the plugin), so both
engines read the same settings. The three commands run in turn, round after round, so that a
drift in the machine's load touches each alike: the MkDocs build, the render into an empty
folder, and ``zensical build --clean`` of that folder (no cache from an earlier build).
"""

from __future__ import annotations

import argparse
import json
import shutil
from pathlib import Path
from typing import Any

from .generate import choose_taxonomy, generate
from .measure import BIN, Step, load_average, measure_pair
from .run import OUT
from .site import plugin_config, write_config


def site_figures(site: Path) -> dict[str, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}


def measure_engines(papers: int, runs: int) -> dict[str, Any]:
    root = generate(OUT / f"n{papers}", papers, choose_taxonomy())
    work = OUT / f"n{papers}-engines"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    config = write_config(root / "mkdocs.yml", plugin_config(root, work / "mkdocs-site"))
    project = work / "zensical"
    render = f"rm -rf '{project}' && '{BIN / 'litcat'}' --root '{root}' render"
    render += f" --engine zensical --out '{project}'"
    commands = {
        "mkdocs build, plugin": [str(BIN / "mkdocs"), "build", "-q", "-f", str(config)],
        "litcat render --engine zensical": ["sh", "-c", render],
        "zensical build --clean": [
            "sh",
            "-c",
            f"cd '{project}' && '{BIN / 'zensical'}' build --clean",
        ],
    }
    load = load_average()
    steps = measure_pair(commands, runs)
    return {
        "papers": papers,
        "load_average": load,
        "steps": {name: _summary(step) for name, step in steps.items()},
        "sites": {
            "mkdocs": site_figures(work / "mkdocs-site"),
            "zensical": site_figures(project / "site"),
        },
    }


def _summary(step: Step) -> dict[str, Any]:
    return {
        "wall": [round(r.wall, 2) for r in step.runs],
        "cpu": [round(r.cpu, 2) for r in step.runs],
        "median_wall": round(step.wall, 2),
        "median_cpu": round(step.cpu, 2),
        "peak_mib": round(step.peak_mib),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(measure_engines(args.papers, args.runs), indent=2))


if __name__ == "__main__":
    main()
