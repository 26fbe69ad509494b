"""The yardstick of the site build: MkDocs + Material building its lightest pages.

The site is the repository's own setup (its ``mkdocs.yml``: theme, palette, features,
extensions, extra CSS and scripts, search, the same nav) without the litcat plugin: each page
the nav names is a one-paragraph stand-in, and N one-paragraph pages sit out of the nav under
``papers/``, as paper pages do. So the build with the plugin and this one differ only in what
a page holds, and the ratio of the two is the price of a paper page over MkDocs' lightest.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from litcat.plugin import nav_paths

from .generate import REPO
from .site import base_config, write_config

PARAGRAPH = (
    "A page of one paragraph about paper number {n}, with a sentence or two of ordinary text "
    "so that the search plugin has something to index and the theme something to show."
)


def write_site(work: Path, pages: int) -> Path:
    """Write the docs and the ``mkdocs.yml`` of the lightest site; return the config's path."""
    docs = work / "docs"
    if docs.exists():
        shutil.rmtree(docs)
    shutil.copytree(REPO / "docs", docs)
    config = base_config()
    for path in sorted(nav_paths(config.get("nav")) or ()):
        _page(docs / path, path.rsplit("/", 1)[0] if "/" in path else path, 0)
    for n in range(pages):
        _page(docs / "papers" / f"p{n}" / "index.md", f"Paper {n}", n)
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(work / "site")
    config["plugins"] = [p for p in config["plugins"] if p != "litcat"]
    config["not_in_nav"] = "/papers/"
    return write_config(work / "mkdocs.yml", config)


def _page(path: Path, title: str, n: int) -> None:
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# {title}\n\n{PARAGRAPH.format(n=n)}\n", encoding="utf-8")
