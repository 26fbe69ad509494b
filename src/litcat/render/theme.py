"""What the package ships for a site besides code: the default page templates, the Material
template that adds citation tags, and the styles and scripts of the pages.

A catalog needs none of these files itself. ``src/litcat/templates`` is a link to the
repository's top-level ``templates/`` folder, so that folder stays the one source of the
templates and the wheel carries a copy of it; the assets live in ``src/litcat/assets``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).parent.parent

# The page templates (``paper.md.j2``...); a catalog's own ``templates/`` folder overrides any
# of them by name.
TEMPLATES = _PACKAGE / "templates"
# A Material ``custom_dir``: ``main.html`` puts the papers' citation tags in the page head.
THEME_OVERRIDES = TEMPLATES / "overrides"
# The site's static files, served under the same paths in the site (``assets/litcat.css``).
ASSETS = _PACKAGE / "assets"
ASSETS_URL = "assets"

STYLES = ("assets/litcat.css", "assets/explorer/explorer.css")
SCRIPTS = (
    "assets/litcat.js",
    "assets/explorer/core.js",
    "assets/explorer/ui.js",
    "assets/explorer/compare.js",
)
# Python-Markdown extensions the generated pages rely on: heading ids (``{#dim-x}``) and
# Markdown inside HTML blocks (the BibTeX code block of a paper page).
MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html")


def asset_paths() -> list[str]:
    """Every shipped asset, as its path in the site (``assets/explorer/core.js``), sorted."""
    return sorted(
        f"{ASSETS_URL}/{path.relative_to(ASSETS).as_posix()}"
        for path in ASSETS.rglob("*")
        if path.is_file() and not path.name.startswith(".")
    )
