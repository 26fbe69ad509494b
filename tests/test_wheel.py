"""End to end, from the wheel: litcat built as a wheel and installed in a fresh virtual
environment starts a catalog from the review's list (and from the tests' own list), which
validates and builds strictly with nothing but what the wheel carries.

Offline: the wheel is built by the build backend of this environment (no isolation) and
installed without its dependencies; the new environment finds those (MkDocs, Material,
pydantic...) through a ``.pth`` line naming this environment's site-packages. That directory
is not a site directory there, so the editable install of litcat it holds is not active:
every ``import litcat`` in the new environment is the wheel's, which the test checks.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from litcat.core.loader import load_catalog

from .conftest import REPO, TESTS, repo_catalog
from .listcheck import check_review_catalog

pytestmark = pytest.mark.slow

SOURCES = ("pyproject.toml", "README.md", "LICENSE", "src", "templates")


@dataclass(frozen=True)
class Installed:
    wheel: Path
    bin: Path
    env: dict[str, str]

    def run(self, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            args, cwd=cwd, env=self.env, capture_output=True, text=True, check=False
        )


def build_wheel(work: Path) -> Path:
    source = work / "source"
    source.mkdir()
    for name in SOURCES:
        path = REPO / name
        if path.is_dir():
            ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
            shutil.copytree(path, source / name, symlinks=True, ignore=ignore)
        else:
            shutil.copy2(path, source / name)
    dist = work / "dist"
    # The build backend pyproject.toml names, called as a frontend calls it (PEP 517) but
    # without pip around it (pip took two thirds of the time).
    with (source / "pyproject.toml").open("rb") as file:
        backend = tomllib.load(file)["build-system"]["build-backend"]
    hook = "import importlib, sys; importlib.import_module(sys.argv[1]).build_wheel(sys.argv[2])"
    command = [sys.executable, "-c", hook, backend, str(dist)]
    run = subprocess.run(command, cwd=source, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout + run.stderr
    (wheel,) = dist.glob("litcat-*.whl")
    return wheel


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    work = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(work)
    target = work / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    bin_dir = target / "bin"
    site = Path(
        subprocess.run(
            [
                str(bin_dir / "python"),
                "-c",
                "import sysconfig; print(sysconfig.get_path('purelib'))",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    install = [sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install"]
    run = subprocess.run(
        [*install, "--no-deps", "--no-index", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONNOUSERSITE="1")
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    return Installed(wheel, bin_dir, env)


def test_the_wheel_carries_the_templates_and_assets(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    # The repository's templates/ folder is the one source of the templates the wheel ships.
    for path in sorted((REPO / "templates").rglob("*")):
        if path.is_file():
            shipped = f"litcat/templates/{path.relative_to(REPO / 'templates').as_posix()}"
            assert shipped in names, shipped
            assert zipfile.ZipFile(installed.wheel).read(shipped) == path.read_bytes()
    assets = REPO / "src" / "litcat" / "assets"
    for path in sorted(assets.rglob("*")):
        if path.is_file():
            assert f"litcat/assets/{path.relative_to(assets).as_posix()}" in names, path
    for shipped in (
        "litcat/starter/README.md",
        "litcat/starter/workflows/validate.yml",
        "litcat/py.typed",
    ):
        assert shipped in names, shipped


def test_litcat_in_the_new_environment_is_the_wheel_s(installed: Installed, tmp_path: Path) -> None:
    code = "import litcat.render.theme as t; print(t.TEMPLATES.resolve())"
    run = installed.run(str(installed.bin / "python"), "-c", code, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    templates = Path(run.stdout.strip())
    assert templates.is_relative_to(installed.bin.parent), templates
    assert (templates / "paper.md.j2").is_file()


def made(installed: Installed, tmp_path: Path, name: str, source: Path | None = None) -> Path:
    """A catalog made by the wheel's ``litcat init`` from a list (``tests/lists/NAME.md``
    unless ``source`` is given), validated and built."""
    root = tmp_path / name
    source = source or TESTS / "lists" / f"{name}.md"
    litcat = str(installed.bin / "litcat")
    run = installed.run(litcat, "init", str(root), "--from-markdown", str(source), cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    run = installed.run(litcat, "--root", str(root), "validate", "--strict", cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    python = str(installed.bin / "python")
    run = installed.run(python, "-m", "mkdocs", "build", "--strict", cwd=root)
    assert run.returncode == 0, run.stdout + run.stderr
    assert (root / "site" / "index.html").is_file()
    assert (root / "site" / "assets" / "explorer" / "ui.js").is_file()
    # The catalog holds no templates or assets: the wheel brings them.
    assert not (root / "templates").exists() and not (root / "docs" / "assets").exists()
    return root


def test_the_review_s_list_becomes_a_catalog_that_builds(
    installed: Installed, tmp_path: Path
) -> None:
    root = made(installed, tmp_path, "review-list")
    check_review_catalog(root, load_catalog(root), repo_catalog())
    assert len(list((root / "site" / "papers").iterdir())) == 156


def test_the_tests_own_list_becomes_a_catalog_that_builds(
    installed: Installed, tmp_path: Path
) -> None:
    root = made(installed, tmp_path, "birds")
    catalog = load_catalog(root)
    assert len(catalog.papers) == 6
    assert catalog.papers["flytrack2021flyways"].tags == {"section": ["gps-tags", "radar"]}
