"""``litcat enrich``: authors, years, venues and DOIs that records lack, from the arXiv and
doi.org; nothing a record says is changed."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.problems import format_problems
from ..intake import fetch
from ..intake.enrich import enrich as enrich_catalog
from ..intake.enrich import enrich_from_answer
from . import Env, pass_env


@click.command()
@click.argument("paper_ids", nargs=-1, metavar="[PAPER_ID]...")
@click.option("--dry-run", is_flag=True, help="Write nothing; say what would be added.")
@click.option(
    "--from",
    "source",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A saved answer of the arXiv API (Atom): take its facts, ask no server.",
)
@pass_env
def enrich(env: Env, paper_ids: tuple[str, ...], dry_run: bool, source: Path | None) -> None:
    """Complete records that lack authors, a year, a venue or a DOI (all, or the ones named)."""
    catalog = env.load()
    if not catalog.ok:
        click.echo(format_problems(catalog.problems, "text"))
        raise click.ClickException("the catalog has errors; fix them first (litcat validate)")
    unknown = sorted(set(paper_ids) - set(catalog.papers))
    if unknown:
        raise click.UsageError(f"no record {', '.join(unknown)} in {catalog.papers_dir}")
    if source is not None:
        try:
            report = enrich_from_answer(
                catalog,
                source.read_bytes(),
                only=list(paper_ids) or None,
                write=not dry_run,
                writing=env.writing,
            )
        except fetch.FetchError as exc:
            raise click.ClickException(f"{source}: {exc}") from None
    else:
        report = enrich_catalog(
            catalog,
            env.transport,
            env.sleep,
            only=list(paper_ids) or None,
            write=not dry_run,
            writing=env.writing,
        )
    verb = "would add" if dry_run else "added"
    for change in report.changes:
        click.echo(f"{change.file}: {verb} {', '.join(change.added)} (from {change.source})")
    if report.problems:
        click.echo(format_problems(report.problems, "text"), err=True)
    errors = sum(1 for p in report.problems if p.is_error)
    click.echo(
        f"{len(report.changes)} records {'to complete' if dry_run else 'completed'}, "
        f"{report.asked} requests, {errors} errors",
        err=True,
    )
    if errors:
        raise SystemExit(1)


COMMANDS = [enrich]
