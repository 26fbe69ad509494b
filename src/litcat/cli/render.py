"""``litcat render``: the site's generated pages, written to a folder."""

from __future__ import annotations

from pathlib import Path

import click

from ..core.catalog import PAPERS_DIR
from ..core.problems import format_problems
from ..render import RenderOptions, render_site
from ..store.writer import write_atomic
from . import Env, pass_env


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="The folder to write into (created if missing); files of the same name are replaced.",
)
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Templates that replace the package's by name.  [default: ROOT/templates, if any]",
)
@click.option("--site-name", default=RenderOptions.site_name, show_default=True)
@click.option("--site-description", default="", help="The sentence the home page opens with.")
@click.option("--site-url", default=None, help="Where the site is published (for feed links).")
@click.option(
    "--edit-base",
    default=None,
    help="URL that a path of the catalog is appended to, to edit it: "
    "https://github.com/OWNER/REPO/edit/main/",
)
@pass_env
def render(
    env: Env,
    out: Path,
    templates: Path | None,
    site_name: str,
    site_description: str,
    site_url: str | None,
    edit_base: str | None,
) -> None:
    """Write the pages and files the MkDocs plugin generates, for any Markdown engine."""
    refuse_catalog_folder(out, env.root)
    catalog = env.load()
    if not catalog.ok:
        click.echo(format_problems(catalog.problems, "text"))
        raise SystemExit(1)
    if templates is None and (env.root / "templates").is_dir():
        templates = env.root / "templates"
    options = RenderOptions(
        templates_dir=templates,
        site_name=site_name,
        site_description=site_description,
        site_url=site_url,
        edit_base=edit_base,
        today=env.today(),
    )
    pages = render_site(catalog, options)
    for path, content in sorted(pages.items()):
        write_atomic(out / path, content, durable=False)
    click.echo(f"wrote {len(pages)} files to {out}", err=True)


def refuse_catalog_folder(out: Path, root: Path) -> None:
    """Pages written into the catalog would mix with its records (or replace them)."""
    target, catalog = out.resolve(), root.resolve()
    papers, templates = catalog / PAPERS_DIR, catalog / "templates"
    if target == catalog or catalog.is_relative_to(target):
        raise click.ClickException(f"--out {out} holds the catalog; choose a folder of its own")
    for inside in (papers, templates):
        if target == inside or target.is_relative_to(inside):
            raise click.ClickException(
                f"--out {out} is inside the catalog's {inside.name}/; choose a folder of its own"
            )


COMMANDS = [render]
