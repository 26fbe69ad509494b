"""Running one measured step in a subprocess: its wall time, its own timing, its peak memory."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import yaml

PYTHON = sys.executable
BIN = Path(PYTHON).parent


@dataclass
class Run:
    """One run of a step, seen from outside: wall and CPU seconds, peak RSS in MiB; and the
    figures the step printed about its own work."""

    wall: float
    cpu: float
    peak_mib: float
    report: dict[str, float] = field(default_factory=dict)


@dataclass
class Step:
    """Several runs of one step, summarised by their medians."""

    name: str
    runs: list[Run]

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(r.peak_mib for r in self.runs)

    def reported(self, key: str) -> float:
        return statistics.median(r.report[key] for r in self.runs)


class StepFailed(RuntimeError):
    pass


# GNU time reports the peak RSS of the command alone. Reading ru_maxrss of our own child
# would not: Linux carries the high-water mark across exec, so every child would count the
# runner's own memory too.
GNU_TIME = "/usr/bin/time"


def run_once(cmd: list[str], cwd: Path | None = None) -> Run:
    """Run ``cmd`` under GNU time: wall seconds, CPU seconds and peak memory of that command."""
    # The previous step's files go to disk first: a step that writes while another's writes
    # are pending is throttled by the kernel, and pays for them in its own system time.
    os.sync()
    with tempfile.NamedTemporaryFile("r") as usage, tempfile.TemporaryFile("w+") as out:
        timed = [GNU_TIME, "-o", usage.name, "-f", "%M %U %S", *cmd]
        start = time.perf_counter()
        done = subprocess.run(timed, cwd=cwd, stdout=out, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        if done.returncode != 0:
            raise StepFailed(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stderr[-3000:]}")
        # GNU time may note a signal or status on lines before its own figures.
        peak_kib, user, system = usage.read().split("\n")[-2].split()
        out.seek(0)
        lines = out.read().strip().splitlines()
    report: dict[str, float] = {}
    if lines and lines[-1].startswith("{"):
        report = json.loads(lines[-1])
    return Run(wall, float(user) + float(system), int(peak_kib) / 1024, report)


def measure(name: str, cmd: list[str], reps: int, cwd: Path | None = None) -> Step:
    return measure_pair({name: cmd}, reps, cwd)[name]


def measure_pair(cmds: dict[str, list[str]], reps: int, cwd: Path | None = None) -> dict[str, Step]:
    """Run the commands in turn, ``reps`` rounds: steps compared by a ratio share any drift
    in the machine's load."""
    runs: dict[str, list[Run]] = {name: [] for name in cmds}
    for _ in range(reps):
        for name, cmd in cmds.items():
            runs[name].append(run_once(cmd, cwd))
    steps = {name: Step(name, done) for name, done in runs.items()}
    for step in steps.values():
        print(
            f"  {step.name}: {step.wall:.2f} s wall, {step.cpu:.2f} s CPU, "
            f"{step.peak_mib:.0f} MiB ({reps}x)",
            flush=True,
        )
    return steps


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kib = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            mem_kib = int(line.split()[1])
    info = {
        "CPUs (nproc)": str(os.cpu_count()),
        "CPU model": cpu,
        "RAM": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "libyaml": (yaml.__with_libyaml__ and _libyaml_version()) or "not available",
    }
    for dist in ("PyYAML", "pydantic", "pydantic-core", "mkdocs", "mkdocs-material", "Jinja2"):
        try:
            info[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            info[dist] = "not installed"
    return info


def _libyaml_version() -> str:
    from yaml import _yaml

    return str(_yaml.get_version_string())
