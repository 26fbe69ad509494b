"""``litcat render --engine zensical``: a whole Zensical project around the generated pages, kept
current, and built by ``zensical build`` into a site with every paper and no paper in the nav."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from litcat.cli import Env, main
from litcat.core import paths
from litcat.core.loader import load_catalog
from litcat.render import theme
from litcat.render.zensical import DROPPED_FEATURES, SEARCH_SEPARATOR, config_toml, read_mkdocs

from .conftest import CATALOG, REPO
from .zensical import zensical_build

PAPERS = sorted(p.stem for p in (CATALOG / "papers").glob("*.yaml"))


def render(catalog: Path, out: Path, sleep: Callable[[float], None] = print, *extra: str) -> Result:
    env = Env(root=catalog, sleep=sleep)
    args = ["--root", str(catalog), "render", "--engine", "zensical", "--out", str(out), *extra]
    return CliRunner().invoke(main, args, obj=env)


def nav_paths(nav: list[object]) -> list[str]:
    found: list[str] = []
    for item in nav:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                found.extend(nav_paths(value) if isinstance(value, list) else [value])
    return found


def project_config(out: Path) -> dict[str, object]:
    with (out / "zensical.toml").open("rb") as stream:
        config = tomllib.load(stream)["project"]
    assert isinstance(config, dict)
    return config


def test_the_project_holds_pages_assets_theme_and_a_nav_without_papers(
    catalog_dir: Path, tmp_path: Path
) -> None:
    docs = catalog_dir / "docs"
    docs.mkdir()
    (docs / "about.md").write_text("# About\n\nHand-written.\n", encoding="utf-8")
    (docs / "img").mkdir()
    (docs / "img" / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\xff\x00")
    out = tmp_path / "project"
    result = render(catalog_dir, out)
    assert result.exit_code == 0, result.output
    for pid in PAPERS:
        assert (out / "docs" / paths.paper(pid)).is_file()
    for asset in theme.asset_paths():
        assert (out / "docs" / asset).read_bytes() == (theme.ASSETS.parent / asset).read_bytes()
    assert (out / "docs/about.md").read_text(encoding="utf-8") == "# About\n\nHand-written.\n"
    assert (out / "docs/img/logo.png").read_bytes() == b"\x89PNG\r\n\x1a\n\xff\x00"
    assert (out / "overrides/main.html").is_file()
    config = project_config(out)
    listed = nav_paths(config["nav"])  # type: ignore[arg-type]
    assert listed == [
        "index.md",
        "taxonomy/index.md",
        "explorer/index.md",
        "compare/index.md",
        "trends.md",
        "recent.md",
        "downloads/index.md",
        "about.md",
    ]
    assert config["extra_css"] == list(theme.STYLES)
    assert config["extra_javascript"] == list(theme.SCRIPTS)
    extensions = config["markdown_extensions"]
    assert isinstance(extensions, dict)
    assert {"attr_list", "md_in_html", "tables", "toc"} <= set(extensions)
    assert config["plugins"] == {"search": {"separator": SEARCH_SEPARATOR}}
    assert config["theme"] == {"features": [], "custom_dir": "overrides"}


def test_settings_come_from_the_catalogs_mkdocs_yml(tmp_path: Path) -> None:
    site = read_mkdocs(REPO / "mkdocs.yml")
    text = config_toml(site, {"contributing.md": b""}, {"index.md", paths.paper("x")})
    config = tomllib.loads(text)["project"]
    assert config["site_name"] == "Generative AI and RL in Robotics"
    assert config["site_description"].startswith("A catalog of papers on how generative models")
    # The same nav as the MkDocs site: no paper page.
    assert nav_paths(config["nav"]) == nav_paths(site.nav or [])
    assert "papers/x/index.md" not in nav_paths(config["nav"])
    assert config["plugins"]["search"]["separator"] == site.separator
    assert site.separator == SEARCH_SEPARATOR
    assert config["theme"]["font"] is False
    assert config["theme"]["palette"][1]["accent"] == "light blue"
    # Zensical would point a generated page's edit button at a docs/ file that is not there.
    assert "content.action.edit" not in config["theme"]["features"]
    assert "navigation.instant" in config["theme"]["features"]
    assert config["markdown_extensions"]["toc"] == {"permalink": True}
    assert "pymdownx.superfences" in config["markdown_extensions"]


def test_env_settings_and_tags_of_mkdocs_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: 'Quotes \" and \\\\ and ünïcode'\n"
        "site_url: !ENV [ZTEST_SITE_URL, null]\n"
        "repo_url: !ENV ZTEST_REPO\n"
        "edit_uri: edit/main/docs/\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_generator: !!python/name:material.extensions.emoji.to_svg\n",
        encoding="utf-8",
    )
    (tmp_path / "docs").mkdir()
    monkeypatch.setenv("ZTEST_REPO", "https://example.org/o/r")
    monkeypatch.delenv("ZTEST_SITE_URL", raising=False)
    site = read_mkdocs(config)
    assert site.site_url is None
    assert site.repo_url == "https://example.org/o/r"
    assert site.edit_base(tmp_path) == "https://example.org/o/r/edit/main/"
    parsed = tomllib.loads(config_toml(site, {}, set()))["project"]
    assert parsed["site_name"] == 'Quotes " and \\\\ and ünïcode'
    assert "site_url" not in parsed
    assert parsed["markdown_extensions"]["pymdownx.emoji"] == {}


def test_files_litcat_no_longer_makes_are_removed_and_others_kept(
    catalog_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "project"
    assert render(catalog_dir, out).exit_code == 0
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    page = out / "docs" / paths.paper("okafor2023radar")
    assert page.is_file()
    (catalog_dir / "papers" / "okafor2023radar.yaml").rename(
        catalog_dir / "papers" / "okafor2023weather.yaml"
    )
    again = render(catalog_dir, out)
    assert again.exit_code == 0, again.output
    assert not page.exists() and not page.parent.exists()
    assert (out / "docs" / paths.paper("okafor2023weather")).is_file()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert "removed 1 files" in again.stderr


def test_a_manifest_edited_by_hand_removes_nothing_outside_the_project(
    catalog_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "project"
    assert render(catalog_dir, out).exit_code == 0
    outside = tmp_path / "keep.txt"
    outside.write_text("mine", encoding="utf-8")
    manifest = out / ".litcat-files"
    manifest.write_text(f"../keep.txt\n{outside}\n" + manifest.read_text(), encoding="utf-8")
    again = render(catalog_dir, out)
    assert again.exit_code == 0, again.output
    assert outside.read_text(encoding="utf-8") == "mine"


def test_watch_removes_the_page_of_a_deleted_record(catalog_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "project"
    page = out / "docs" / paths.paper("tanaka2020global")
    about = catalog_dir / "docs" / "about.md"
    about.parent.mkdir()
    seen: list[tuple[bool, bool]] = []

    def steps(seconds: float) -> None:
        seen.append((page.is_file(), (out / "docs/about.md").is_file()))
        if len(seen) == 1:
            (catalog_dir / "papers" / "tanaka2020global.yaml").unlink()
            about.write_text("# About\n", encoding="utf-8")
        elif len(seen) == 2:
            raise KeyboardInterrupt

    result = render(catalog_dir, out, steps, "--watch", "--interval", "0.05")
    assert result.exit_code == 0, result.output
    assert seen == [(True, False), (False, True)]


def test_a_hand_written_page_in_the_way_of_a_generated_one_is_refused(
    catalog_dir: Path, tmp_path: Path
) -> None:
    (catalog_dir / "docs").mkdir()
    (catalog_dir / "docs" / "trends.md").write_text("# Mine\n", encoding="utf-8")
    result = render(catalog_dir, tmp_path / "project")
    assert result.exit_code == 1
    assert "docs/trends.md is in the way of a generated page" in result.output


def links_in_nav(html: str) -> list[str]:
    """The pages the navigation links to (the table of contents' anchors left out)."""
    links = re.findall(r'<a href="([^"]*)" class="md-nav__link', html)
    return [link for link in links if not link.startswith("#")]


def test_zensical_builds_every_paper_out_of_the_nav(tmp_path: Path) -> None:
    build = zensical_build(CATALOG, tmp_path / "project")
    assert build.returncode == 0, build.output
    catalog = load_catalog(CATALOG)
    for pid, paper in catalog.papers.items():
        html = (build.site / "papers" / pid / "index.html").read_text(encoding="utf-8")
        assert paper.title.replace("'", "&#39;") in html or paper.title in html
        assert '<meta name="citation_title"' in html
        nav = links_in_nav(html)
        assert "../../explorer/" in nav
        assert not any("papers/" in link for link in nav)
    home = (build.site / "index.html").read_text(encoding="utf-8")
    assert {"./explorer/", "./taxonomy/"} <= set(links_in_nav(home))
    data = json.loads((build.site / "explorer" / "data.json").read_text(encoding="utf-8"))
    assert len(data["papers"]) == len(catalog.papers)
    for asset in theme.asset_paths():
        assert (build.site / asset).is_file()
    assert (build.site / "feeds" / "catalog.xml").is_file()
    assert (build.site / "downloads" / "catalog.bib").is_file()
    # The short name is in the paper's search entry, so Zensical's search finds it.
    index = json.loads((build.site / "search.json").read_text(encoding="utf-8"))
    [entry] = [i for i in index["items"] if i["location"] == "papers/berg2021flyways/"]
    assert "FlyTrack" in entry["text"]
    assert index["config"]["separator"] == SEARCH_SEPARATOR


def test_the_engines_page_states_the_pins_and_is_in_the_nav() -> None:
    text = (REPO / "docs" / "engines.md").read_text(encoding="utf-8")
    with (REPO / "pyproject.toml").open("rb") as stream:
        project = tomllib.load(stream)["project"]
    [pin] = project["optional-dependencies"]["zensical"]
    assert pin in project["optional-dependencies"]["dev"]
    assert f"`{pin}`" in text
    for dependency in ("mkdocs>=1.6,<2", "mkdocs-material>=9.7,<10"):
        assert dependency in project["dependencies"]
        assert f"`{dependency}`" in text
    for feature in DROPPED_FEATURES:
        assert f"`{feature}`" in text
    assert "engines.md" in nav_paths(read_mkdocs(REPO / "mkdocs.yml").nav or [])
