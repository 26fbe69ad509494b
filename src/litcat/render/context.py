"""What every producer of pages shares: the catalog, the options, the templates and the paths.

The pages are Markdown for MkDocs (or any engine that reads Markdown with YAML front matter).
Record and taxonomy text never reaches them as Markdown: templates put it inside raw HTML
blocks, escaped by :mod:`litcat.render.text`, and page titles go through front matter.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from markupsafe import escape

from ..core import paths
from ..core.catalog import Catalog
from ..core.models import Paper
from ..core.taxonomy import NodeInfo, Taxonomy
from . import sources, text, theme
from .compiled import COMPILED
from .output import MarkdownPage, Output
from .related import RELATED, related_papers


@dataclass(frozen=True)
class RenderOptions:
    """What the pages need to know about where they will live.

    ``templates_dir`` is a catalog's own templates folder: a template found there by name
    replaces the package's (:data:`litcat.render.theme.TEMPLATES`); None uses the package's.
    """

    templates_dir: Path | None = None
    site_name: str = "Literature catalog"
    site_description: str = ""
    site_url: str | None = None
    # Base URL that a path relative to the catalog root is appended to, to edit that file.
    edit_base: str | None = None
    feed_size: int = 50
    # The day of the build: the trends mark its year as partial and the catalog's citation
    # carries it. None (the default) leaves both out, so that pages depend on the records only.
    today: dt.date | None = None


@dataclass(frozen=True)
class NodeLink:
    """A link a producer offers on a node page (e.g. a comparison table of its papers)."""

    label: str
    path: str


Outputs = Iterable[tuple[str, Output]]


@dataclass(frozen=True)
class Producer:
    """One kind of output, yielded as ``(path, content)``; paths are posix, relative to the
    docs folder.

    ``produce`` yields what belongs to the whole catalog; ``per_paper`` and ``per_node`` the
    outputs that show one paper or one node, so that a live preview makes only those again
    when a record changes. ``node_links`` lets a producer add links to node pages.
    """

    name: str
    produce: Callable[[RenderContext], Outputs]
    node_links: Callable[[RenderContext, NodeInfo], list[NodeLink]] | None = None
    per_paper: Callable[[RenderContext, Paper], Outputs] | None = None
    per_node: Callable[[RenderContext, NodeInfo], Outputs] | None = None

    def everything(self, ctx: RenderContext) -> Iterator[tuple[str, Output]]:
        """Every output of this producer, as a full render makes them."""
        yield from self.produce(ctx)
        if self.per_paper is not None:
            for paper in ctx.catalog.newest_first():
                yield from self.per_paper(ctx, paper)
        if self.per_node is not None:
            for info in ctx.taxonomy.all_nodes():
                yield from self.per_node(ctx, info)


@dataclass
class RenderContext:
    catalog: Catalog
    options: RenderOptions
    producers: list[Producer] = field(default_factory=list)
    # A live preview passes the environment on, so templates are compiled once.
    env: jinja2.Environment | None = None
    # What a producer computes once per render and uses for several outputs, by its module.
    cache: dict[str, object] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.taxonomy: Taxonomy = self.catalog.require_taxonomy()
        self._tag_labels: dict[str, list[str]] = {}
        self._pieces: dict[tuple[str, str], str] = {}
        if self.env is None:
            self.env = make_env(self.options.templates_dir)

    @cached_property
    def related(self) -> dict[str, list[str]]:
        """Each paper's related papers (ids, best first)."""
        return related_papers(self.catalog, self.taxonomy.dimension_ids(), RELATED)

    # -- paths and links -------------------------------------------------------------------------

    def explorer_href(self, from_path: str, filters: dict[str, list[str]]) -> str:
        query = urlencode({dim: ",".join(nodes) for dim, nodes in filters.items()}, safe=",")
        return href(from_path, paths.EXPLORER) + ("?" + query if query else "")

    def absolute(self, path: str) -> str | None:
        if not self.options.site_url:
            return None
        return self.options.site_url.rstrip("/") + "/" + page_url(path)

    def edit_url(self, source: str | None) -> str | None:
        return sources.edit_url(self.options.edit_base, source)

    def node_links(self, info: NodeInfo) -> list[NodeLink]:
        links: list[NodeLink] = []
        for producer in self.producers:
            if producer.node_links is not None:
                links.extend(producer.node_links(self, info))
        return links

    # -- pages -----------------------------------------------------------------------------------

    def page(self, template: str, path: str, meta: dict[str, Any], **values: Any) -> MarkdownPage:
        """A Markdown page: ``meta`` for its front matter, then the template's output."""
        assert self.env is not None
        body = self.env.get_template(template).render(
            ctx=self,
            catalog=self.catalog,
            taxonomy=self.taxonomy,
            options=self.options,
            page_path=path,
            url=link,
            **values,
        )
        return MarkdownPage(meta, resolve_links(body, path))

    def cached(self, kind: str, key: str, caller: Callable[[], str]) -> str:
        """A piece of a page made once per render, for every page that shows it: templates
        call it as ``{% call ctx.cached(kind, key) %}...{% endcall %}``. The piece may depend
        only on ``key`` and on what is the same for the whole render; its links are made by
        ``url()``, which works out where they lead from the page it lands on."""
        found = self._pieces.get((kind, key))
        if found is None:
            found = self._pieces[(kind, key)] = caller()
        return found

    def papers(self, ids: Iterable[str]) -> list[Paper]:
        return self.catalog.newest_first(list(ids))

    def tag_labels(self, paper: Paper) -> list[str]:
        """The labels of the nodes a record names, dimension by dimension, for paper lists."""
        found = self._tag_labels.get(paper.id)
        if found is None:
            found = []
            for dim in self.taxonomy.dimensions:
                for node_id in self.catalog.direct_nodes(paper.id, dim.id):
                    info = self.taxonomy.node(dim.id, node_id)
                    if info is not None:
                        found.append(info.node.label)
            self._tag_labels[paper.id] = found
        return found


