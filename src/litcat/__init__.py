"""litcat: a literature catalog of YAML records, checked against a taxonomy, rendered as a site.

The public API, for scripts and other site engines. Names are imported on first use, so that
``import litcat`` stays cheap and each layer loads only what it needs::

    import litcat

    catalog = litcat.load_catalog(Path("."))
    for problem in catalog.problems:
        print(problem.format_text())
    # The package's templates; templates_dir=Path("templates") lets a folder replace them.
    pages = litcat.render_site(catalog, litcat.RenderOptions())
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .core.catalog import Catalog
    from .core.loader import load_catalog
    from .core.models import Paper
    from .core.problems import Problem
    from .core.taxonomy import Taxonomy
    from .formats.exports import EXPORTS
    from .render import RenderOptions, render_site
    from .store.writer import record_text, write_atomic

# Each public name and the module that defines it.
_HOMES = {
    "Catalog": "litcat.core.catalog",
    "EXPORTS": "litcat.formats.exports",
    "Paper": "litcat.core.models",
    "Problem": "litcat.core.problems",
    "RenderOptions": "litcat.render",
    "Taxonomy": "litcat.core.taxonomy",
    "load_catalog": "litcat.core.loader",
    "record_text": "litcat.store.writer",
    "render_site": "litcat.render",
    "write_atomic": "litcat.store.writer",
}

__all__ = [
    "EXPORTS",
    "Catalog",
    "Paper",
    "Problem",
    "RenderOptions",
    "Taxonomy",
    "load_catalog",
    "record_text",
    "render_site",
    "write_atomic",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'litcat' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)


def __dir__() -> list[str]:
    return __all__
