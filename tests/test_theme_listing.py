"""The theme's files listed once: MkDocs lists every file of the theme's folders at each build
(Material's holds some 14,500, 14,300 of them hidden icons); the plugin's loader lists a folder
of an installed package once per process and any other folder at each build, and lists what
Jinja lists but hidden names, which MkDocs never copies: the build copies the same files."""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import material  # type: ignore[import-untyped]
import mkdocs
import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.theme import Theme

from litcat.plugin import theme as plugin_theme
from litcat.plugin.theme import InstalledOnce, listing
from litcat.render import theme

from .sitebuild import make_docs, mkdocs_build, write_config

MATERIAL = str(Path(material.__file__).parent / "templates")
MKDOCS = str(Path(mkdocs.__file__).parent / "templates")


def a_folder(root: Path) -> str:
    """Files at several depths, hidden ones among them, and an empty folder."""
    for name in ("a.html", "css/b.css", "css/deep/c.js", ".hidden/d.svg", "e/.f", "g h/i j"):
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name, encoding="utf-8")
    (root / "empty").mkdir()
    return str(root)


def hidden(name: str) -> bool:
    """A path with a part that begins with a dot."""
    return any(part.startswith(".") for part in name.split("/"))


def test_a_folder_is_listed_as_jinja_lists_it_but_hidden_names(tmp_path: Path) -> None:
    for folder in (MATERIAL, MKDOCS, str(theme.THEME_OVERRIDES), a_folder(tmp_path)):
        jinjas = jinja2.FileSystemLoader(folder).list_templates()
        assert listing(folder) == {name for name in jinjas if not hidden(name)}, folder
    assert sorted(listing(str(tmp_path))) == ["a.html", "css/b.css", "css/deep/c.js", "g h/i j"]


def test_several_folders_are_listed_as_jinja_lists_them_but_hidden_names(tmp_path: Path) -> None:
    folders = [a_folder(tmp_path / "own"), MATERIAL, MKDOCS, str(tmp_path / "missing")]
    jinjas = jinja2.FileSystemLoader(folders).list_templates()
    assert InstalledOnce(folders).list_templates() == [n for n in jinjas if not hidden(n)]
    assert sum(map(hidden, jinjas)) > 10_000  # Material's icons


def test_a_template_under_a_hidden_name_still_loads(tmp_path: Path) -> None:
    loader = InstalledOnce([a_folder(tmp_path)])
    env = jinja2.Environment(loader=loader, autoescape=True)
    assert env.get_template(".hidden/d.svg").render() == ".hidden/d.svg"


def theme_files(config: MkDocsConfig, loader: jinja2.BaseLoader) -> list[tuple[str, str]]:
    """The theme's files MkDocs adds to a build, the environment's loader being ``loader``."""
    env = Theme.get_env(config.theme)
    env.loader = loader
    files = Files([])
    files.add_files_from_theme(env, config)
    return sorted((file.src_uri, file.abs_src_path or "") for file in files)


def test_the_build_copies_the_same_theme_files_as_with_jinja_s_listing(tmp_path: Path) -> None:
    """What MkDocs adds of the theme's folders (Material's, MkDocs' own, the package's
    overrides, a custom_dir holding hidden files) is the same with either listing."""
    (tmp_path / "docs").mkdir()
    config_file = tmp_path / "mkdocs.yml"
    custom = a_folder(tmp_path / "custom")
    config_file.write_text(
        yaml.safe_dump({"site_name": "t", "theme": {"name": "material", "custom_dir": custom}}),
        encoding="utf-8",
    )
    config = load_config(str(config_file))
    plugin_theme.add_theme(config)
    dirs = config.theme.dirs
    assert custom in dirs and MATERIAL in dirs and str(theme.THEME_OVERRIDES) in dirs
    ours = theme_files(config, InstalledOnce(dirs))
    assert ours == theme_files(config, jinja2.FileSystemLoader(dirs))
    assert ("css/deep/c.js", str(Path(custom, "css", "deep", "c.js"))) in ours
    assert any(uri.startswith("assets/javascripts/") for uri, _ in ours)


@pytest.fixture
def walked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders walked from now on (none listed before counts)."""
    found: list[str] = []

    def counted(folder: str, followlinks: bool = False) -> frozenset[str]:
        found.append(folder)
        return listing(folder, followlinks)

    monkeypatch.setattr(plugin_theme, "listing", counted)
    plugin_theme._listed.cache_clear()
    return found


def test_an_installed_folder_is_walked_once_and_any_other_each_time(
    tmp_path: Path, walked: list[str]
) -> None:
    own = a_folder(tmp_path / "own")
    loader = InstalledOnce([own, MATERIAL])
    first = loader.list_templates()
    (Path(own) / "new.txt").write_text("new", encoding="utf-8")
    second = InstalledOnce([own, MATERIAL]).list_templates()
    assert walked == [own, MATERIAL, own]
    assert set(second) - set(first) == {"new.txt"}


def test_a_custom_dir_s_new_file_reaches_the_next_build(
    catalog_dir: Path, tmp_path: Path, walked: list[str]
) -> None:
    """Two builds in one process (as ``mkdocs serve`` makes them): a static file saved in the
    catalog's ``custom_dir`` between them is in the second site; Material's folder was walked
    once, the custom_dir at each build."""
    path = write_config(tmp_path, catalog_dir, make_docs(tmp_path))
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    custom = tmp_path / "overrides"
    custom.mkdir()
    config["theme"]["custom_dir"] = str(custom)
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    first = mkdocs_build(path, tmp_path / "one")
    assert first.returncode == 0, first.output
    assert not (first.site / "extra.txt").exists()
    assert (first.site / "assets" / "javascripts").is_dir()  # Material's static files
    (custom / "extra.txt").write_text("extra", encoding="utf-8")
    second = mkdocs_build(path, tmp_path / "two")
    assert second.returncode == 0, second.output
    assert (second.site / "extra.txt").read_text(encoding="utf-8") == "extra"
    theirs = sorted(p.relative_to(first.site) for p in first.site.rglob("*") if p.is_file())
    ours = sorted(p.relative_to(second.site) for p in second.site.rglob("*") if p.is_file())
    assert sorted(set(ours) - set(theirs)) == [Path("extra.txt")]
    assert (walked.count(str(custom)), walked.count(MATERIAL)) == (2, 1)


def test_installed_means_inside_site_packages(tmp_path: Path) -> None:
    assert plugin_theme._installed(MATERIAL)
    assert not plugin_theme._installed(str(tmp_path))
    # A folder whose name merely begins like site-packages is not inside it.
    site = plugin_theme._site_packages()[0].rstrip(os.sep)
    assert not plugin_theme._installed(site + "-other/templates")
