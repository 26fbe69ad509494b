"""``litcat export``: the catalog as BibTeX, CSL-JSON, CSV or JSON (the site's downloads)."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.problems import count
from ..formats.exports import EXPORTS
from ..store.writer import write_atomic
from . import Env, pass_env


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(EXPORTS)),
    required=True,
    help="The format of the export.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to FILE (atomically) instead of standard output.",
)
@pass_env
def export(env: Env, fmt: str, output: Path | None) -> None:
    """Export the catalog; refused while any record has an error (it would be left out)."""
    catalog = env.load()
    errors = count(catalog.problems)[0]
    if errors:
        raise click.ClickException(
            f"the catalog has {errors} errors, so records would be missing from the export; "
            "run litcat validate"
        )
    text = EXPORTS[fmt].render(catalog)
    if output is None:
        # Bytes: an export is UTF-8 whatever the terminal's encoding is.
        click.echo(text.encode("utf-8"), nl=False)
    else:
        write_atomic(output, text)
        click.echo(f"wrote {len(catalog.papers)} papers to {output}", err=True)


COMMANDS = [export]
