from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

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
