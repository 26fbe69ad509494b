"""A paper list's headings as taxonomy nodes: for a new catalog, the heading tree becomes the
taxonomy; for an existing one, a map (or the node labels) sends headings to its nodes.

For a new catalog, sections that hold no paper are left out (an unused node would only be a
warning), the list's title is not a section, and each top-level section becomes a dimension
when every one of them is divided into subsections that hold the papers; otherwise the whole
tree is one dimension, "Section".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ...core.rules.text import remove_invisible
from ...core.taxonomy import Taxonomy
from .read import ListReading, dates_papers
from .sections import is_contents
from .structure import Heading

_NUMBERED = re.compile(r"^\s*\d+(?:\.\d+)*[.)]\s*(?=\S)")
ID_LENGTH = 60
SECTION = {
    "id": "section",
    "label": "Section",
    "description": "The section of the list a paper is filed under.",
}


# A label is one line of the taxonomy (which allows 500 characters), a description 2,000: a
# heading or a path of headings past that is cut at a word, so the taxonomy made is valid.
LABEL_MAX = 200
PATH_MAX = 1_500


def heading_label(text: str) -> str:
    """``1.Large Language Models`` is labelled ``Large Language Models``."""
    label = fitted(_NUMBERED.sub("", text).strip(" :"), LABEL_MAX).strip(" :")
    return label or fitted(text, LABEL_MAX) or "Untitled section"


def fitted(text: str, limit: int) -> str:
    """``text`` as the taxonomy may hold it: without invisible characters (a bidi override, a
    bell: the taxonomy refuses them), and cut at a word, with an ellipsis, past ``limit``."""
    text = "".join(c for c in remove_invisible(text, every=True) if c.isprintable() or c.isspace())
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    return (cut.rsplit(" ", 1)[0] if " " in cut.strip() else cut).rstrip() + "…"


def node_id(label: str, length: int = ID_LENGTH) -> str:
    """``Vision Language Models`` is ``vision-language-models``; whole words, at most
    ``length`` characters."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > length:
            break
        out = f"{out}-{word}" if out else word[:length]
    return out or "section"


@dataclass
class Sections:
    """The taxonomy made from a list, and the tag each heading gives the papers under it."""

    data: dict[str, Any]
    tags: dict[int, tuple[str, str]] = field(default_factory=dict)
    # The node of papers listed before any section, when the list has no sections at all.
    default: tuple[str, str] | None = None

    def tags_of(self, headings: list[int]) -> dict[str, list[str]]:
        tags: dict[str, list[str]] = {}
        pairs = [self.tags[h] for h in headings if h in self.tags]
        for dim, node in pairs or ([self.default] if self.default else []):
            values = tags.setdefault(dim, [])
            if node not in values:
                values.append(node)
        return tags


def origin_id(reading: ListReading) -> str:
    """A short id for the list, which every record made from it names as its origin."""
    return node_id(reading.title or "list", length=30)


def list_taxonomy(reading: ListReading, source_name: str) -> Sections:
    """The taxonomy of a new catalog made from ``reading``, named after the list."""
    tree = _Tree(reading)
    sections = Sections({})
    origin = origin_id(reading)
    direct = {tree.filed(h) for p in reading.papers for h in p.headings()}
    roots = tree.roots
    dims: list[dict[str, Any]] = []
    if roots and all(tree.children.get(r.index) and r.index not in direct for r in roots):
        taken: set[str] = set()
        for root in roots:
            label = heading_label(root.text)
            dim = _unique(node_id(label), taken)
            description = f"The sections of the list under “{label}”."
            nodes = tree.nodes(tree.children[root.index], dim, origin, sections, set())
            dims.append({"id": dim, "label": label, "description": description, "nodes": nodes})
    elif roots:
        dims.append({**SECTION, "nodes": tree.nodes(roots, "section", origin, sections, set())})
    else:
        dims.append({**SECTION, "nodes": [_general(origin)]})
        sections.default = ("section", "general")
    tree.date_tags(sections)
    described = {
        "id": origin,
        "label": fitted(reading.title or source_name, LABEL_MAX),
        "description": f"The paper list {source_name} this catalog was started from; its "
        "papers keep the list's filing under its headings.",
    }
    sections.data = {"origins": [described], "dimensions": dims}
    return sections


