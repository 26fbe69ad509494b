"""``litcat discover``: arXiv papers the catalog may want, ranked, with suggested tags."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..core.catalog import Catalog
from ..intake import discover as finding
from ..intake import fetch
from . import Env, pass_env


def _require_extra() -> None:
    try:
        finding.require_extra()
    except finding.MissingExtra as exc:
        raise click.ClickException(str(exc)) from None


@click.command()
@click.option(
    "--from",
    "source",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="A saved answer of the arXiv API (Atom) instead of asking it (offline).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["markdown", "json"]),
    default="markdown",
    show_default=True,
)
@click.option("--limit", type=click.IntRange(min=1), help="At most this many candidates.")
@click.option(
    "--decline",
    "declined_ids",
    multiple=True,
    metavar="ARXIV_ID",
    help="Never offer this paper again (repeatable; written to declined.yaml with --reason).",
)
@click.option("--reason", help="Why the papers of --decline are declined.")
@click.option(
    "--evaluate",
    is_flag=True,
    help="Measure the tag suggestions on the catalog itself, leaving each record out in turn.",
)
@pass_env
def discover(
    env: Env,
    source: Path | None,
    output_format: str,
    limit: int | None,
    declined_ids: tuple[str, ...],
    reason: str | None,
    evaluate: bool,
) -> None:
    """Candidates for the catalog from the arXiv API (the queries of discover.yaml) or a saved
    answer (--from): papers it neither holds nor declined, closest to its records first, with
    suggested tags, the nearest records, and the litcat add command that takes each."""
    if declined_ids:
        if not reason:
            raise click.UsageError("--decline needs --reason (declined.yaml keeps it)")
        try:
            new = finding.decline(env.root, declined_ids, reason)
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"declined {len(new)} new, in {finding.DECLINED_FILE}")
        return
    _require_extra()
    catalog = env.load()
    if catalog.taxonomy is None or not catalog.papers:
        raise click.ClickException("the catalog did not load (run litcat validate)")
    if evaluate:
        _evaluate(catalog)
        return
    try:
        declined = finding.load_declined(env.root)
        if source is not None:
            candidates = finding.parse_candidates(source.read_bytes())
        else:
            query = finding.load_query(env.root)
            candidates, asked = finding.fetch_candidates(
                query, env.transport, env.sleep, env.today()
            )
            click.echo(f"{asked} requests to the arXiv API", err=True)
    except (ValueError, fetch.FetchError) as exc:
        raise click.ClickException(str(exc)) from None
    report = finding.discover(catalog, candidates, declined)
    if limit is not None:
        report.found = report.found[:limit]
    if output_format == "json":
        click.echo(json.dumps(finding.as_json(report), ensure_ascii=False, indent=2))
    else:
        click.echo(finding.as_markdown(report, catalog), nl=False)
    click.echo(
        f"{len(candidates)} papers read: {len(report.held)} held, "
        f"{len(report.declined)} declined, {len(report.found)} offered",
        err=True,
    )


def _evaluate(catalog: Catalog) -> None:
    click.echo("dimension\trecords\tsuggested\ttop-tag precision\tprecision (all suggested)")
    for s in finding.evaluate(catalog):
        click.echo(
            f"{s.dimension}\t{s.records}\t{s.suggested}\t"
            f"{s.top_precision:.2f} ({s.top_right}/{s.suggested})\t"
            f"{s.precision:.2f} ({s.nodes_right}/{s.nodes_suggested})"
        )


COMMANDS = [discover]
