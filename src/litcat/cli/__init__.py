"""The ``litcat`` command. Domain problems become exit statuses here and nowhere else."""

from __future__ import annotations

import datetime as dt
import errno
import importlib
import io
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..core.catalog import PAPERS_DIR, Catalog
from ..core.loader import load_catalog

if TYPE_CHECKING:
    import urllib.request

    from ..intake.fetch import Response, Transport


def _network(request: urllib.request.Request, timeout: float) -> Response:
    # Imported on the first request, so that commands that never fetch never load it.
    from ..intake.fetch import urllib_transport

    return urllib_transport(request, timeout)


@dataclass
class Env:
    """What a command needs from outside: the catalog folder, the network, the clock, sleep.

    Tests pass an ``Env`` of their own as click's ``obj`` (recorded answers, a fixed date, no
    sleeping) instead of patching modules.
    """

    root: Path = field(default_factory=Path)
    transport: Transport = _network
    today: Callable[[], dt.date] = dt.date.today
    sleep: Callable[[float], None] = time.sleep

    def load(self) -> Catalog:
        return load_catalog(self.root)

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the catalog's write lock (store.lock): load inside it, write inside it."""
        from ..store.lock import catalog_lock

        papers = self.root / PAPERS_DIR
        if not papers.is_dir():
            yield  # env.load() reports the missing folder
            return
        message = "waiting for another litcat command that is writing to papers/ ..."
        with catalog_lock(papers, on_wait=lambda: click.echo(message, err=True)):
            yield


pass_env = click.make_pass_decorator(Env)

# Each command's module, imported only when the command runs: `litcat validate` need not load
# jinja2, bibtexparser and the network code.
COMMAND_MODULES = {
    "validate": "check",
    "fmt": "check",
    "render": "render",
    "add": "add",
    "import-bibtex": "importer",
    "export": "export",
    "check-links": "links",
    "schema": "schema",
    "init": "init",
    "import-markdown": "lists",
    "enrich": "enrich",
    "discover": "discover",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module_name = COMMAND_MODULES.get(cmd_name)
        if module_name is None:
            return None
        module = importlib.import_module(f"{__name__}.{module_name}")
        commands: list[click.Command] = module.COMMANDS
        return next(c for c in commands if c.name == cmd_name)

    def invoke(self, ctx: click.Context) -> object:
        # The one place where a file the system refuses (a read-only checkout, a folder that
        # vanished, a full disk) becomes a message with its path and exit 1.
        try:
            return super().invoke(ctx)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # click ends quietly when the reader of stdout goes away
            raise click.ClickException(os_error_message(exc)) from None


def os_error_message(exc: OSError) -> str:
    where = exc.filename if exc.filename is not None else "litcat"
    text = f"{where}: {exc.strerror or exc}"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        text += " (is the folder read-only?)"
    return text


def decoded(text: str) -> str:
    """A file or folder name as text: bytes that are not UTF-8 (which the system hands over as
    lone surrogates) become U+FFFD, so the name can be shown and written to a UTF-8 file."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _tolerant_output() -> None:
    """Messages quote titles and names in any script; a terminal that cannot show a character
    gets an escape (\u4e2d) instead of a traceback."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="backslashreplace")


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
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
    _tolerant_output()
    ctx.obj = Env(root) if ctx.obj is None else replace(ctx.obj, root=root)
