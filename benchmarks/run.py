"""The benchmark runner (`make bench`): generate catalogs, measure every step, write RESULTS.md.

    python -m benchmarks.run                 # N = 2,000 and 10,000, validate alone at 100,000
    python -m benchmarks.run --sizes 1000 --big 0 --no-write   # a quick look

Every measured step runs in its own subprocess, so that its peak memory is its own.
Generated catalogs are kept in benchmarks/out/ (git-ignored) and reused while they match.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from . import browser, report, site
from .generate import HERE, choose_taxonomy, generate
from .measure import BIN, PYTHON, Step, load_average, machine, measure, measure_pair

OUT = HERE / "out"
RESULTS = HERE / "RESULTS.md"


def reps_for(papers: int, quick: int, slow: int) -> int:
    return quick if papers <= 10_000 else slow


def validate_steps(root: Path, papers: int) -> dict[str, Step]:
    """The parse floor, load_catalog in process, and the CLI; the floor and the CLI in turn,
    so that their ratio (the whole processes, start-up included) shares any drift in load."""
    reps = reps_for(papers, 5, 1)
    paired = measure_pair(
        {
            "parse floor": [PYTHON, "-m", "benchmarks.probe", "floor", str(root)],
            "litcat validate": [str(BIN / "litcat"), "--root", str(root), "validate"],
        },
        reps,
    )
    return {
        "floor": paired["parse floor"],
        "load": measure(
            "load_catalog", [PYTHON, "-m", "benchmarks.probe", "load", str(root)], reps
        ),
        "validate": paired["litcat validate"],
    }


def bench_size(papers: int, taxonomy: Path, with_site: bool) -> dict[str, Any]:
    print(f"N = {papers:,}", flush=True)
    root = generate(OUT / f"n{papers}", papers, taxonomy)
    result: dict[str, Any] = {"papers": papers, "load_average": load_average()}
    steps = validate_steps(root, papers)
    if with_site:
        work = OUT / f"n{papers}-site"
        steps.update(site.site_steps(root, work, papers))
        result.update(site.sizes(work, papers))
        if (work / "site" / browser.EXPLORER).is_dir():
            result["explorer_data"] = browser.data_sizes(work / "site", papers)
            result["per_paper"]["explorer_gzip"] = result["explorer_data"][
                "first_view_gzip_per_paper"
            ]
            if papers >= 10_000:
                print("  explorer in Chromium ...", flush=True)
                result["explorer"] = browser.measure_explorer(work / "site")
    result["steps"] = {name: _summary(step) for name, step in steps.items()}
    return result


def _summary(step: Step) -> dict[str, Any]:
    return {
        "wall": step.wall,
        "cpu": step.cpu,
        "peak_mib": step.peak_mib,
        "runs": len(step.runs),
        "seconds": step.reported("seconds") if "seconds" in step.runs[0].report else None,
        "work_cpu": step.reported("cpu") if "cpu" in step.runs[0].report else None,
        # Run by run: steps measured in turn (measure_pair) are compared pair by pair.
        "cpu_runs": [run.cpu for run in step.runs],
        "wall_runs": [run.wall for run in step.runs],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,10000", help="catalog sizes, comma-separated")
    parser.add_argument("--big", type=int, default=100_000, help="validate alone at this size")
    parser.add_argument("--no-site", action="store_true", help="validate steps only")
    parser.add_argument("--no-write", action="store_true", help="do not rewrite RESULTS.md")
    parser.add_argument(
        "--report-only", action="store_true", help="rewrite RESULTS.md from the last run's figures"
    )
    args = parser.parse_args()
    if args.report_only:
        last = json.loads((OUT / "results.json").read_text(encoding="utf-8"))
        RESULTS.write_text(report.render(last), encoding="utf-8")
        return
    taxonomy = choose_taxonomy()
    results: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "taxonomy": str(taxonomy.relative_to(HERE.parent)),
        "sizes": [
            bench_size(int(n), taxonomy, not args.no_site) for n in args.sizes.split(",") if n
        ],
    }
    if args.big:
        results["sizes"].append(bench_size(args.big, taxonomy, False))
    OUT.mkdir(exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
    text = report.render(results)
    print(text)
    if not args.no_write:
        RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
