"""``litcat check-links``: links answer, arXiv ids and DOIs name the stored paper."""

from __future__ import annotations

from pathlib import Path

import click

from ..intake import fetch
from ..intake.links import check_links, report_markdown
from ..store.writer import write_atomic
from . import Env, pass_env


@click.command("check-links")
@click.option(
    "--report",
    "report_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the Markdown report to FILE.",
)
@click.option("--timeout", type=float, default=fetch.TIMEOUT, show_default=True, help="Seconds.")
@pass_env
def check_links_command(env: Env, report_file: Path | None, timeout: float) -> None:
    """Check every record's links, arXiv id and DOI over the network; exit 1 on problems."""
    catalog = env.load()
    if not catalog.papers:
        raise click.ClickException("no valid records to check; run litcat validate")
    report = check_links(catalog, env.transport, sleep=env.sleep, timeout=timeout)
    text = report_markdown(report)
    click.echo(text, nl=False)
    if report_file is not None:
        write_atomic(report_file, text)
    if report.findings:
        raise SystemExit(1)


COMMANDS = [check_links_command]
