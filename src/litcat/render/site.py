"""Rendering a site again after a change, making only the outputs the change touches.

A page that shows one paper depends on that record and on the papers it lists as related; a
page that shows one node depends on the records tagged with it (or with a node under it).
Everything else (home, taxonomy, trends, feeds, downloads, explorer data: "the counts") is
made again each time. So when records change, :class:`SiteRenderer` makes again the pages of
the changed papers, of the papers whose related list changed or lists a changed paper, of
every node the changed papers carry (before or after the change, ancestors included), and
the catalog-wide outputs. A new taxonomy, new templates or new options make everything again.
The result is the same as a full render; ``tests/test_incremental.py`` holds it to that.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import jinja2

from ..core.catalog import Catalog
from ..core.models import Paper
from .context import Producer, RenderContext, RenderOptions, make_env
from .output import Output

# Which outputs one piece of a producer makes: the whole catalog's, one paper's, one node's.
Unit = tuple[str, ...]
CATALOG: Unit = ("catalog",)


@dataclass(frozen=True)
class Scope:
    """What a render after a change makes again."""

    # The records that differ (added, removed or edited), the papers whose page is made
    # again, and the nodes whose pages are.
    changed: frozenset[str]
    papers: frozenset[str]
    nodes: frozenset[tuple[str, str]]


@dataclass
class Rendered:
    """Every output, and which paths differ from the previous render (all, the first time)."""

    outputs: dict[str, Output]
    changed: set[str] = field(default_factory=set)
    removed: set[str] = field(default_factory=set)


def changed_papers(old: Catalog, new: Catalog) -> set[str]:
    ids = old.papers.keys() | new.papers.keys()
    return {pid for pid in ids if not _same(old.papers.get(pid), new.papers.get(pid))}


def _same(a: Paper | None, b: Paper | None) -> bool:
    return a is b or a == b


def scope_of(old: RenderContext, new: RenderContext) -> Scope:
    changed = changed_papers(old.catalog, new.catalog)
    changed |= {
        pid for pid in new.catalog.files if old.catalog.files.get(pid) != new.catalog.files[pid]
    }
    if not changed:
        return Scope(frozenset(), frozenset(), frozenset())
    papers = {pid for pid in changed if pid in new.catalog.papers}
    for pid, related in new.related.items():
        if related != old.related.get(pid) or not changed.isdisjoint(related):
            papers.add(pid)
    dims = new.taxonomy.dimension_ids()
    nodes = {
        (dim, node)
        for pid in changed
        for catalog in (old.catalog, new.catalog)
        for dim in dims
        for node in catalog.nodes_of(pid, dim)
    }
    return Scope(frozenset(changed), frozenset(papers), frozenset(nodes))


def template_sources(env: jinja2.Environment) -> dict[str, str]:
    """Every template the environment can load, with its text: a change to any makes all."""
    loader = env.loader
    assert loader is not None
    return {name: loader.get_source(env, name)[0] for name in loader.list_templates()}


class SiteRenderer:
    """Renders a site, and renders it again after a change, keeping what did not change."""

    def __init__(self, options: RenderOptions, producers: list[Producer]) -> None:
        self.options = options
        self.producers = producers
        self.env = make_env(options.templates_dir)
        self._last: RenderContext | None = None
        self._templates: dict[str, str] = {}
        self._outputs: dict[str, Output] = {}
        # The paths each unit of each producer (by its place in the list) made last time.
        self._made: dict[tuple[int, Unit], list[str]] = {}
        self._owner: dict[str, str] = {}

    def render(self, catalog: Catalog) -> Rendered:
        if not catalog.ok:
            raise ValueError("the catalog has errors; run litcat validate")
        templates = template_sources(self.env)
        ctx = RenderContext(catalog, self.options, list(self.producers), env=self.env)
        last = self._last
        full = last is None or last.taxonomy is not ctx.taxonomy or templates != self._templates
        scope = None if full or last is None else scope_of(last, ctx)
        if scope is not None and not scope.changed:
            # The same records, taxonomy, templates and options: the same outputs.
            return Rendered(self._outputs)
        if full:
            self._made, self._owner = {}, {}
        before = self._outputs
        outputs = {} if full else dict(before)
        for number in range(len(self.producers)):
            for unit, made in self._units(ctx, number, scope):
                self._replace(outputs, number, unit, made)
        self._last, self._templates, self._outputs = ctx, templates, outputs
        changed = {path for path, out in outputs.items() if before.get(path) != out}
        return Rendered(outputs, changed, set(before) - set(outputs))

    def _units(
        self, ctx: RenderContext, number: int, scope: Scope | None
    ) -> Iterable[tuple[Unit, Iterable[tuple[str, Output]]]]:
        producer = self.producers[number]
        yield CATALOG, producer.produce(ctx)
        if producer.per_paper is not None:
            if scope is None:
                ids = [paper.id for paper in ctx.catalog.newest_first()]
            else:
                gone = {u[1] for (n, u) in self._made if n == number and u[0] == "paper"}
                ids = sorted(scope.papers | (gone - ctx.catalog.papers.keys()))
            for pid in ids:
                paper = ctx.catalog.papers.get(pid)
                yield ("paper", pid), producer.per_paper(ctx, paper) if paper else ()
        if producer.per_node is not None:
            for info in ctx.taxonomy.all_nodes():
                if scope is None or (info.dimension, info.id) in scope.nodes:
                    yield ("node", info.dimension, info.id), producer.per_node(ctx, info)

    def _replace(
        self,
        outputs: dict[str, Output],
        number: int,
        unit: Unit,
        made: Iterable[tuple[str, Output]],
    ) -> None:
        """Put a unit's new outputs in place of its old ones."""
        producer = self.producers[number].name
        for path in self._made.pop((number, unit), []):
            outputs.pop(path, None)
            self._owner.pop(path, None)
        paths: list[str] = []
        for path, content in made:
            if path in outputs:
                raise ValueError(f"{producer} and {self._owner.get(path)} both write {path}")
            outputs[path] = content
            self._owner[path] = producer
            paths.append(path)
        if paths:
            self._made[(number, unit)] = paths
