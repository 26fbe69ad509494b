"""The site steps: `litcat render`, a bare MkDocs build of its pages, the build with the plugin.

Both builds use the repository's mkdocs.yml (theme, extensions, search, nav) with absolute
paths; the bare one drops the litcat plugin and builds the pages `litcat render` wrote, copied
beside the hand-written docs, with paper and node pages kept out of the navigation as the
plugin keeps them, and the theme files the plugin adds (assets, Material template, Markdown
extensions) named in its configuration. So the two builds differ only in where the pages come
from.
"""

from __future__ import annotations

import gzip
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml
from mkdocs.structure.files import InclusionLevel

from litcat.plugin import inclusion, nav_paths
from litcat.render import theme

from .generate import REPO
from .measure import BIN, Step, measure, measure_pair

SEARCH_INDEX = "search/search_index.json"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml; an ``!ENV`` value is unset here, as when no variable is given."""


_ConfigLoader.add_constructor("!ENV", lambda loader, node: None)


def base_config() -> dict[str, Any]:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config: dict[str, Any] = yaml.load(text, Loader=_ConfigLoader)
    for key in ("site_url", "repo_url", "edit_uri"):
        config.pop(key, None)
    return config


def plugin_config(root: Path, site_dir: Path) -> dict[str, Any]:
    config = base_config()
    config["docs_dir"] = str(REPO / "docs")
    config["site_dir"] = str(site_dir)
    options = {
        "papers": str(root / "papers"),
        "taxonomy": str(root / "taxonomy.yaml"),
        "templates": str(REPO / "templates"),
    }
    config["plugins"] = [
        {"litcat": options} if plugin == "litcat" else plugin for plugin in config["plugins"]
    ]
    return config


def bare_config(docs: Path, pages: Path, site_dir: Path) -> dict[str, Any]:
    config = base_config()
    config["docs_dir"] = str(docs)
    config["site_dir"] = str(site_dir)
    config["plugins"] = [p for p in config["plugins"] if p != "litcat"]
    config["theme"]["custom_dir"] = str(theme.THEME_OVERRIDES)
    config["extra_css"] = list(theme.STYLES)
    config["extra_javascript"] = list(theme.SCRIPTS)
    config["markdown_extensions"] += list(theme.MARKDOWN_EXTENSIONS)
    config["not_in_nav"] = not_in_nav(pages, nav_paths(config.get("nav")))
    return config


def not_in_nav(pages: Path, listed: set[str] | None) -> str:
    """The plugin's rule for what stays out of the navigation, as MkDocs ``not_in_nav``
    patterns: a whole folder where none of its pages is shown, else page by page."""
    hidden: dict[str, list[str]] = defaultdict(list)
    shown: set[str] = set()
    for page in pages.rglob("*.md"):
        path = page.relative_to(pages).as_posix()
        folder = path.split("/")[0] if "/" in path else ""
        if inclusion(path, listed) is InclusionLevel.NOT_IN_NAV:
            hidden[folder].append(path)
        else:
            shown.add(folder)
    patterns: list[str] = []
    for folder, paths in hidden.items():
        if folder and folder not in shown:
            patterns.append(f"/{folder}/")
        else:
            patterns.extend(f"/{path}" for path in paths)
    return "\n".join(sorted(patterns))


def write_config(path: Path, config: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def site_steps(root: Path, work: Path, papers: int) -> dict[str, Step]:
    """Render, then build bare, with the plugin and the lightest site (``lightest.py``) in turn,
    so that load drifts evenly."""
    # Pairs of the builds in turn: several where a build takes seconds, one at 10,000 papers.
    reps = 3 if papers <= 2_000 else 1
    if work.exists():
        shutil.rmtree(work)
    pages, docs = work / "pages", work / "bare-docs"
    config = base_config()
    render = [str(BIN / "litcat"), "--root", str(root), "render", "--out", str(pages)]
    render += ["--templates", str(REPO / "templates"), "--site-name", config["site_name"]]
    render += ["--site-description", config.get("site_description") or ""]
    steps = {"render": measure("litcat render", render, reps)}
    shutil.copytree(REPO / "docs", docs)
    shutil.copytree(theme.ASSETS, docs / theme.ASSETS_URL, dirs_exist_ok=True)
    shutil.copytree(pages, docs, dirs_exist_ok=True)
    config = bare_config(docs, pages, work / "site-bare")
    bare = write_config(work / "bare" / "mkdocs.yml", config)
    plugin = write_config(work / "plugin" / "mkdocs.yml", plugin_config(root, work / "site"))
    lightest = write_lightest(work / "lightest", papers)
    mkdocs = str(BIN / "mkdocs")
    builds = {
        "bare": [mkdocs, "build", "-q", "-f", str(bare)],
        "plugin": [mkdocs, "build", "-q", "-f", str(plugin)],
        "lightest": [mkdocs, "build", "-q", "-f", str(lightest)],
    }
    steps.update(measure_pair(builds, reps))
    return steps


def write_lightest(work: Path, papers: int) -> Path:
    from .lightest import write_site  # lightest imports this module

    return write_site(work, papers)


def sizes(work: Path, papers: int) -> dict[str, Any]:
    """Bytes of the built site, of its search index, and per paper."""
    site = work / "site"
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    index = (site / SEARCH_INDEX).read_bytes()
    return {
        "site_bytes": total,
        "site_files": sum(1 for p in site.rglob("*") if p.is_file()),
        "search_index_bytes": len(index),
        "search_index_gzip_bytes": len(gzip.compress(index)),
        "per_paper": {"search_index": len(index) / papers},
    }
