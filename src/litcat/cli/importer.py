"""``litcat import-bibtex``: many papers from a BibTeX file."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from contextlib import nullcontext
from pathlib import Path

import click

from ..core.problems import format_problems
from ..formats.schema import schema_header
from ..intake.add import tag_errors
from ..intake.bibtex import BibEntry, parse_bibtex
from ..intake.importing import ImportResult, Progress, import_entries
from . import Env, pass_env
from .add import decode_bibtex, require_taxonomy, tag_options


def _progress(enabled: bool, label: str) -> Progress:
    def wrap(entries: list[BibEntry]) -> Iterable[BibEntry]:
        if not enabled:
            yield from entries
            return
        with click.progressbar(entries, label=label, file=sys.stderr) as bar:
            yield from bar

    return wrap


def _summary(result: ImportResult, entries: int, dry_run: bool) -> str:
    verb = "would import" if dry_run else "imported"
    return (
        f"{entries} entries: {len(result.imported)} {verb}, "
        f"{len(result.skipped)} skipped (already held), {len(result.reported)} reported"
    )


def _print(result: ImportResult, source: Path, entries: int, dry_run: bool) -> None:
    if dry_run:
        for pid in result.imported:
            click.echo(f"would write papers/{pid}.yaml")
    for skipped in result.skipped:
        click.echo(
            f"{source.as_posix()}:{skipped.line}: skipped {skipped.key!r}: "
            f"{skipped.held_by} has the same {skipped.by}"
        )
    problems = [*result.notes, *result.reported]
    if problems:
        click.echo(format_problems(sorted(problems, key=lambda p: p.line), "text"), err=True)
    click.echo(_summary(result, entries, dry_run), err=True)


@click.command("import-bibtex")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--tag", "tag_values", multiple=True, metavar="DIM=NODE", help="Tag every paper.")
@click.option("--dry-run", is_flag=True, help="Write nothing; say what would be imported.")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on standard error (default: when it is a terminal).",
)
@pass_env
def import_bibtex(
    env: Env, source: Path, tag_values: tuple[str, ...], dry_run: bool, progress: bool | None
) -> None:
    """Import every entry of a BibTeX file; list what is skipped or cannot be imported."""
    tags = tag_options(tag_values)
    text = decode_bibtex(source.read_bytes(), source.as_posix())
    parsed = parse_bibtex(text)
    # The catalog is loaded under the write lock, and the lock kept to the last record: a
    # second import waits, then sees what this one wrote.
    with nullcontext() if dry_run else env.writing():
        catalog = env.load()
        require_taxonomy(catalog)
        # Checked once here rather than once per entry, which would repeat a mistake 2,000 times.
        errors = tag_errors(catalog.require_taxonomy(), tags)
        if errors:
            raise click.UsageError("\n".join(errors))
        show = sys.stderr.isatty() if progress is None else progress
        result = import_entries(
            catalog,
            parsed,
            source.as_posix(),
            tags,
            added=env.today(),
            write=not dry_run,
            header=schema_header(catalog.root),
            progress=_progress(show, "importing"),
        )
    _print(result, source, parsed.total, dry_run)
    if result.reported:
        raise SystemExit(1)


COMMANDS = [import_bibtex]
