"""One page per paper: its facts, tags, attributes, BibTeX, related papers and meta tags."""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..core import ids, paths, values
from ..core.models import Paper
from ..formats.bibtex import bibtex_entry, entry_type
from .context import Producer, RenderContext
from .output import Output
from .sources import source_of
from .text import author_list, fence


def produce(ctx: RenderContext) -> Iterator[tuple[str, Output]]:
    # Every output of this producer shows one paper.
    return iter(())


def paper_page(ctx: RenderContext, paper: Paper) -> Iterator[tuple[str, Output]]:
    path = paths.paper(paper.id)
    yield (
        path,
        ctx.page(
            "paper.md.j2",
            path,
            meta(paper),
            paper=paper,
            authors=author_list(paper.authors, paper.authors_incomplete),
            links=links(paper),
            tags=tags(ctx, paper),
            origin=ctx.taxonomy.origin(paper.origin) if paper.origin else None,
            attributes=attribute_rows(ctx, paper),
            bibtex=fence(bibtex_entry(paper), "bibtex"),
            related=[ctx.catalog.papers[i] for i in ctx.related[paper.id]],
            edit_url=ctx.edit_url(source_of(ctx.catalog, path)),
        ),
    )


def meta(paper: Paper) -> dict[str, Any]:
    # MkDocs themes print the title without escaping, so it is escaped here, once.
    data: dict[str, Any] = {"title": html.escape(paper.title)}
    if paper.summary:
        data["description"] = html.escape(paper.summary)
    data["citation"] = citation_tags(paper)
    return data


def citation_tags(paper: Paper) -> list[list[str]]:
    """The ``citation_*`` meta tags Google Scholar reads, as raw text (escaped by the theme)."""
    tags = [["citation_title", paper.title]]
    tags += [["citation_author", name] for name in paper.authors]
    cited = paper.citation_year()
    if cited is not None:
        tags.append(["citation_publication_date", str(cited)])
    if paper.venue:
        kind = entry_type(paper)
        name = "citation_journal_title" if kind == "article" else "citation_conference_title"
        tags.append([name, paper.venue])
    if paper.arxiv:
        tags.append(["citation_arxiv_id", paper.arxiv])
    if paper.doi:
        tags.append(["citation_doi", paper.doi])
    pdf = pdf_url(paper)
    if pdf:
        tags.append(["citation_pdf_url", pdf])
    return tags


def pdf_url(paper: Paper) -> str | None:
    link = paper.links.paper
    if link and link.lower().split("?")[0].endswith(".pdf"):
        return link
    if paper.arxiv:
        return ids.arxiv_pdf_url(paper.arxiv)
    return None


def links(paper: Paper) -> list[tuple[str, str]]:
    """Labelled links; every one is a URL the model checked or built from a checked id."""
    out: list[tuple[str, str]] = []
    if paper.links.paper:
        out.append(("Paper", paper.links.paper))
    if paper.arxiv:
        out.append(("arXiv", ids.arxiv_url(paper.arxiv)))
    if paper.doi:
        out.append(("DOI", ids.doi_url(paper.doi)))
    for label, url in (
        ("Code", paper.links.code),
        ("Project", paper.links.project),
        ("Video", paper.links.video),
    ):
        if url:
            out.append((label, url))
    return out


@dataclass(frozen=True)
class Chip:
    """One tag of a paper: its node's label and page, and whether the catalog added it to the
    filing of the paper's origin."""

    label: str
    page: str
    added: bool


def tags(ctx: RenderContext, paper: Paper) -> list[tuple[str, list[Chip]]]:
    """Per dimension (taxonomy order): its label and the paper's tags."""
    out = []
    for dim in ctx.taxonomy.dimensions:
        added = set(ctx.catalog.added_nodes(paper.id, dim.id))
        chips = []
        for node_id in ctx.catalog.direct_nodes(paper.id, dim.id):
            info = ctx.taxonomy.node(dim.id, node_id)
            if info is not None:
                chips.append(Chip(info.node.label, paths.node(dim.id, node_id), node_id in added))
        if chips:
            out.append((dim.label, chips))
    return out


def attribute_rows(ctx: RenderContext, paper: Paper) -> list[tuple[str, str]]:
    rows = []
    for attr in ctx.taxonomy.attributes:
        value = paper.attributes.get(attr.id)
        if value is not None:
            rows.append((attr.label, values.shown(attr, value, separator=", ")))
    return rows


PRODUCER = Producer("papers", produce, per_paper=paper_page)
