"""What Material's search plugin does to a page it leaves out of its index, done faster.

In its page_context hook, Material's search plugin indexes the page unless the page's metadata
excludes it, then removes every ``data-search-...="..."`` attribute from the page's HTML with
a pattern that starts with an optional space. That start gives the regular expression engine
no text to look for, so it tries a match at every character: about 20 ns a character, 0.3 s
over the paper, node and comparison pages of 2,000 papers, which the search plugin does not
index (their entries come from the records, :mod:`litcat.render.search`).
:func:`strip_search_attributes` removes the same attributes, found from their name.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

from ..render.text import spaced_matches

# Material's pattern (material/plugins/search/plugin.py, on_page_context).
SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")

# The plugins whose page_context hook does to a page excluded from search nothing but
# SEARCH_ATTRIBUTES' substitution: Material's search plugin. (MkDocs' own indexes every page.)
SEARCH_PLUGINS = frozenset({("material.plugins.search.plugin", "SearchPlugin")})


def strip_search_attributes(html: str) -> str:
    """``SEARCH_ATTRIBUTES.sub("", html)``, its matches found from the attribute's name
    (:func:`~litcat.render.text.spaced_matches`)."""
    out: list[str] = []
    start = 0
    for found in spaced_matches(html, "data-search-", SEARCH_ATTRIBUTES):
        out.append(html[start : found.start()])
        start = found.end()
    out.append(html[start:])
    return "".join(out)


def only_search_reads_pages(config: MkDocsConfig, plugin: object) -> bool:
    """Whether the page_context hooks other than ``plugin``'s own are all of enabled plugins of
    :data:`SEARCH_PLUGINS`, and there is one (else there is nothing to skip)."""
    hooks: list[Any] = config.plugins.events["page_context"]
    others = [getattr(method, "__self__", None) for method in hooks]
    others = [owner for owner in others if owner is not plugin]
    for owner in others:
        kind = type(owner)
        if (kind.__module__, kind.__qualname__) not in SEARCH_PLUGINS:
            return False
        # A disabled search plugin leaves the HTML as it is.
        if not getattr(getattr(owner, "config", None), "enabled", False):
            return False
    return bool(others)
