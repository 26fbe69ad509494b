"""``litcat schema``: the JSON Schema of a record of this catalog."""

from __future__ import annotations

import json

import click

from ..formats.schema import record_schema, schema_header
from . import Env, pass_env


@click.command()
@pass_env
def schema(env: Env) -> None:
    """Print the JSON Schema of a record (fields, tag values, attributes)."""
    catalog = env.load()
    if catalog.taxonomy is None:
        raise click.ClickException("taxonomy.yaml did not load; run litcat validate")
    header = schema_header(catalog.root)
    schema_id = header.split("$schema=", 1)[1].strip() if header else None
    text = json.dumps(record_schema(catalog.taxonomy, schema_id), indent=2, ensure_ascii=False)
    click.echo(text)


COMMANDS = [schema]
