from __future__ import annotations

import datetime as dt
import functools
import gc
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from litcat.cli import Env, main
from litcat.core.catalog import Catalog
from litcat.core.loader import load_catalog

from .recorded.replay import Replay

# Under CI a property test must not pass on one run and fail on the next: same examples each run,
# and no limit on time (a loaded machine is slow, not wrong).
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


def _freeze_survivors(phase: str, info: dict[str, int]) -> None:
    """What a full collection leaves is kept out of the next ones (frozen), in test processes.

    A test process holds every module MkDocs, Material, Hypothesis and scikit-learn import,
    and each full collection scanned all of it again to free nothing: 27 collections took
    4.4 s of the suite's 50 s of CPU (0.6 s frozen). Frozen after the collection that found
    them alive, they are scanned once; those of them that die in a cycle later are freed when
    something unfreezes (the plugin, after a build it froze for). Tests of litcat's own
    freezing ask for :func:`collector_unfrozen`.
    """
    if phase == "stop" and info["generation"] == 2:
        gc.freeze()


@settings(max_examples=1, database=None, phases=[Phase.generate])
@given(st.none())
def _hypothesis_s_own_random(_: None) -> None:
    """The first property test of a process makes Hypothesis' own Random and checks that
    something holds it, with ``gc.get_referrers``, which does not search frozen objects: run
    after a freeze, Hypothesis warns that nothing does. So one runs before."""


@pytest.hookimpl(trylast=True)  # after Hypothesis' own hook, which ends its initialization
def pytest_sessionstart(session: pytest.Session) -> None:
    _hypothesis_s_own_random()
    if _freeze_survivors not in gc.callbacks:
        gc.callbacks.append(_freeze_survivors)


@pytest.fixture
def collector_unfrozen() -> Iterator[None]:
    """The cycle collector as a process that froze nothing has it, for the tests of what
    litcat freezes: nothing frozen, and nothing frozen after a full collection."""
    gc.callbacks.remove(_freeze_survivors)
    gc.unfreeze()
    try:
        yield
    finally:
        # Frozen again at once: left to the next full collection, all of it is scanned again.
        gc.freeze()
        gc.callbacks.append(_freeze_survivors)


TESTS = Path(__file__).parent
CATALOG = TESTS / "catalog"
REPO = TESTS.parent

WriteRecord = Callable[[str, str], Path]
# The day every command run by a test believes it is (records it adds carry it).
TODAY = dt.date(2026, 1, 15)
UPDATE_GOLDEN = bool(os.environ.get("LITCAT_UPDATE_GOLDEN"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests marked ``slow`` first, then those marked ``sklearn``, each in their order.

    On parallel workers (``make quick``) a long test started last would keep one worker
    running after the other has finished; and the first worker is given the first half of the
    tests, of which it gives none of the first away: the tests that import scikit-learn (a
    second of CPU) all run in it, and the other worker never imports it."""
    items.sort(
        key=lambda item: (
            item.get_closest_marker("slow") is None,
            item.get_closest_marker("sklearn") is None,
        )
    )


@dataclass
class Cli:
    """Runs ``litcat`` as a command with what tests need in place of the world: recorded HTTP
    answers (``transport``), a fixed date (``today``) and a record of the pauses instead of
    sleeping (``pauses``)."""

    transport: Replay = field(default_factory=Replay)
    today: dt.date = TODAY
    pauses: list[float] = field(default_factory=list)

    def __call__(self, root: Path | None, *args: str, input: str | None = None) -> Result:
        env = Env(transport=self.transport, today=lambda: self.today, sleep=self.pauses.append)
        where = ["--root", str(root)] if root is not None else []
        return CliRunner().invoke(main, [*where, *args], input=input, obj=env)


@pytest.fixture
def cli() -> Cli:
    return Cli()


def finished(result: Result) -> tuple[int, str]:
    """Exit status and output of a command that ended without a traceback."""
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


def check_golden(path: Path, text: str) -> None:
    """``text`` equals the golden file; ``LITCAT_UPDATE_GOLDEN=1`` rewrites the file instead."""
    if UPDATE_GOLDEN:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return
    assert path.is_file(), f"no golden output {path}; run with LITCAT_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")


@functools.cache
def repo_catalog() -> Catalog:
    """This repository's catalog, loaded once per test process (tests only read it)."""
    return load_catalog(REPO)


@pytest.fixture
def catalog_dir(tmp_path: Path) -> Path:
    """A fresh copy of the invented test catalog, for tests to mutate."""
    target = tmp_path / "catalog"
    shutil.copytree(CATALOG, target)
    return target


@pytest.fixture
def write_record(catalog_dir: Path) -> WriteRecord:
    def write(name: str, text: str) -> Path:
        path = catalog_dir / "papers" / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