class _Tree:
    """The headings that hold papers (directly or in a subsection), as a tree.

    A heading that only dates its papers (``#### 2025``, ``### ICML 2022``) is no node: the
    papers and sections under it are filed under the heading above it, and sections of one
    name under several such headings (``## 2021 > ### Robots``, ``## 2022 > ### Robots``)
    are one node."""

    def __init__(self, reading: ListReading) -> None:
        self.reading = reading
        headings = reading.headings
        used = _used(reading)
        self.title = headings[0].index if reading.title is not None else None
        self.dating = {h.index for h in headings if h.index in used and dates_papers(h.text)}
        self.children: dict[int | None, list[Heading]] = {}
        for h in headings:
            if h.index in used and h.index != self.title and h.index not in self.dating:
                self.children.setdefault(self.above(h.index), []).append(h)
        # A list written under its table of contents ("## Contents", then "### Optimization")
        # is filed by the sections under it: the contents heading is no dimension or node.
        self.roots = []
        for h in self.children.get(None, []):
            self.roots += self.children.get(h.index, []) if is_contents(h.text) else [h]

    def above(self, index: int) -> int | None:
        """The nearest heading above this one that is a node (None: the list's top)."""
        at = self.reading.headings[index].parent
        while at is not None and at in self.dating:
            at = self.reading.headings[at].parent
        return None if at == self.title else at

    def filed(self, index: int) -> int | None:
        """The heading whose node files the papers written under this one."""
        return self.above(index) if index in self.dating else index

    def path(self, heading: Heading) -> str:
        """The headings down to this one, as written, without the list's title and the
        headings that only date papers."""
        parts = [heading.text]
        at = self.above(heading.index)
        while at is not None:
            parts.append(self.reading.headings[at].text)
            at = self.above(at)
        return " > ".join(reversed(parts))

    def nodes(
        self, level: list[Heading], dim: str, origin: str, sections: Sections, taken: set[str]
    ) -> list[dict[str, Any]]:
        nodes = []
        headings = self.reading.headings
        named: dict[str, list[Heading]] = {}
        for heading in level:
            named.setdefault(node_id(heading_label(heading.text)), []).append(heading)
        for group in named.values():
            heading = group[0]
            label = heading_label(heading.text)
            wanted = node_id(label)
            above = self.above(heading.index)
            if wanted in taken and above is not None:
                wanted = node_id(f"{heading_label(headings[above].text)} {label}")
            nid = _unique(wanted, taken)
            for each in group:
                sections.tags[each.index] = (dim, nid)
            node: dict[str, Any] = {
                "id": nid,
                "origin": origin,
                "label": label,
                "description": f"Filed under “{fitted(self.path(heading), PATH_MAX)}” in the list.",
            }
            under = [c for each in group for c in self.children.get(each.index, [])]
            below = self.nodes(under, dim, origin, sections, taken)
            if below:
                node["children"] = below
            nodes.append(node)
        return nodes

    def date_tags(self, sections: Sections) -> None:
        """A dating heading tags its papers with the node of the heading above it."""
        for index in self.dating:
            above = self.above(index)
            if above is not None and above in sections.tags:
                sections.tags[index] = sections.tags[above]


def _used(reading: ListReading) -> set[int]:
    """Headings with a paper under them, directly or in a subsection."""
    by_index = {h.index: h for h in reading.headings}
    used: set[int] = set()
    for paper in reading.papers:
        for heading in paper.headings():
            at: int | None = heading
            while at is not None and at not in used:
                used.add(at)
                at = by_index[at].parent
    return used


def section_path(heading: Heading, reading: ListReading) -> str:
    """``Base Model > 1.Large Language Models``: the headings down to this one, as written,
    without the list's title."""
    headings = reading.headings
    title = 0 if reading.title is not None else None
    parts = [heading.text]
    at = heading.parent
    while at is not None and at != title:
        parts.append(headings[at].text)
        at = headings[at].parent
    return " > ".join(reversed(parts))


def _unique(wanted: str, taken: set[str]) -> str:
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        candidate = f"{wanted[: ID_LENGTH - 4]}-{n}"
    taken.add(candidate)
    return candidate


def _general(origin: str) -> dict[str, Any]:
    return {"id": "general", "origin": origin, "label": "General", "description": "Papers."}


# -- an existing catalog: headings to its nodes -----------------------------------------------


def mapped_tags(
    reading: ListReading, taxonomy: Taxonomy, mapping: dict[str, list[str]] | None
) -> dict[int, list[tuple[str, str]]]:
    """The tags each heading gives: from the map (keyed by heading text or ``A > B`` path),
    else from a node whose id or label is the heading's."""
    out: dict[int, list[tuple[str, str]]] = {}
    by_label = _nodes_by_name(taxonomy)
    for heading in reading.headings:
        if mapping is not None:
            values = mapping.get(section_path(heading, reading)) or mapping.get(heading.text)
            pairs = [tuple(v.split("=", 1)) for v in values or [] if "=" in v]
            out[heading.index] = [(d.strip(), n.strip()) for d, n in pairs]
        else:
            found = by_label.get(node_id(heading_label(heading.text)))
            out[heading.index] = [found] if found else []
    return out


def _nodes_by_name(taxonomy: Taxonomy) -> dict[str, tuple[str, str]]:
    names: dict[str, set[tuple[str, str]]] = {}
    for info in taxonomy.all_nodes():
        for key in (info.id, node_id(info.node.label)):
            names.setdefault(key, set()).add((info.dimension, info.id))
    # A name two nodes share sends a heading nowhere rather than to a guess.
    return {key: found.pop() for key, found in names.items() if len(found) == 1}
