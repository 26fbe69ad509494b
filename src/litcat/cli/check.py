"""``litcat validate`` and ``litcat fmt``."""

from __future__ import annotations

from contextlib import nullcontext

import click

from ..core.problems import count, format_problems
from ..store.fmt import format_catalog
from . import Env, pass_env


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text for people, github for annotations on a pull request, or json.",
)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@pass_env
def validate(env: Env, fmt: str, strict: bool) -> None:
    """Check every record and the taxonomy; print every problem found."""
    catalog = env.load()
    problems = catalog.problems
    errors, warnings = count(problems)
    if problems:
        click.echo(format_problems(problems, fmt))
    if fmt == "text":
        papers = len(catalog.papers)
        summary = f"{papers} papers, {errors} errors, {warnings} warnings"
        click.echo(summary, err=True)
    if errors or (strict and warnings):
        raise SystemExit(1)


@click.command()
@click.option("--check", is_flag=True, help="Change nothing; list the files that would change.")
@click.option("--drop-comments", is_flag=True, help="Rewrite records even if comments are lost.")
@pass_env
def fmt(env: Env, check: bool, drop_comments: bool) -> None:
    """Rewrite records in canonical form (key order, quoting, no defaults)."""
    with nullcontext() if check else env.writing():
        catalog = env.load()
        result = format_catalog(catalog, write=not check, drop_comments=drop_comments)
    for file, reason in result.skipped:
        click.echo(f"{file}: not formatted: {reason}", err=True)
    verb = "would reformat" if check else "reformatted"
    for file in result.changed:
        click.echo(f"{verb} {file}")
    errors = count(catalog.problems)[0]
    if errors:
        click.echo(f"{errors} errors left records unformatted; run litcat validate", err=True)
    if (check and result.changed) or result.skipped or errors:
        raise SystemExit(1)


COMMANDS = [validate, fmt]
