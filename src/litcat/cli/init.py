"""``litcat init``: a new catalog, empty or made from a Markdown paper list.

The catalog is made in a hidden folder beside the target and moved into place only when it is
complete, so that a failed ``init`` leaves nothing behind. It holds no templates and no
assets: the package brings them.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import click

from ..core.catalog import PAPERS_DIR, TAXONOMY_FILE
from ..core.loader import load_catalog
from ..core.problems import format_problems
from ..core.rules.text import remove_invisible
from ..formats import markdown
from ..intake.lists.read import ListReading
from ..intake.lists.records import ListImporter, ListReport
from ..intake.lists.taxonomy import list_taxonomy, origin_id
from ..store.writer import dump, write_atomic
from . import Env, decoded, pass_env
from .lists import print_report, read_list_file

STARTER = Path(__file__).parent.parent / "starter"
# Starter file -> where it goes in the new catalog.
FILES = {
    "gitignore": ".gitignore",
    "workflows/validate.yml": ".github/workflows/validate.yml",
    "workflows/deploy.yml": ".github/workflows/deploy.yml",
    "workflows/current.yml": ".github/workflows/current.yml",
}

TAXONOMY_HEAD = """\
# The dimensions this catalog classifies papers on; a record tags a paper with their nodes
# under `tags:` (dimension: [node, ...]). Rename them, describe them in your own words and
# add what your field needs: https://pypi.org/project/litcat/ (docs/reference.md).
#
# `expect:` names what every record should have; a record without it gets a warning (and
# `validate --strict` fails). Records made from a list have no summary yet, so it is off:
# once they do, uncomment it.
# expect:
#   - summary
#   - primary-source
#   - venue-year
"""
STARTER_TAXONOMY = {
    "dimensions": [
        {
            "id": "topic",
            "label": "Topic",
            "description": "What a paper is about.",
            "nodes": [
                {
                    "id": "general",
                    "label": "General",
                    "description": "Papers not filed under a more specific topic yet.",
                }
            ],
        }
    ]
}


# What a catalog for Zensical changes in the starter files: the workflows render a Zensical
# project into build/ and build it there (mkdocs.yml stays: the project's settings come from
# it, and it keeps the MkDocs path open), requirements.txt takes the zensical extra, and the
# README says how to preview. Each text must be in the starter file: a change there fails
# ``init --engine zensical`` loudly instead of leaving a workflow that builds with MkDocs.
ZENSICAL_OUT = "build"
ZENSICAL_CHANGES: dict[str, list[tuple[str, str]]] = {
    "workflows/deploy.yml": [
        (
            "run: mkdocs build --strict",
            "run: |\n"
            f"          litcat render --engine zensical --out {ZENSICAL_OUT}\n"
            f"          cd {ZENSICAL_OUT} && zensical build --strict",
        ),
        ("path: site/", f"path: {ZENSICAL_OUT}/site/"),
    ],
    "workflows/validate.yml": [
        (
            "run: mkdocs build --strict",
            "run: |\n"
            f"          litcat render --engine zensical --out {ZENSICAL_OUT}\n"
            f"          cd {ZENSICAL_OUT} && zensical build --strict",
        ),
        ("path: site/", f"path: {ZENSICAL_OUT}/site/"),
    ],
    "gitignore": [("site/\n", f"site/\n{ZENSICAL_OUT}/\n")],
    "README.md": [
        (
            "`.venv/bin/mkdocs serve` shows the site at\n   http://",
            "`.venv/bin/litcat render --engine zensical\n"
            f"   --out {ZENSICAL_OUT} --watch` with `cd {ZENSICAL_OUT} && "
            "../.venv/bin/zensical serve` shows the\n   site at http://",
        ),
    ],
}


def for_engine(source: str, text: str, engine: str) -> str:
    if engine != "zensical":
        return text
    for old, new in ZENSICAL_CHANGES.get(source, []):
        if old not in text:  # pragma: no cover - the starter files and this table disagree
            raise click.ClickException(f"starter/{source}: no {old!r} to change for Zensical")
        text = text.replace(old, new)
    return text


# The search plugin's word separator, as the repository's own mkdocs.yml sets it.
SEARCH_SEPARATOR = r'[\s\-,:;!?=\[\]()"/*^~+#|{}`]+|\.(?!\d)|&[lg]t;'


def mkdocs_yml(site_name: str) -> str:
    # json.dumps writes a YAML double-quoted string: any name is read back as written.
    return f"""\
site_name: {json.dumps(site_name, ensure_ascii=False)}
# Set by .github/workflows/deploy.yml: the site's address (for feeds and the sitemap) and the
# repository (for edit links on paper pages).
site_url: !ENV [LITCAT_SITE_URL, null]
repo_url: !ENV [LITCAT_REPO_URL, null]
edit_uri: !ENV [LITCAT_EDIT_URI, null]
theme:
  name: material
plugins:
  - search:
      # Words end at punctuation too, and at the characters of lunr's query syntax and of
      # Markdown: a word holding one ("2026*") can break Material's prefix search.
      separator: {json.dumps(SEARCH_SEPARATOR)}
  - litcat
