"""The taxonomy model: groups, dimensions with trees of nodes, attributes and views.

Everything specific to one catalog lives in its ``taxonomy.yaml``; this module only knows the
shape. A :class:`Taxonomy` also answers the questions the rest of litcat asks of it: which node
an id (or an old alias) names, what its ancestors are, which attributes a record may carry.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, create_model

from .fields import Bool, Expectation, Int, Line, Strict, Text, Url

Id = Annotated[
    str,
    StringConstraints(min_length=1, max_length=100, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$"),
]


class Origin(Strict):
    """A published list or review the catalog grew from: its papers say ``origin: <id>``."""

    id: Id
    label: Line
    description: Text
    url: Url | None = Field(None, description="Where the list or review is published.")
    bibtex: Text | None = Field(None, description="How to cite it, as one BibTeX entry.")


class Node(Strict):
    id: Id
    label: Line
    description: Text
    aliases: list[Id] = Field(
        default_factory=list,
        description="Former ids: records using them stay valid, with a warning.",
    )
    origin: Id | None = Field(
        None, description="The origin whose classification has this node; none: the catalog's."
    )
    children: list[Node] = Field(default_factory=list)


class Group(Strict):
    id: Id
    label: Line
    description: Text


class Dimension(Strict):
    id: Id
    label: Line
    description: Text
    multiple: Bool = Field(True, description="Whether a paper may carry several values.")
    group: Id | None = None
    nodes: list[Node] = Field(min_length=1)


class Choice(Strict):
    id: Id
    label: Line
    description: Text | None = None


class Attribute(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=60)]
    label: Line
    description: Text
    type: Literal["text", "list", "bool", "choice", "int"] = "text"
    choices: list[Choice] = Field(default_factory=list)
    compare: Bool = Field(True, description="Whether comparison tables show it as a column.")


class MatrixView(Strict):
    id: Id
    label: Line
    description: Text | None = None
    type: Literal["matrix"] = "matrix"
    rows: Id
    columns: Id


@dataclass(frozen=True, slots=True)
class NodeInfo:
    """A node with its place in the tree: ``path`` holds the ids from the top to itself."""

    dimension: str
    node: Node
    path: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.node.id

    @property
    def depth(self) -> int:
        return len(self.path) - 1

    @property
    def parent(self) -> str | None:
        return self.path[-2] if len(self.path) > 1 else None


class Taxonomy(Strict):
    origins: list[Origin] = Field(default_factory=list)
    expect: list[Expectation] = Field(
        default_factory=list,
        description="What every record should have; a record without it gets a warning.",
    )
    groups: list[Group] = Field(default_factory=list)
    dimensions: list[Dimension] = Field(min_length=1)
    attributes: list[Attribute] = Field(default_factory=list)
    views: list[MatrixView] = Field(default_factory=list)

    # The lookups below run for every tag of every record, so they are built once, as plain
    # dictionaries: pydantic's private attributes cost a __getattr__ call on every read.
    @cached_property
    def _tables(self) -> _Tables:
        nodes: dict[str, dict[str, NodeInfo]] = {}
        names: dict[str, dict[str, tuple[NodeInfo, bool]]] = {}
        for dim in self.dimensions:
            table: dict[str, NodeInfo] = {}
            for info in _walk(dim.id, dim.nodes, ()):
                table.setdefault(info.id, info)
            named: dict[str, tuple[NodeInfo, bool]] = {}
            for info in table.values():
                for alias in info.node.aliases:
                    named.setdefault(alias, (info, True))
            named.update((node_id, (info, False)) for node_id, info in table.items())
            nodes[dim.id] = table
            names[dim.id] = named
        return _Tables(
            nodes, names, {d.id: d for d in self.dimensions}, {a.id: a for a in self.attributes}
        )

    # -- lookups ---------------------------------------------------------------------------------

    def dimension(self, dim_id: str) -> Dimension | None:
        return self._tables.dimensions.get(dim_id)

    def dimension_ids(self) -> list[str]:
        return [d.id for d in self.dimensions]

    def attribute_ids(self) -> list[str]:
        return [a.id for a in self.attributes]

    def origin(self, origin_id: str) -> Origin | None:
        return next((o for o in self.origins if o.id == origin_id), None)

    def attribute(self, attr_id: str) -> Attribute | None:
        return self._tables.attributes.get(attr_id)

    def nodes(self, dim_id: str) -> dict[str, NodeInfo]:
        """Every node of a dimension by id, in tree order (parents before children)."""
        return self._tables.nodes.get(dim_id, {})

    def node(self, dim_id: str, node_id: str) -> NodeInfo | None:
        return self._tables.nodes.get(dim_id, {}).get(node_id)

    def resolve(self, dim_id: str, value: str) -> tuple[NodeInfo | None, bool]:
        """The node an id names, and whether it was named by an old alias."""
        return self._tables.names.get(dim_id, {}).get(value, (None, False))

    def all_nodes(self) -> Iterator[NodeInfo]:
        for dim in self.dimensions:
            yield from self._tables.nodes[dim.id].values()

    def top_nodes(self, dim_id: str) -> list[NodeInfo]:
        return [n for n in self.nodes(dim_id).values() if n.depth == 0]

    def children(self, dim_id: str, node_id: str) -> list[NodeInfo]:
        info = self.node(dim_id, node_id)
        if info is None:
            return []
        return [n for n in (self.node(dim_id, c.id) for c in info.node.children) if n]

    def dimensions_of_group(self, group_id: str | None) -> list[Dimension]:
        return [d for d in self.dimensions if d.group == group_id]

    @cached_property
    def attributes_model(self) -> type[Strict]:
        """A strict pydantic model of the ``attributes`` mapping this taxonomy declares, made
        once per process for each declaration (a catalog loaded again, as ``mkdocs serve`` and
        the tests do, finds it made)."""
        spec = tuple(
            (a.id, a.type, tuple(c.id for c in a.choices), a.description) for a in self.attributes
        )
        return _attributes_model(spec)


_AttributeSpec = tuple[tuple[str, str, tuple[str, ...], str], ...]


@lru_cache(maxsize=64)
def _attributes_model(spec: _AttributeSpec) -> type[Strict]:
    fields: dict[str, Any] = {}
    for attr_id, kind, choices, description in spec:
        annotation: Any
        if kind == "choice":
            annotation = Literal[choices]
        elif kind == "list":
            annotation = list[Line]
        elif kind == "bool":
            annotation = Bool
        elif kind == "int":
            annotation = Int
        else:
            annotation = Line
        fields[attr_id] = (annotation | None, Field(None, description=description))
    model: type[Strict] = create_model("Attributes", __base__=Strict, **fields)
    return model


@dataclass(frozen=True, slots=True)
class _Tables:
    nodes: dict[str, dict[str, NodeInfo]]
    names: dict[str, dict[str, tuple[NodeInfo, bool]]]
    dimensions: dict[str, Dimension]
    attributes: dict[str, Attribute]


def _walk(dim: str, nodes: list[Node], parents: tuple[str, ...]) -> Iterator[NodeInfo]:
    for node in nodes:
        path = (*parents, node.id)
        yield NodeInfo(dim, node, path)
        yield from _walk(dim, node.children, path)
