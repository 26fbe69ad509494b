"""``litcat add``: one paper from its arXiv id, its DOI or a BibTeX entry."""

from __future__ import annotations

import os
from typing import BinaryIO

import click

from ..core import ids
from ..core.catalog import TAXONOMY_FILE, Catalog
from ..core.problems import format_problems
from ..core.reading.reader import decode
from ..formats.schema import schema_header
from ..intake import add as adding
from ..intake import fetch
from . import Env, pass_env


def tag_options(values: tuple[str, ...]) -> dict[str, list[str]]:
    tags, errors = adding.parse_tags(values)
    if errors:
        raise click.UsageError("\n".join(errors))
    return tags


def curated_options(
    short_name: str | None,
    summary: str | None,
    code: str | None,
    project: str | None,
    sources: tuple[str, ...],
) -> dict[str, object]:
    """The record fields the options give, as :func:`litcat.intake.curated.with_curated`
    takes them (the record's checks judge the values, with file and line)."""
    links = {kind: url for kind, url in (("code", code), ("project", project)) if url}
    return {"short_name": short_name, "summary": summary, "links": links, "sources": list(sources)}


def require_taxonomy(catalog: Catalog) -> None:
    if catalog.taxonomy is None and not os.path.lexists(catalog.root / TAXONOMY_FILE):
        raise click.ClickException(
            f"{catalog.root} holds no taxonomy.yaml, so it is not a catalog: give --root the "
            "catalog's folder, or start one with litcat init"
        )
    if catalog.taxonomy is None:
        raise click.ClickException(
            "taxonomy.yaml did not load, so tags cannot be checked; run litcat validate"
        )


def fetch_facts(identifier: str, transport: fetch.Transport) -> dict[str, object]:
    """Facts from the arXiv API or doi.org; which one is decided by the identifier's shape."""
    try:
        try:
            return adding.facts_from_arxiv(ids.normalize_arxiv(identifier), transport)
        except ValueError:
            pass
        try:
            doi = ids.normalize_doi(identifier)
        except ValueError:
            raise click.UsageError(
                f"{identifier!r} is neither an arXiv id (2303.12345) nor a DOI (10.1000/xyz)"
            ) from None
        return adding.facts_from_doi(doi, transport)
    except (fetch.FetchError, ValueError) as exc:
        raise click.ClickException(str(exc)) from None


def decode_bibtex(raw: bytes, name: str) -> str:
    """BibTeX bytes as text; a file that is not UTF-8 is named with the place of the first bad
    byte, as records are."""
    text, problem = decode(raw, name)
    if text is None:
        raise click.ClickException(problem.format_text() if problem else f"{name}: not UTF-8")
    return text


def read_bibtex(source: BinaryIO) -> dict[str, object]:
    given = str(getattr(source, "name", "-"))
    name = "standard input" if given in ("<stdin>", "-") else given
    text = decode_bibtex(source.read(), name)
    warnings: list[str] = []
    try:
        facts = adding.facts_from_bibtex(text, name, warnings)
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    return facts


def write(catalog: Catalog, prepared: adding.Prepared, force: bool) -> None:
    """Write a prepared record, or say why not: the paper is held, or the record is wrong."""
    if prepared.duplicate is not None:
        held = prepared.duplicate
        raise click.ClickException(
            f"the catalog already holds this paper: {held.file} has the same {held.by}"
            + ("" if force else " (--force refreshes it or, for a title, adds it anyway)")
        )
    if prepared.problems:
        click.echo(format_problems(prepared.problems, "text"), err=True)
    if not prepared.text:
        raise click.ClickException(f"papers/{prepared.pid}.yaml not written: fix the above")
    if prepared.replaces and not prepared.changes:
        click.echo(f"papers/{prepared.pid}.yaml already holds these facts; nothing written")
        return
    for change in prepared.changes:
        click.echo(f"papers/{prepared.pid}.yaml: {change}")
    try:
        path = adding.write_record(
            catalog, prepared.pid, prepared.text, overwrite=prepared.replaces
        )
    except FileExistsError:
        raise click.ClickException(
            f"papers/{prepared.pid}.yaml exists; not overwritten (run litcat validate)"
        ) from None
    verb = "refreshed" if prepared.replaces else "wrote"
    click.echo(f"{verb} {path.relative_to(catalog.root).as_posix()}")


