"""The explorer of a catalog none of whose papers gives code: no "Code" facet heading over
nothing (a catalog started from a list of papers without code links showed one)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import Server, build_site

from tests.conftest import CATALOG

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def codeless_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    root = tmp_path_factory.mktemp("codeless")
    shutil.copytree(CATALOG, root, dirs_exist_ok=True)
    for record in (root / "papers").glob("*.yaml"):
        text = record.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^  code: .*\n", "", text)
        text = re.sub(r"(?m)^code_announced: .*\n", "", text)
        text = re.sub(r"(?m)^links:\n(?!  )", "", text)
        record.write_text(text, encoding="utf-8")
    with Server(build_site(root, tmp_path_factory.mktemp("site"))) as server:
        yield server


def test_a_facet_no_paper_has_is_not_shown(page: Any, codeless_site: Server) -> None:
    page.goto(codeless_site.url("explorer/"))
    page.wait_for_selector(".lx-ready")
    legends = [str(t) for t in page.locator(".lx-facet legend").all_inner_texts()]
    assert "Method" in legends
    assert "Code" not in legends
