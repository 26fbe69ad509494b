"""The record JSON Schema, served at ``schema/record.json`` for editors to check records with."""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..core import paths
from ..formats.schema import record_schema
from .context import Producer, RenderContext


def produce(ctx: RenderContext) -> Iterator[tuple[str, str]]:
    site = ctx.options.site_url
    schema_id = f"{site.rstrip('/')}/{paths.SCHEMA}" if site else None
    schema = record_schema(ctx.taxonomy, schema_id)
    yield paths.SCHEMA, json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


PRODUCER = Producer("schema", produce)
