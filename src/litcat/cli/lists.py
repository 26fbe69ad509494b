"""``litcat import-markdown``: papers from a Markdown list (an awesome-list README).

Every bullet and table row of the list ends in the report with its line: written as a record,
merged into another bullet's record (the same paper listed twice), held already by the
catalog, or not imported and why. The report is the list's order, one line each.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import Any

import click

from ..core.problems import Problem, format_problems
from ..core.reading.reader import read
from ..core.taxonomy import Taxonomy
from ..formats.schema import schema_header
from ..intake.add import tag_errors
from ..intake.lists.read import ListReading, Paper, read_list
from ..intake.lists.records import ListImporter, ListReport
from ..intake.lists.structure import MAX_BYTES
from ..intake.lists.taxonomy import mapped_tags, section_path
from . import Env, decoded, pass_env
from .add import require_taxonomy


def read_list_file(source: Path) -> ListReading:
    """The list read, or a :class:`click.ClickException` naming the file."""
    name = decoded(source.as_posix())
    with source.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise click.ClickException(f"{name}: larger than {MAX_BYTES // 2**20} MB; not a list")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise click.ClickException(
            f"{name}: not UTF-8 text (byte {exc.start + 1}: {exc.reason}); "
            "save it as UTF-8 and try again"
        ) from None
    reading = read_list(text, name)
    if not reading.papers:
        raise click.ClickException(nothing_to_import(reading))
    return reading


def nothing_to_import(reading: ListReading) -> str:
    """Why a list gives no paper: each bullet refused, with its line and why, or that none
    links a paper (which is only said when it is so)."""
    refused = [found for found in reading.not_papers if not found.message.startswith("no link")]
    lines = [f"{reading.file}:{found.line}: not imported: {found.message}" for found in refused]
    if refused:
        count = len(reading.not_papers)
        lines.append(
            f"{reading.file}: none of its {count} bullets and rows could be imported (the "
            "lines above say why); nothing to import"
        )
    else:
        lines.append(
            f"{reading.file}: no bullet or table row links a paper (an arXiv, DOI, OpenReview "
            "or paper link), so there is nothing to import"
        )
    return "\n".join(lines)


def print_report(report: ListReport, reading: ListReading, dry_run: bool) -> None:
    """One line per bullet in the list's order, then a count of each outcome."""
    verb = "would write" if dry_run else "wrote"
    lines: list[tuple[int, str]] = [(line, f"{verb} {file}") for line, file in report.written]
    update = "would update" if dry_run else "updated"
    lines += [(line, f"{update} {file} (tags or links it lacked)") for line, file in report.updated]
    lines += [
        (line, f"merged into {file}: the bullet of line {first} has the same {by}")
        for line, file, first, by in report.merged
    ]
    lines += [(line, f"held already: {file} ({by})") for line, file, by in report.held]
    lines += [(p.line, format_problems([p], "text").split(": ", 1)[1]) for p in report.problems]
    for line, text in sorted(lines, key=lambda pair: pair[0]):
        click.echo(f"{reading.file}:{line}: {text}")
    errors = report.errors
    click.echo(
        f"{reading.entries} bullets and rows: {len(report.written)} records "
        f"{'to write' if dry_run else 'written'}, {len(report.merged)} merged, "
        f"{len(report.held) + len(report.updated)} held already, "
        f"{len(reading.not_papers)} not papers, {errors} errors{_asides(reading)}"
        f"{_links(report)}",
        err=True,
    )


def _links(report: ListReport) -> str:
    if not report.paper_links:
        return ""
    held = report.paper_links - report.missed_links
    return f"; of the {report.paper_links} papers it links, {held} are in records"


def _asides(reading: ListReading) -> str:
    bullets = sum(aside.bullets for aside in reading.asides)
    return f"; {bullets} more in sections of other things than papers" if bullets else ""


