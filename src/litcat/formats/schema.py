"""The JSON Schema of a record, for editors (``# yaml-language-server: $schema=...``).

It is made from the :class:`~litcat.core.models.Paper` model, so it cannot drift from what the
loader accepts, and completed with what only the taxonomy knows: the dimensions and their node ids,
and the declared attributes. Rules the model checks in code (arXiv ids, DOIs, links, years)
are written out as patterns and bounds, so an editor flags them as one types.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..core import ids, paths
from ..core.models import MIN_YEAR, Paper
from ..core.taxonomy import Taxonomy

DIALECT = "https://json-schema.org/draft/2020-12/schema"
URL_PATTERN = r"^https?://[^\s/?#@]+(?:[/?#]\S*)?$"
ARXIV_PATTERN = "^(?:{}|{})$".format(
    ids.ARXIV_NEW.pattern.strip("^$"), ids.ARXIV_OLD.pattern.strip("^$")
)


def record_schema(taxonomy: Taxonomy, schema_id: str | None = None) -> dict[str, Any]:
    """The schema of one ``papers/<id>.yaml`` file of a catalog with this taxonomy."""
    schema = model_schema(Paper)
    properties: dict[str, Any] = schema["properties"]
    # The id is the file name, never a key of the file.
    del properties["id"]
    schema["required"] = [name for name in schema.get("required", []) if name != "id"]
    _pattern(properties["arxiv"], ARXIV_PATTERN)
    _pattern(properties["doi"], ids.DOI_RE.pattern)
    _pattern(properties["sources"]["items"], URL_PATTERN)
    for link in schema["$defs"]["Links"]["properties"].values():
        _pattern(link, URL_PATTERN)
    # A record without a year leaves the key out (the writer never writes null).
    properties["year"] = {
        "type": "integer",
        "minimum": MIN_YEAR,
        "maximum": dt.date.today().year + 1,
        "description": properties["year"].get("description", ""),
    }
    properties["tags"] = tags_schema(taxonomy, properties["tags"].get("description", ""))
    properties["attributes"] = attributes_schema(
        taxonomy, properties["attributes"].get("description", "")
    )
    head: dict[str, Any] = {"$schema": DIALECT}
    if schema_id:
        head["$id"] = schema_id
    head["title"] = "A litcat record"
    return {**head, **{k: v for k, v in schema.items() if k != "title"}}


def model_schema(model: type[BaseModel]) -> dict[str, Any]:
    """``model``'s JSON schema, a copy of its own to change: pydantic makes it anew at each
    call (a tenth of rendering a small catalog's site), so it is made once per model."""
    return copy.deepcopy(_made_schema(model))


@lru_cache(maxsize=64)
def _made_schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema()


def _pattern(prop: dict[str, Any], pattern: str) -> None:
    branches = prop.get("anyOf", [prop])
    for branch in branches:
        if branch.get("type") == "string":
            branch["pattern"] = pattern


def tags_schema(taxonomy: Taxonomy, description: str) -> dict[str, Any]:
    """One key per dimension, each a list of that dimension's node ids."""
    properties: dict[str, Any] = {}
    for dim in taxonomy.dimensions:
        values: dict[str, Any] = {
            "type": "array",
            "description": dim.description,
            "items": {"enum": list(taxonomy.nodes(dim.id))},
            "uniqueItems": True,
        }
        if not dim.multiple:
            values["maxItems"] = 1
        properties[dim.id] = {"title": dim.label, **values}
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "additionalProperties": False,
    }


def attributes_schema(taxonomy: Taxonomy, description: str) -> dict[str, Any]:
    """The attributes the taxonomy declares, with their types and choices."""
    schema = model_schema(taxonomy.attributes_model)
    for attr in taxonomy.attributes:
        prop = schema["properties"][attr.id]
        prop["title"] = attr.label
        prop.pop("default", None)
    schema.pop("title", None)
    return {**schema, "description": description}


_SITE_URL = re.compile(r"^site_url:[ \t]*(.+)$", re.MULTILINE)


def schema_header(root: Path) -> str:
    """The ``yaml-language-server`` line naming the site's record schema, if a site URL is set.

    mkdocs.yml is read for its ``site_url`` line only: it may hold Python tags that a safe
    YAML loader refuses. ``!ENV [NAME, ..., default]`` is resolved the way MkDocs does.
    """
    try:
        text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""
    match = _SITE_URL.search(text)
    url = _env_value(match.group(1)) if match else None
    if not url or not url.startswith(("https://", "http://")) or any(c.isspace() for c in url):
        return ""
    return f"# yaml-language-server: $schema={url.rstrip('/')}/{paths.SCHEMA}\n"


def _env_value(value: str) -> str | None:
    value = value.split(" #", 1)[0].strip()
    if not value.startswith("!ENV"):
        return value.strip("'\"")
    items = [i.strip().strip("'\"") for i in value[4:].strip().strip("[]").split(",")]
    names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    found = next((os.environ[n] for n in names if os.environ.get(n)), None)
    if found is None and default not in (None, "null", "~", ""):
        found = default
    return found
