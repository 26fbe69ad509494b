"""The package's layers: imports point down only, and each layer loads only what it needs.

From the bottom: ``core`` (records, taxonomy, the reader, loading, checks, paths), then
``store`` (the writer) and ``formats`` (BibTeX, CSL-JSON, CSV, JSON, schema, explorer data), then
``intake`` (the contributor side: BibTeX, arXiv, doi.org, link checks) and ``render`` (pages),
and on top the MkDocs ``plugin`` and the ``cli``. The renderer and the plugin never import the
contributor side, so a site build loads no network code and no BibTeX parser.
"""

from __future__ import annotations

import ast
import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest

import litcat

from .conftest import REPO

SRC = REPO / "src" / "litcat"

# What each layer may import from litcat (itself included).
ALLOWED: dict[str, frozenset[str]] = {
    "core": frozenset({"core"}),
    "store": frozenset({"core", "store"}),
    "formats": frozenset({"core", "formats"}),
    "intake": frozenset({"core", "store", "formats", "intake"}),
    "render": frozenset({"core", "formats", "render"}),
    "plugin": frozenset({"core", "formats", "render", "plugin"}),
    "cli": frozenset({"core", "store", "formats", "intake", "render", "cli"}),
}


def module_name(path: Path, src: Path) -> str:
    parts = list(path.relative_to(src.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(tree: ast.AST, module: str, is_package: bool) -> set[str]:
    """Every litcat module a module's code imports, wherever the import statement is."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if node.module:
                found.add(target)
            else:
                # ``from . import checks`` imports modules of the package.
                found.update(f"{target}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "litcat" or name.startswith("litcat.")}


@functools.cache
def imports_of(text: str, module: str, is_package: bool) -> frozenset[str]:
    """:func:`imported` of a module's text: the tests below check copies of the package
    with one line added, whose other modules need not be parsed again."""
    return frozenset(imported(ast.parse(text), module, is_package))


def layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def violations(src: Path) -> list[str]:
    """``module imports target`` for every import that points up or sideways."""
    modules = {module_name(p, src): p for p in sorted(src.rglob("*.py"))}
    found: list[str] = []
    for module, path in modules.items():
        own = layer(module)
        if own is None:
            continue  # litcat/__init__.py names the public API, lazily
        text = path.read_text(encoding="utf-8")
        for target in sorted(imports_of(text, module, path.name == "__init__.py")):
            other = layer(target)
            # A name imported from a package (``from ..core import paths``) counts as the package.
            if other is not None and other not in ALLOWED[own]:
                found.append(f"{module} imports {target}")
    return found


# Folders of the package that hold data, not code: the templates, the site's assets and the
# files ``litcat init`` writes.
DATA = frozenset({"templates", "assets", "starter"})


def test_every_module_belongs_to_a_layer() -> None:
    tops = {p.stem if p.is_file() else p.name for p in SRC.iterdir() if p.name != "__pycache__"}
    assert tops - {"__init__", "py"} <= {*ALLOWED, "typed", *DATA}
    for name in DATA:
        assert not list((SRC / name).rglob("*.py")), f"{name}/ holds data only"


def test_imports_point_down_only() -> None:
    assert violations(SRC) == []


@pytest.mark.parametrize(
    ("module", "line"),
    [
        ("core/ids.py", "from ..render import text"),
        ("core/models.py", "from litcat.store import writer"),
        ("render/papers.py", "from ..intake import fetch"),
        ("render/home.py", "import litcat.intake.add"),
        ("plugin/pages.py", "from ..intake.bibtex import parse_bibtex"),
        ("formats/bibtex.py", "from ..store.writer import dump"),
        ("core/loader.py", "def lazy() -> None:\n    from ..cli import main"),
    ],
)
def test_an_upward_import_is_caught(tmp_path: Path, module: str, line: str) -> None:
    copy = tmp_path / "litcat"
    for path in SRC.rglob("*.py"):
        target = copy / path.relative_to(SRC)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    victim = copy / module
    victim.write_text(victim.read_text(encoding="utf-8") + "\n" + line + "\n", encoding="utf-8")
    found = violations(copy)
    assert len(found) == 1, found
    assert found[0].startswith(module_name(victim, copy) + " imports litcat.")


def loaded_by(code: str) -> set[str]:
    """The modules that running ``code`` in a fresh interpreter leaves in ``sys.modules``."""
    script = f"import json, sys\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


CONTRIBUTOR_SIDE = {"bibtexparser", "litcat.intake", "litcat.intake.fetch", "litcat.intake.bibtex"}
NETWORK = {"urllib.request", "http.client"}


def test_the_renderer_loads_no_contributor_or_network_code() -> None:
    loaded = loaded_by("import litcat.render")
    assert loaded.isdisjoint(CONTRIBUTOR_SIDE | NETWORK), loaded & (CONTRIBUTOR_SIDE | NETWORK)


def test_the_plugin_loads_no_contributor_code() -> None:
    loaded = loaded_by("import litcat.plugin")
    assert loaded.isdisjoint(CONTRIBUTOR_SIDE), loaded & CONTRIBUTOR_SIDE


def test_validate_loads_neither_templates_nor_bibtex() -> None:
    code = (
        "from click.testing import CliRunner\nfrom litcat.cli import main\n"
        f"CliRunner().invoke(main, ['--root', {str(REPO / 'tests' / 'catalog')!r}, 'validate'])"
    )
    loaded = loaded_by(code)
    assert loaded.isdisjoint({"jinja2", "litcat.render", *CONTRIBUTOR_SIDE, *NETWORK})


def test_the_public_api_names_what_it_exports() -> None:
    assert sorted(dir(litcat)) == sorted(litcat.__all__)
    for name in litcat.__all__:
        assert getattr(litcat, name) is not None, name
    with pytest.raises(AttributeError):
        litcat.no_such_name  # noqa: B018
