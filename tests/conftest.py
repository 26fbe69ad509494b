from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

# Under CI a property test must not pass on one run and fail on the next: same examples each run.
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

TESTS = Path(__file__).parent
CATALOG = TESTS / "catalog"
REPO = TESTS.parent

WriteRecord = Callable[[str, str], Path]


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
