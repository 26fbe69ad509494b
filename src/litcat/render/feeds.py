"""Atom feeds of newly added papers: one for the catalog, one per top-level node.

Built with ElementTree, which escapes text and attributes; characters XML 1.0 forbids (which a
record may still hold) are replaced, so every feed parses.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from xml.etree import ElementTree as ET

from ..core import paths
from ..core.models import Paper
from .context import Producer, RenderContext, href
from .recent import recently_added
from .text import author_list

ATOM = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

ET.register_namespace("", ATOM)


def produce(ctx: RenderContext) -> Iterator[tuple[str, str]]:
    papers = list(ctx.catalog.papers.values())
    yield paths.CATALOG_FEED, feed(ctx, paths.CATALOG_FEED, ctx.options.site_name, papers)
    for dim in ctx.taxonomy.dimensions:
        for info in ctx.taxonomy.top_nodes(dim.id):
            path = paths.node_feed(dim.id, info.id)
            chosen = [ctx.catalog.papers[pid] for pid in ctx.catalog.papers_at(dim.id, info.id)]
            title = f"{ctx.options.site_name}: {dim.label}: {info.node.label}"
            yield path, feed(ctx, path, title, chosen)


def xml_text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def sub(parent: ET.Element, tag: str, text: str | None = None, **attrib: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: xml_text(v) for k, v in attrib.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def link_to(ctx: RenderContext, feed_path: str, page: str) -> str:
    """Absolute when the site URL is known; else relative to the feed file."""
    return ctx.absolute(page) or href(feed_path, page)


def entry_id(ctx: RenderContext, paper: Paper) -> str:
    page = ctx.absolute(paths.paper(paper.id))
    return page or uuid.uuid5(uuid.NAMESPACE_URL, f"litcat:paper:{paper.id}").urn


def feed(ctx: RenderContext, path: str, title: str, papers: list[Paper]) -> str:
    chosen = recently_added(papers, ctx.options.feed_size)
    root = ET.Element(f"{{{ATOM}}}feed")
    sub(root, "title", title)
    sub(root, "id", ctx.absolute(path) or uuid.uuid5(uuid.NAMESPACE_URL, f"litcat:{path}").urn)
    # The newest addition, not the build time: two builds of one catalog are identical.
    newest = max((p.added for p in chosen), default=None)
    sub(root, "updated", f"{newest.isoformat() if newest else '1970-01-01'}T00:00:00Z")
    sub(root, "link", rel="alternate", type="text/html", href=link_to(ctx, path, paths.RECENT))
    if ctx.options.site_url:
        sub(root, "link", rel="self", href=link_to(ctx, path, path))
    sub(root, "author").append(_name(ctx.options.site_name))
    for paper in chosen:
        entry(ctx, root, path, paper)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _name(text: str) -> ET.Element:
    element = ET.Element(f"{{{ATOM}}}name")
    element.text = xml_text(text)
    return element


def entry(ctx: RenderContext, root: ET.Element, path: str, paper: Paper) -> None:
    item = sub(root, "entry")
    sub(item, "title", paper.title, type="text")
    sub(item, "id", entry_id(ctx, paper))
    sub(item, "updated", f"{paper.added.isoformat()}T00:00:00Z")
    sub(
        item,
        "link",
        rel="alternate",
        type="text/html",
        href=link_to(ctx, path, paths.paper(paper.id)),
    )
    for name in paper.authors:
        sub(item, "author").append(_name(name))
    facts = [author_list(paper.authors, paper.authors_incomplete)]
    if paper.year is not None:
        facts.append(str(paper.year))
    if paper.venue:
        facts.append(paper.venue)
    summary = ". ".join(facts) + "."
    if paper.summary:
        summary += " " + paper.summary
    sub(item, "summary", summary, type="text")
    for dim in ctx.taxonomy.dimensions:
        for node_id in ctx.catalog.direct_nodes(paper.id, dim.id):
            info = ctx.taxonomy.node(dim.id, node_id)
            if info is not None:
                sub(item, "category", term=f"{dim.id}/{node_id}", label=info.node.label)


PRODUCER = Producer("feeds", produce)
