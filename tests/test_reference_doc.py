"""The contributor reference page stays in step with the models."""

from __future__ import annotations

import re

from litcat.core.models import RECORD_FIELDS, Links
from litcat.core.taxonomy import Attribute, Dimension, Group, MatrixView, Node, Taxonomy

from .conftest import REPO

DOC = (REPO / "docs" / "reference.md").read_text(encoding="utf-8")


def table_after(heading: str) -> list[str]:
    """First-column names (in backticks) of the table under a ``## heading``."""
    section = DOC.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)


def test_every_record_field_is_documented_in_order() -> None:
    assert table_after("Fields of a record") == list(RECORD_FIELDS)


def test_every_link_field_is_documented() -> None:
    assert table_after("Fields of `links`") == list(Links.model_fields)


def test_required_column_matches_the_model() -> None:
    from litcat.core.models import Paper

    section = DOC.split("## Fields of a record\n", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `([a-z_]+)` \| (yes|no) \|", section, flags=re.MULTILINE))
    required = {name for name, f in Paper.model_fields.items() if f.is_required() and name != "id"}
    assert {name for name, flag in rows.items() if flag == "yes"} == required


def test_taxonomy_keys_are_documented() -> None:
    documented = set(table_after("The taxonomy file"))
    assert set(Taxonomy.model_fields) | {"nodes"} == documented
    section = DOC.split("## The taxonomy file\n", 1)[1]
    for model in (Group, Dimension, Node, Attribute, MatrixView):
        for name in model.model_fields:
            assert f"`{name}`" in section, f"{model.__name__}.{name} is not documented"