# What ``url(target)`` gives a template: the target between two marks, made a relative link
# once the page is done (:func:`resolve_links`), so that a piece of a page can be reused on
# another page. Record text cannot hold the mark: it is not a printable character.
_MARK = "\x1f"
_MARKED = re.compile(_MARK + "([^" + _MARK + "]*)" + _MARK)


def link(target: str) -> str:
    return f"{_MARK}{target}{_MARK}"


def resolve_links(body: str, path: str) -> str:
    """``body`` with each marked target turned into a link relative to the page at ``path``."""
    if _MARK not in body:
        return body
    linker = Linker(path)
    return _MARKED.sub(lambda m: str(escape(linker(m.group(1)))), body)


def page_url(path: str) -> str:
    """The directory URL a page path gets (``a/b.md`` -> ``a/b/``, ``a/index.md`` -> ``a/``)."""
    if not path.endswith(".md"):
        return path
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_path: str, to_path: str) -> str:
    """A relative link from one generated page to another page or file."""
    return Linker(from_path)(to_path)


class Linker:
    """Relative links from one page, its folder split once for all its links."""

    def __init__(self, from_path: str) -> None:
        base = page_url(from_path)
        base_dir = base if base.endswith("/") or base == "" else posixpath.dirname(base)
        self.parts = [part for part in base_dir.split("/") if part]

    def __call__(self, to_path: str) -> str:
        # Both are clean paths under the docs folder, so plain string work gives what
        # posixpath.relpath would, without its abspath calls (a sixth of the rendering time).
        target = page_url(to_path)
        from_parts = self.parts
        to_parts = [part for part in target.split("/") if part]
        common = 0
        while (
            common < len(from_parts)
            and common < len(to_parts)
            and from_parts[common] == to_parts[common]
        ):
            common += 1
        rel = "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."
        if target.endswith("/") or target == "":
            rel = "./" if rel == "." else rel + "/"
        return rel


def make_env(templates_dir: Path | None) -> jinja2.Environment:
    folders = [theme.TEMPLATES] if templates_dir is None else [templates_dir, theme.TEMPLATES]
    env = jinja2.Environment(
        # A catalog's template of a name comes first; the package's fill in the rest.
        loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(f) for f in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=text.finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=COMPILED,
    )
    env.filters["md"] = text.markdown_inline
    env.filters["fence"] = text.fence
    env.filters["paragraphs"] = text.paragraphs
    env.filters["oneline"] = text.oneline
    env.filters["lower_first"] = text.lower_first
    env.filters["author_list"] = text.author_list
    env.globals["short_authors"] = text.short_authors
    env.globals["paths"] = paths
    return env
