"""Running Zensical in tests: render a catalog as a Zensical project, then ``zensical build``.

Zensical is an optional extra (``pip install litcat[zensical]``, in ``.[dev]``); where it is not
installed the tests that build with it skip with the reason, except under CI (env
``CI=true``), where it must be there.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from litcat.cli import Env, main


def require_zensical() -> Path:
    """The ``zensical`` command of this environment, or skip (fail under CI)."""
    found = Path(sys.executable).parent / "zensical"
    command = found if found.is_file() else shutil.which("zensical")
    if command is None:
        reason = "zensical is not installed (pip install -e '.[zensical]')"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason} (CI=true: the Zensical build may not be skipped)")
        pytest.skip(reason)
    return Path(command)


@dataclass(frozen=True)
class ZensicalBuild:
    project: Path
    site: Path
    output: str
    returncode: int


def render_project(catalog: Path, out: Path, today: dt.date | None = None) -> None:
    env = Env(root=catalog, today=lambda: today or dt.date(2024, 7, 2))
    args = ["--root", str(catalog), "render", "--engine", "zensical", "--out", str(out)]
    result = CliRunner().invoke(main, args, obj=env)
    assert result.exit_code == 0, result.output


def zensical_build(catalog: Path, out: Path) -> ZensicalBuild:
    """Render ``catalog`` into ``out`` and build it there with ``zensical build --strict``."""
    command = require_zensical()
    render_project(catalog, out)
    run = subprocess.run(
        [str(command), "build", "--strict", "--clean"],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    return ZensicalBuild(out, out / "site", run.stdout + run.stderr, run.returncode)
