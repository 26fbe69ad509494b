"""The ``litcat`` command. Domain problems become exit statuses here and nowhere else."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from ..catalog import Catalog
from ..loader import load_catalog


@dataclass
class Env:
    root: Path

    def load(self) -> Catalog:
        return load_catalog(self.root)


pass_env = click.make_pass_decorator(Env)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--root",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(),
    show_default="the current folder",
    help="The catalog: a folder with taxonomy.yaml and papers/.",
)
@click.version_option(package_name="litcat")
@click.pass_context
def main(ctx: click.Context, root: Path) -> None:
    """litcat: a literature catalog of YAML records, checked against a taxonomy."""
    ctx.obj = Env(root)


def _register() -> None:
    from . import add, check, export, importer, links, render, schema

    for module in (check, render, add, importer, export, links, schema):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
