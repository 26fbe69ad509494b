"""``litcat render``: the site's generated pages, written to a folder, once or on every save;
with ``--engine zensical``, a whole Zensical project around them (:mod:`.project`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from ..core.catalog import PAPERS_DIR
from ..core.problems import format_problems
from ..core.reload import CatalogLoader
from ..render import PRODUCERS, Rendered, RenderOptions, SiteRenderer, as_text
from . import Env, pass_env
from .folder import OutsideFolder, OwnedFolder
from .project import ProjectWriter, Written, site_of

# What writes a render's outputs into the folder, after each change.
Emit = Callable[[Rendered], Written]


@click.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="The folder to write into (created if missing); files of the same name are replaced, "
    "and the files an earlier render wrote that the catalog no longer makes are removed.",
)
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Templates that replace the package's by name.  [default: ROOT/templates, if any]",
)
@click.option(
    "--engine",
    type=click.Choice(["pages", "zensical"]),
    default="pages",
    show_default=True,
    help="pages: the generated pages and files, for any engine; zensical: a Zensical project "
    "(zensical.toml, docs/ with these pages, the hand-written ones and the assets) that "
    "`zensical build` run in OUT builds.",
)
@click.option(
    "--site-name",
    default=None,
    help="[default: mkdocs.yml's site_name with --engine zensical, else "
    f"{RenderOptions.site_name!r}]",
)
@click.option(
    "--site-description",
    default=None,
    help="The sentence the home page opens with.  [default: mkdocs.yml's, with zensical]",
)
@click.option("--site-url", default=None, help="Where the site is published (for feed links).")
@click.option(
    "--watch",
    is_flag=True,
    help="Keep running: after each save, read the changed records again and rewrite only the "
    "files that change (Ctrl-C stops).",
)
@click.option(
    "--interval",
    type=click.FloatRange(min=0.05),
    default=0.5,
    show_default=True,
    help="With --watch, seconds between looks at the catalog.",
)
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
    engine: str,
    site_name: str | None,
    site_description: str | None,
    site_url: str | None,
    watch: bool,
    interval: float,
    edit_base: str | None,
) -> None:
    """Write the pages and files the MkDocs plugin generates, for any Markdown engine, or
    with --engine zensical a whole Zensical project.

    A file whose content is already the same is left alone, so an engine watching the
    folder rebuilds only what changed.
    """
    refuse_catalog_folder(out, env.root)
    if templates is None and (env.root / "templates").is_dir():
        templates = env.root / "templates"
    site = site_of(env.root) if engine == "zensical" else None
    options = RenderOptions(
        templates_dir=templates,
        site_name=site_name or (site.site_name if site else RenderOptions.site_name),
        site_description=site_description or (site.site_description if site else ""),
        site_url=site_url or (site.site_url if site else None),
        edit_base=edit_base or (site.edit_base(env.root) if site else None),
        today=env.today(),
    )
    loader, renderer = CatalogLoader(env.root), SiteRenderer(options, list(PRODUCERS))
    emit = zensical_emitter(out, env.root) if engine == "zensical" else pages_emitter(out)
    if not watch:
        catalog = loader.load()
        if not catalog.ok:
            click.echo(format_problems(catalog.problems, "text"))
            raise SystemExit(1)
        rendered = renderer.render(catalog)
        done = emit(rendered)
        click.echo(f"wrote {done.files} files to {out} ({done.changed} changed)", err=True)
        if done.removed:
            click.echo(f"removed {done.removed} files that the catalog no longer makes", err=True)
        return
    try:
        watch_catalog(env, out, loader, renderer, interval, emit)
    except KeyboardInterrupt:
        click.echo("stopped", err=True)


def pages_emitter(out: Path) -> Emit:
    folder = OwnedFolder(out)

    def emit(rendered: Rendered) -> Written:
        made = set(rendered.outputs)
        folder.claim(made)
        try:
            written = sum(
                folder.put(path, as_text(rendered.outputs[path]))
                for path in sorted(rendered.changed)
            )
        except OutsideFolder as exc:
            raise click.ClickException(str(exc)) from None
        # What an earlier run wrote and this catalog no longer makes (a deleted or renamed
        # record's page) goes, by the list the folder keeps; nothing else does.
        return Written(len(made), written, folder.settle(made))

    return emit


def zensical_emitter(out: Path, root: Path) -> Emit:
    writer = ProjectWriter(out, root)

    def emit(rendered: Rendered) -> Written:
        # mkdocs.yml and the hand-written pages are read again each time: they change too.
        try:
            return writer.write(rendered, site_of(root))
        except ValueError as exc:
            raise click.ClickException(str(exc)) from None

    return emit


def watch_catalog(
    env: Env,
    out: Path,
    loader: CatalogLoader,
    renderer: SiteRenderer,
    interval: float,
    emit: Emit,
) -> None:
    """Render after every change until interrupted; a broken catalog is reported once per
    change and rendered again once it is fixed."""
    reported: str | None = None
    while True:
        catalog = loader.load()
        if catalog.ok:
            rendered = renderer.render(catalog)
            done = emit(rendered)
            if done.changed or done.removed or reported is not None:
                click.echo(f"{out}: {done.changed} written, {done.removed} removed", err=True)
            reported = None
        else:
            text = format_problems(catalog.problems, "text")
            if text != reported:
                click.echo(text)
                reported = text
        env.sleep(interval)


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
