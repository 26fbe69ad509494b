"""The search index entries of paper and node pages, made from the records themselves.

Material's search plugin would parse every built page back into text, gluing each label to its
value ("Base modelDiffusion models"). These entries give each fact a field of its own, so a
search finds a paper by its short name, authors, venue, year or tags, and the snippet under a
result reads as a sentence. Values are HTML-escaped: the search box shows them as HTML.

The entries follow Material's ``search_index.json`` (``location``, ``title``, ``text``); the
other fields are added to its ``config.fields`` with the boosts below, where a site's own
``search: fields:`` setting wins.
"""

from __future__ import annotations

import re
from html import escape
from typing import Any

from ..core import paths, values
from ..core.catalog import Catalog
from ..core.models import Paper
from ..core.taxonomy import NodeInfo, Taxonomy
from .text import paragraphs, short_authors

# Material gives titles 1e3 and text 1. A short name is what people type ("DPPO"): it weighs
# as a title does. More would let a prefix of one ("World4RL" for "world") outrank whole
# title words, since Material searches every word typed as a prefix. The other facts rank
# between titles and the summary text.
FIELDS: dict[str, dict[str, float]] = {
    "short_name": {"boost": 1e3},
    "authors": {"boost": 100.0},
    "venue": {"boost": 10.0},
    "year": {"boost": 10.0},
    "taxonomy": {"boost": 10.0},
    "attributes": {"boost": 10.0},
}

Entry = dict[str, Any]
_PUNCTUATION = re.compile(r"[^\w\s-]+")


def search_entries(catalog: Catalog) -> dict[str, list[Entry]]:
    """For each paper and node page (by path), its entries without ``location``: the caller
    knows the URL the page gets."""
    taxonomy = catalog.require_taxonomy()
    entries: dict[str, list[Entry]] = {}
    for paper in catalog.papers.values():
        entries[paths.paper(paper.id)] = [paper_entry(catalog, taxonomy, paper)]
    for info in taxonomy.all_nodes():
        entries[paths.node(info.dimension, info.id)] = [node_entry(taxonomy, info)]
    return entries


def paper_entry(catalog: Catalog, taxonomy: Taxonomy, paper: Paper) -> Entry:
    byline = [paper.short_name, short_authors(paper.authors, paper.authors_incomplete)]
    byline += [paper.venue, str(paper.year)]
    text = _paragraph(" · ".join(part for part in byline if part))
    if paper.summary:
        text += _paragraph(paper.summary)
    entry: Entry = {"title": _html(paper.title), "text": text}
    if paper.short_name:
        entry["short_name"] = _terms(paper.short_name)
    if paper.authors:
        entry["authors"] = _terms(" ".join(paper.authors))
    if paper.venue:
        entry["venue"] = _terms(paper.venue)
    entry["year"] = str(paper.year)
    labels = tag_labels(catalog, taxonomy, paper)
    if labels:
        entry["taxonomy"] = _terms(" ".join(labels))
    facts = attribute_words(taxonomy, paper)
    if facts:
        entry["attributes"] = _terms(" ".join(facts))
    return entry


def attribute_words(taxonomy: Taxonomy, paper: Paper) -> list[str]:
    """What the page shows for the paper's text, list and choice attributes ("Franka Panda",
    a base model's name): words a reader may search for. Yes, no and counts are left out; they
    would match every paper."""
    words: list[str] = []
    for attr in taxonomy.attributes:
        value = paper.attributes.get(attr.id)
        if value is not None and attr.type not in ("bool", "int"):
            words.append(values.shown(attr, value, separator=" "))
    return words


def tag_labels(catalog: Catalog, taxonomy: Taxonomy, paper: Paper) -> list[str]:
    labels: list[str] = []
    for dim in taxonomy.dimensions:
        for node_id in catalog.direct_nodes(paper.id, dim.id):
            info = taxonomy.node(dim.id, node_id)
            if info is not None and info.node.label not in labels:
                labels.append(info.node.label)
    return labels


def node_entry(taxonomy: Taxonomy, info: NodeInfo) -> Entry:
    dim = taxonomy.dimension(info.dimension)
    trail = [dim.label] if dim is not None else []
    for ancestor in info.path[:-1]:
        found = taxonomy.node(info.dimension, ancestor)
        if found is not None:
            trail.append(found.node.label)
    text = "".join(_paragraph(p) for p in paragraphs(info.node.description))
    return {"title": _html(info.node.label), "text": text, "taxonomy": _terms(" ".join(trail))}


def _terms(value: str) -> str:
    """The words of a value, for a field that is searched but not shown. Material's default
    separator splits on spaces and hyphens only, so "Policy," would be a word of its own,
    rare and so ranked far above "Policy"; without the punctuation each word is the common one.
    """
    return _html(_PUNCTUATION.sub(" ", value))


def _html(value: str) -> str:
    return escape(" ".join(value.split()), quote=False)


def _paragraph(value: str) -> str:
    return f"<p>{_html(value)}</p>"


def merge_index(index: dict[str, Any], entries: list[Entry]) -> dict[str, Any]:
    """A search index (Material's ``search_index.json``, read) with ``entries`` added, and
    the fields they use declared in its configuration unless it declares them already."""
    config = index.get("config")
    if isinstance(config, dict) and isinstance(config.get("fields"), dict):
        for name, setting in FIELDS.items():
            config["fields"].setdefault(name, dict(setting))
    docs = index.setdefault("docs", [])
    docs.extend(entries)
    return index