@click.command()
@click.argument("identifier", required=False)
@click.option(
    "--bibtex",
    "bibtex",
    type=click.File("rb"),
    help="Take the paper from one BibTeX entry in FILE ('-' for standard input), offline.",
)
@click.option("--tag", "tag_values", multiple=True, metavar="DIM=NODE", help="Tag (repeatable).")
@click.option("--short-name", help="The name people call the method by (DPPO, RT-2).")
@click.option("--summary", help="What the paper does, in your own words.")
@click.option("--code", metavar="URL", help="The official code repository.")
@click.option("--project", metavar="URL", help="The project page.")
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="URL",
    help="A page the facts were checked on, the arXiv or publisher page first (repeatable).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Add even if a record has the same title; refresh the facts of a record holding "
    "the same arXiv id or DOI (its links, tags, attributes, notes, summary and sources stay; "
    "each change is listed).",
)
@pass_env
def add(
    env: Env,
    identifier: str | None,
    bibtex: BinaryIO | None,
    tag_values: tuple[str, ...],
    short_name: str | None,
    summary: str | None,
    code: str | None,
    project: str | None,
    sources: tuple[str, ...],
    force: bool,
) -> None:
    """Add a paper from its arXiv id or DOI (fetched), or from BibTeX (--bibtex).

    The source gives the facts (title, authors, year, venue, ids); the options give what only
    a curator knows. Everything is checked as litcat validate checks it before the record is
    written, and nothing is written while a problem remains.
    """
    if (identifier is None) == (bibtex is None):
        raise click.UsageError("give an arXiv id or a DOI, or --bibtex FILE (one of them)")
    tags = tag_options(tag_values)
    curated = curated_options(short_name, summary, code, project, sources)
    require_taxonomy(env.load())
    facts = (
        read_bibtex(bibtex) if bibtex is not None else fetch_facts(str(identifier), env.transport)
    )
    # Loaded again under the lock: what another command wrote meanwhile is seen.
    with env.writing():
        catalog = env.load()
        prepared = adding.prepare(
            catalog,
            adding.Index.of(catalog),
            facts,
            tags,
            added=env.today(),
            header=schema_header(catalog.root),
            force=force,
            curated=curated,
        )
        write(catalog, prepared, force)
    if not tags and not prepared.replaces:
        click.echo("no tags given: add them under tags: before opening a pull request", err=True)
        suggest_tags(catalog, prepared.pid, str(facts.get("title", "")), summary)


def suggest_tags(catalog: Catalog, pid: str, title: str, summary: str | None) -> None:
    """The tags the nearest records suggest for a new one (no extra needed)."""
    from ..intake import discover as finding

    others = [p for p in catalog.papers.values() if p.id != pid]
    if catalog.taxonomy is None or not others:
        return
    text = ". ".join(t for t in (title, summary) if t)
    suggestion = finding.suggest_for(catalog, text, leave_out=pid)
    if not suggestion.tags:
        click.echo("no tags to suggest: no record is near enough", err=True)
        return
    click.echo("suggested tags (from the nearest records, confidence in brackets):", err=True)
    for dim, nodes in suggestion.tags.items():
        shown = ", ".join(f"{node} ({weight:.2f})" for node, weight in nodes)
        click.echo(f"  {dim}: {shown}", err=True)
    nearest = ", ".join(pid for pid, _ in suggestion.nearest)
    click.echo(f"  nearest records: {nearest}", err=True)
    flags = " ".join(f"--tag {d}={n}" for d, nodes in suggestion.tags.items() for n, _ in nodes)
    click.echo(f"  as options: {flags}", err=True)


COMMANDS = [add]