"""


# Material prints the site's name into every page as it is, so it holds no markup characters;
# in Markdown pages (about, README) it is escaped as well.
_NOT_IN_A_NAME = re.compile(r"[<>&\"'`\\\x00-\x1f\x7f-\x9f\ufffd]+")
MAX_NAME = 100


def plain_name(text: str) -> str:
    """A site name from any text (a list's title, a folder, --name): printable, no markup."""
    text = remove_invisible(decoded(text), every=True)
    name = " ".join(_NOT_IN_A_NAME.sub(" ", text).split())[:MAX_NAME].strip()
    return name or "Paper catalog"


def litcat_version() -> str:
    try:
        return version("litcat")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.1.0"


@contextlib.contextmanager
def staged(folder: Path) -> Iterator[Path]:
    """A hidden folder beside ``folder``, renamed to it if the block succeeds, else removed."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    stage = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        yield stage
        stage.chmod(0o777 & ~_umask())
        try:
            # An empty folder is replaced by the rename; one that filled up meanwhile is not.
            stage.replace(folder)
        except OSError as exc:
            raise click.ClickException(f"{folder}: cannot be made ({exc.strerror})") from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)


@contextlib.contextmanager
def staged_in(folder: Path) -> Iterator[Path]:
    """For an empty folder that exists (``litcat init .``): a hidden folder inside it whose
    entries move up if the block succeeds. The folder stays the same folder, so a shell
    standing in it sees the catalog (renaming a new folder onto it would leave the shell in a
    deleted one, and ``.`` cannot be renamed at all); on failure it is left empty."""
    stage = Path(tempfile.mkdtemp(prefix=".litcat-init.", dir=folder))
    moved: list[Path] = []
    try:
        yield stage
        for entry in sorted(stage.iterdir()):
            target = folder / entry.name
            if os.path.lexists(target):
                raise click.ClickException(f"{target}: made meanwhile; not replaced")
            entry.replace(target)
            moved.append(target)
    except BaseException:
        for target in moved:
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target, ignore_errors=True)
            else:
                target.unlink(missing_ok=True)
        raise
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_starter(root: Path, site_name: str, origin: str, engine: str = "mkdocs") -> None:
    values = {"@@SITE_NAME@@": markdown.text(site_name), "@@ORIGIN@@": origin}
    for source, target in FILES.items():
        text = (STARTER / source).read_text(encoding="utf-8")
        write_atomic(root / target, for_engine(source, text, engine))
    for source, target in (("README.md", "README.md"), ("about.md", "docs/about.md")):
        text = for_engine(source, (STARTER / source).read_text(encoding="utf-8"), engine)
        for key, value in values.items():
            text = text.replace(key, value)
        write_atomic(root / target, text)
    write_atomic(root / "mkdocs.yml", mkdocs_yml(site_name))
    extra = "[zensical]" if engine == "zensical" else ""
    pin = f"litcat{extra}=={litcat_version()}\n"
    write_atomic(root / "requirements.txt", "# The site generator, at the version used.\n" + pin)
    (root / PAPERS_DIR).mkdir()
    # git keeps no empty folder; litcat ignores this file.
    write_atomic(root / PAPERS_DIR / ".gitkeep", "")


def _origin_text(reading: ListReading | None, source: Path | None) -> str:
    if reading is None or source is None:
        return ""
    return (
        f"It was started from the paper list {markdown.text(plain_name(source.name))} "
        "(`litcat init --from-markdown`): "
        "its sections became the taxonomy and its papers the first records.\n"
    )


def _fill(env: Env, root: Path, reading: ListReading) -> ListReport:
    sections = list_taxonomy(reading, Path(reading.file).name)
    write_atomic(root / TAXONOMY_FILE, TAXONOMY_HEAD + dump(sections.data))
    catalog = load_catalog(root)
    if not catalog.ok:  # pragma: no cover - the taxonomy is made to be valid
        # The files named are in the folder being made, which is removed: say so.
        raise click.ClickException(
            f"the taxonomy made from {reading.file} would not be valid, so no catalog was "
            "made (a fault of litcat's; please report it with the list):\n"
            + format_problems(catalog.problems, "text")
        )
    importer = ListImporter(
        catalog,
        reading,
        lambda paper: sections.tags_of(paper.headings()),
        added=env.today(),
        write=True,
        origin=origin_id(reading),
    )
    return importer.run()


@click.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--from-markdown",
    "source",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Start from a Markdown paper list: its headings become the taxonomy, its papers the "
    "records.",
)
@click.option("--name", help="The site's name.  [default: the list's title, else FOLDER's name]")
@click.option(
    "--engine",
    type=click.Choice(["mkdocs", "zensical"]),
    default="mkdocs",
    show_default=True,
    help="What the workflows build the site with: MkDocs with the litcat plugin, or Zensical "
    "(litcat render --engine zensical, then zensical build).",
)
@pass_env
def init(env: Env, folder: Path, source: Path | None, name: str | None, engine: str) -> None:
    """Start a catalog in FOLDER (new or empty): taxonomy, papers/, site, workflows, README."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise click.ClickException(
            f"{folder} is not an empty folder; litcat init starts a catalog in a new or empty one"
        )
    reading = read_list_file(source) if source is not None else None
    site_name = plain_name(name or (reading.title if reading else None) or folder.resolve().name)
    report = None
    with staged_in(folder) if folder.is_dir() else staged(folder) as root:
        write_starter(root, site_name, _origin_text(reading, source), engine)
        if reading is None:
            write_atomic(root / TAXONOMY_FILE, TAXONOMY_HEAD + dump(STARTER_TAXONOMY))
        else:
            report = _fill(env, root, reading)
    if report is not None and reading is not None:
        print_report(report, reading, dry_run=False)
    click.echo(f"made the catalog {folder}; its README.md says what to do next", err=True)
    if report is not None and report.errors:
        raise SystemExit(1)


COMMANDS = [init]
