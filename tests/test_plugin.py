"""The MkDocs plugin: it stops on a broken catalog, builds an empty one, and guards docs/."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import InclusionLevel

import litcat.plugin
from litcat.plugin import CatalogPlugin, inclusion, nav_paths

from .conftest import REPO, Cli
from .sitebuild import make_docs, mkdocs_build, write_config


@pytest.fixture
def freezing_builds(collector_unfrozen: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """The test catalog's five papers built as a large catalog is: what the build holds is
    frozen from the cycle collector (litcat.plugin.FREEZE_FROM)."""
    monkeypatch.setattr(litcat.plugin, "FREEZE_FROM", 1)


BROKEN = """\
title: A Record With a Bad Year
authors:
  - Ann Other
year: twenty
added: 2024-01-01
tags:
  method:
    - gps-tag
"""


@pytest.mark.usefixtures("freezing_builds")
def test_broken_record_stops_the_build_with_the_validate_messages(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    (catalog_dir / "papers" / "other2024bad.yaml").write_text(BROKEN, encoding="utf-8")
    build = mkdocs_build(write_config(tmp_path, catalog_dir, make_docs(tmp_path)), tmp_path / "s")
    assert build.returncode == 1, build.output
    assert "papers/other2024bad.yaml:4:7: year:" in build.output
    assert gc.get_freeze_count() == 0  # frozen after the load, unfrozen when the build failed
    assert "papers/other2024bad.yaml:8:7:" in build.output
    validate = cli(catalog_dir, "validate")
    assert validate.exit_code == 1
    problems = [line for line in validate.stdout.splitlines() if line.strip()]
    assert len(problems) == 2
    for line in problems:
        assert line in build.output
    assert not (tmp_path / "s" / "index.html").exists()


def test_empty_catalog_builds(catalog_dir: Path, tmp_path: Path) -> None:
    for record in (catalog_dir / "papers").glob("*.yaml"):
        record.unlink()
    (catalog_dir / "papers" / ".gitkeep").touch()
    build = mkdocs_build(write_config(tmp_path, catalog_dir, make_docs(tmp_path)), tmp_path / "s")
    assert build.returncode == 0, build.output
    home = (tmp_path / "s" / "index.html").read_text(encoding="utf-8")
    assert "<strong>0</strong> papers" in home
    trends = (tmp_path / "s" / "trends" / "index.html").read_text(encoding="utf-8")
    assert "No paper in the catalog yet" in trends


def test_a_docs_page_in_the_way_of_a_generated_one_is_an_error(
    catalog_dir: Path, tmp_path: Path
) -> None:
    docs = make_docs(tmp_path)
    (docs / "trends.md").write_text("# Mine\n", encoding="utf-8")
    build = mkdocs_build(write_config(tmp_path, catalog_dir, docs), tmp_path / "s")
    assert build.returncode == 1
    assert "docs/trends.md is in the way of a generated page" in build.output


def test_papers_and_taxonomy_must_sit_together(catalog_dir: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    (elsewhere / "taxonomy.yaml").write_text(
        (catalog_dir / "taxonomy.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    config = write_config(tmp_path, catalog_dir, make_docs(tmp_path))
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(str(catalog_dir / "taxonomy.yaml"), str(elsewhere / "taxonomy.yaml")),
        encoding="utf-8",
    )
    build = mkdocs_build(config, tmp_path / "s")
    assert build.returncode == 1
    assert "must be papers/ and taxonomy.yaml side by side" in build.output


class FakeServer:
    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str) -> None:
        self.watched.append(path)


def test_serve_watches_the_catalog_and_templates(catalog_dir: Path, tmp_path: Path) -> None:
    config = load_config(str(write_config(tmp_path, catalog_dir, make_docs(tmp_path))))
    plugin = config.plugins["litcat"]
    assert isinstance(plugin, CatalogPlugin)
    plugin.on_config(config)
    server = FakeServer()
    plugin.on_serve(server, config=config, builder=None)  # type: ignore[arg-type]
    assert server.watched == [
        str(catalog_dir / "papers"),
        str(catalog_dir / "taxonomy.yaml"),
        str(REPO / "templates"),
    ]


def test_generated_pages_the_nav_does_not_name_stay_out_of_it() -> None:
    listed = nav_paths([{"Home": "index.md"}, {"More": [{"Trends": "trends.md"}, "recent.md"]}])
    assert listed == {"index.md", "trends.md", "recent.md"}
    assert inclusion("trends.md", listed) == InclusionLevel.UNDEFINED
    assert inclusion("explorer/index.md", listed) == InclusionLevel.NOT_IN_NAV
    assert inclusion("papers/a/index.md", listed) == InclusionLevel.NOT_IN_NAV


def test_without_a_nav_only_deep_pages_stay_out() -> None:
    assert nav_paths(None) is None
    assert inclusion("taxonomy/index.md", None) == InclusionLevel.UNDEFINED
    assert inclusion("trends.md", None) == InclusionLevel.UNDEFINED
    assert inclusion("papers/a/index.md", None) == InclusionLevel.NOT_IN_NAV
    assert inclusion("taxonomy/d/n/index.md", None) == InclusionLevel.NOT_IN_NAV


@pytest.mark.usefixtures("freezing_builds")
def test_the_build_freezes_what_it_holds_and_leaves_nothing_frozen(
    catalog_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    frozen_during: list[int] = []
    freeze = CatalogPlugin._freeze

    def spy(self: CatalogPlugin, papers: int) -> None:
        freeze(self, papers)
        frozen_during.append(gc.get_freeze_count())

    monkeypatch.setattr(CatalogPlugin, "_freeze", spy)
    build = mkdocs_build(write_config(tmp_path, catalog_dir, make_docs(tmp_path)), tmp_path / "s")
    assert build.returncode == 0, build.output
    # Frozen after the load and after the render; unfrozen when the build ends.
    assert len(frozen_during) == 2 and all(count > 0 for count in frozen_during)
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("collector_unfrozen")
def test_a_small_catalog_s_build_neither_freezes_nor_counts_the_frozen(
    catalog_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under litcat.plugin.FREEZE_FROM papers the gain is next to nothing, and finding out
    whether someone froze objects walks every one of them."""

    def walked() -> int:
        raise AssertionError("the frozen objects were counted")

    def frozen() -> None:
        raise AssertionError("frozen")

    monkeypatch.setattr(gc, "get_freeze_count", walked)
    monkeypatch.setattr(gc, "freeze", frozen)
    build = mkdocs_build(write_config(tmp_path, catalog_dir, make_docs(tmp_path)), tmp_path / "s")
    assert build.returncode == 0, build.output


@pytest.mark.usefixtures("freezing_builds")
def test_a_build_that_fails_after_the_load_leaves_nothing_frozen(
    catalog_dir: Path, tmp_path: Path
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "paper.md.j2").write_text("{{ no_such_value }}\n", encoding="utf-8")
    config = write_config(
        tmp_path, catalog_dir, make_docs(tmp_path), options={"templates": str(templates)}
    )
    build = mkdocs_build(config, tmp_path / "s")
    assert build.returncode == 1
    assert "no_such_value" in build.output
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("freezing_builds")
def test_objects_someone_else_froze_stay_frozen(catalog_dir: Path, tmp_path: Path) -> None:
    kept = [object()]
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        build = mkdocs_build(
            write_config(tmp_path, catalog_dir, make_docs(tmp_path)), tmp_path / "s"
        )
        assert build.returncode == 0, build.output
        # Not unfrozen, nor more frozen (some of what was frozen has been freed since).
        assert 0 < gc.get_freeze_count() <= before
    finally:
        gc.unfreeze()
    assert kept
