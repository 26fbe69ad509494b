"""``litcat export``: the catalog as BibTeX, CSL-JSON, CSV or JSON (the site's downloads), or
as a Markdown list for a README; ``--check`` says whether a file is up to date."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path

import click

from ..core.catalog import PAPERS_DIR, TAXONOMY_FILE, Catalog
from ..core.problems import count
from ..formats import markdown
from ..formats.exports import EXPORTS
from ..store.writer import write_atomic
from . import Env, pass_env

# The site offers the downloads; the Markdown list is for a repository's README.
FORMATS: dict[str, Callable[[Catalog], str]] = {
    **{name: export.render for name, export in EXPORTS.items()},
    "markdown": markdown.to_markdown,
}
DIFF_LINES = 40


def _read(path: Path) -> str:
    try:
        # Bytes first: reading as text would turn CRLF into LF, and the file's lines with it.
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise click.ClickException(
            f"{path}: not UTF-8 text (byte {exc.start}); litcat reads and writes UTF-8 only"
        ) from None
    except OSError as exc:
        raise click.ClickException(f"{path}: cannot be read ({exc.strerror})") from None


def _in_place(fmt: str, path: Path, text: str) -> str:
    """What ``path`` should hold: ``text``, or for a Markdown file that exists, the file with
    the list between its markers replaced (refused when the markers are not beyond doubt)."""
    if fmt != "markdown" or not path.exists():
        return text
    try:
        return markdown.splice(_read(path), text)
    except markdown.MarkerError as exc:
        raise click.ClickException(
            f"{path}: {exc}; nothing was written (to write the list alone, give a new file)"
        ) from None


def _refuse_catalog_file(root: Path, path: Path) -> None:
    """An export never replaces the catalog's own files, nor writes through a link."""
    if path.is_symlink():
        raise click.ClickException(
            f"{path} is a symbolic link; give the file it points to ({path.resolve()}) by its name"
        )
    target = path.resolve()
    base = root.resolve()
    own = {base / TAXONOMY_FILE, base / "mkdocs.yml"}
    if target in own or target.is_relative_to(base / PAPERS_DIR) or target.is_dir():
        raise click.ClickException(
            f"{path} is one of the catalog's own files or folders; an export goes elsewhere"
        )


def _check(fmt: str, path: Path, text: str) -> None:
    have = _read(path)
    want = _in_place(fmt, path, text)
    if have == want:
        click.echo(f"{path} is up to date", err=True)
        return
    diff = list(
        difflib.unified_diff(
            have.splitlines(), want.splitlines(), str(path), "litcat export", lineterm=""
        )
    )
    click.echo("\n".join(diff[:DIFF_LINES]))
    if len(diff) > DIFF_LINES:
        click.echo(f"... and {len(diff) - DIFF_LINES} more lines of difference")
    raise click.ClickException(f"{path} is out of date; run litcat export --format {fmt} -o {path}")


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(FORMATS)),
    required=True,
    help="The format of the export.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write to FILE (atomically) instead of standard output; a Markdown FILE with "
    f"{markdown.START} and {markdown.END} gets the list between them.",
)
@click.option(
    "--check",
    "check",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write nothing; exit 1 with the difference if FILE is not what -o FILE would write.",
)
@pass_env
def export(env: Env, fmt: str, output: Path | None, check: Path | None) -> None:
    """Export the catalog; refused while any record has an error (it would be left out)."""
    if output is not None and check is not None:
        raise click.UsageError("give -o FILE or --check FILE, not both")
    catalog = env.load()
    errors = count(catalog.problems)[0]
    if errors:
        raise click.ClickException(
            f"the catalog has {errors} errors, so records would be missing from the export; "
            "run litcat validate"
        )
    text = FORMATS[fmt](catalog)
    if check is not None:
        _check(fmt, check, text)
    elif output is None:
        # Bytes: an export is UTF-8 whatever the terminal's encoding is.
        click.echo(text.encode("utf-8"), nl=False)
    else:
        _refuse_catalog_file(env.root, output)
        write_atomic(output, _in_place(fmt, output, text))
        click.echo(f"wrote {len(catalog.papers)} papers to {output}", err=True)


COMMANDS = [export]