def read_map(
    path: Path, taxonomy: Taxonomy, headings: set[str]
) -> tuple[dict[str, list[str]], list[Problem]]:
    """A map file: heading (its text, or its path ``A > B``) to ``DIM=NODE`` tags; with the
    warnings for entries that name no heading of the list."""
    doc = read(path, path.as_posix())
    data: Any = doc.data
    if not doc.problems and not isinstance(data, dict):
        doc.error((), "a map is a mapping of headings to DIM=NODE tags")
    mapping: dict[str, list[str]] = {}
    for heading, value in data.items() if isinstance(data, dict) else ():
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            doc.error((heading,), "give DIM=NODE, or a list of them")
            continue
        tags: dict[str, list[str]] = {}
        for v in values:
            dim, _, node = v.partition("=")
            tags.setdefault(dim.strip(), []).append(node.strip())
        for message in tag_errors(taxonomy, tags):
            doc.error((heading,), message.removeprefix("--tag "))
        if str(heading) not in headings:
            doc.warning((heading,), "no heading of the list is called this", key=True)
        mapping[str(heading)] = list(values)
    if any(p.is_error for p in doc.problems):
        raise click.ClickException(format_problems(doc.problems, "text"))
    return mapping, doc.problems


def _chain(reading: ListReading, heading: int) -> list[int]:
    """A heading and the headings it is under."""
    by_index = {h.index: h for h in reading.headings}
    chain: list[int] = []
    at: int | None = heading
    while at is not None:
        chain.append(at)
        at = by_index[at].parent
    return chain


def _tags_for(reading: ListReading, found: dict[int, list[tuple[str, str]]]) -> Any:
    """Each paper's tags: those of every heading above each of its bullets."""

    def tags(paper: Paper) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for heading in paper.headings():
            for at in _chain(reading, heading):
                for dim, node in found.get(at, []):
                    values = out.setdefault(dim, [])
                    if node not in values:
                        values.append(node)
        return out

    return tags


@click.command("import-markdown")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--map",
    "map_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML: each heading (or 'A > B' path) to DIM=NODE tags. [default: headings named "
    "like a node]",
)
@click.option("--dry-run", is_flag=True, help="Write nothing; say what would be written.")
@click.option(
    "--update",
    is_flag=True,
    help="Add the list's tags and links to records that hold its papers already.",
)
@pass_env
def import_markdown(
    env: Env, source: Path, map_file: Path | None, dry_run: bool, update: bool
) -> None:
    """Import the papers of a Markdown list; every bullet is written, merged or reported."""
    # Under the catalog's lock (a dry run writes nothing and need not wait): what another
    # command writes meanwhile is loaded first, and nothing writes between.
    with nullcontext() if dry_run else env.writing():
        _import_markdown(env, source, map_file, dry_run, update)


def _import_markdown(
    env: Env, source: Path, map_file: Path | None, dry_run: bool, update: bool
) -> None:
    catalog = env.load()
    require_taxonomy(catalog)
    taxonomy = catalog.require_taxonomy()
    reading = read_list_file(source)
    mapping: dict[str, list[str]] | None = None
    map_notes: list[Problem] = []
    if map_file is not None:
        names = {section_path(h, reading) for h in reading.headings}
        mapping, map_notes = read_map(
            map_file, taxonomy, names | {h.text for h in reading.headings}
        )
    found = mapped_tags(reading, taxonomy, mapping)
    importer = ListImporter(
        catalog,
        reading,
        _tags_for(reading, found),
        added=env.today(),
        write=not dry_run,
        update=update,
        header=schema_header(catalog.root),
    )
    report = importer.run()
    _untagged(report, reading, found, mapping is not None)
    if map_notes:
        click.echo(format_problems(map_notes, "text"), err=True)
    print_report(report, reading, dry_run)
    if report.errors:
        raise SystemExit(1)


def _untagged(
    report: ListReport,
    reading: ListReading,
    found: dict[int, list[tuple[str, str]]],
    mapped: bool,
) -> None:
    """Sections whose papers get no tag: neither they nor a section above them is sent to a
    node."""
    where = "in the map" if mapped else "named like a node of the taxonomy"
    direct = {h for paper in reading.papers for h in paper.headings()}
    for heading in reading.headings:
        if heading.index in direct and not any(
            found.get(h) for h in _chain(reading, heading.index)
        ):
            report.note(
                heading.line,
                f"no heading down to {heading.text!r} is {where}: its papers get no tags",
            )


COMMANDS = [import_markdown]
