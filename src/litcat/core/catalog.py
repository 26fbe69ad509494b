"""The catalog: the taxonomy, the valid papers, where each came from, and every problem found."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .models import Paper
from .problems import Problem, count
from .taxonomy import Taxonomy

TAXONOMY_FILE = "taxonomy.yaml"
PAPERS_DIR = "papers"


@dataclass
class Catalog:
    root: Path
    taxonomy: Taxonomy | None
    papers: dict[str, Paper] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return count(self.problems)[0] == 0

    @property
    def papers_dir(self) -> Path:
        return self.root / PAPERS_DIR

    def require_taxonomy(self) -> Taxonomy:
        if self.taxonomy is None:
            raise ValueError("the taxonomy did not load")
        return self.taxonomy

    # -- indexes ---------------------------------------------------------------------------------

    @cached_property
    def _nodes_of(self) -> dict[str, dict[str, frozenset[str]]]:
        """For each paper and dimension, its nodes with their ancestors (a child implies them)."""
        result: dict[str, dict[str, frozenset[str]]] = {}
        for pid, paper in self.papers.items():
            per_dim: dict[str, frozenset[str]] = {}
            for dim, values in paper.all_tags().items():
                nodes: set[str] = set()
                for value in values:
                    nodes.update(self._node_path(dim, value))
                per_dim[dim] = frozenset(nodes)
            result[pid] = per_dim
        return result

    def _node_path(self, dim: str, value: str) -> tuple[str, ...]:
        info = self.taxonomy.resolve(dim, value)[0] if self.taxonomy else None
        return info.path if info else (value,)

    def nodes_of(self, paper_id: str, dim: str) -> frozenset[str]:
        return self._nodes_of.get(paper_id, {}).get(dim, frozenset())

    def direct_nodes(self, paper_id: str, dim: str) -> list[str]:
        """The nodes a record names itself (aliases resolved), in its own order."""
        return self._resolved(self.papers[paper_id].all_tags().get(dim, []), dim)

    def added_nodes(self, paper_id: str, dim: str) -> list[str]:
        """The nodes of a record's ``added_tags``: what the catalog adds to its origin's filing."""
        return self._resolved(self.papers[paper_id].added_tags.get(dim, []), dim)

    def _resolved(self, values: list[str], dim: str) -> list[str]:
        out: list[str] = []
        for value in values:
            info = self.taxonomy.resolve(dim, value)[0] if self.taxonomy else None
            node_id = info.id if info else value
            if node_id not in out:
                out.append(node_id)
        return out

    @cached_property
    def _by_node(self) -> dict[tuple[str, str], list[str]]:
        index: dict[tuple[str, str], list[str]] = defaultdict(list)
        for pid, per_dim in self._nodes_of.items():
            for dim, nodes in per_dim.items():
                for node in nodes:
                    index[(dim, node)].append(pid)
        return index

    def papers_at(self, dim: str, node_id: str) -> list[str]:
        """Ids of the papers tagged with a node or any node under it."""
        return self._by_node.get((dim, node_id), [])

    def sorted_papers(self) -> list[Paper]:
        """Every paper in id order, as exports list them."""
        return [self.papers[pid] for pid in sorted(self.papers)]

    def newest_first(self, ids: list[str] | None = None) -> list[Paper]:
        chosen = self.papers.values() if ids is None else (self.papers[i] for i in ids)
        return sorted(chosen, key=lambda p: (-(p.year or 0), p.title.lower(), p.id))
