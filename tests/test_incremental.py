"""Loading and rendering again after edits gives what loading and rendering afresh gives.

A live preview keeps the catalog and the pages between builds (core.reload, render.site); these
tests edit the test catalog step by step, as a contributor saving records would, and compare
each result with a full load and render of the same files.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litcat.core.loader import load_catalog
from litcat.core.models import Paper
from litcat.core.reload import CatalogLoader
from litcat.render import PRODUCERS, RenderOptions, SiteRenderer, as_text, render_site
from litcat.store.writer import record_text

from .conftest import CATALOG, REPO

OPTIONS = RenderOptions(templates_dir=REPO / "templates", edit_base="https://example.org/e/")
IDS = sorted(p.stem for p in (CATALOG / "papers").glob("*.yaml"))


def same_catalog(root: Path, loader: CatalogLoader) -> None:
    again, fresh = loader.load(), load_catalog(root)
    assert again.papers == fresh.papers
    assert again.files == fresh.files
    assert again.problems == fresh.problems


def rewrite(root: Path, paper: Paper) -> None:
    taxonomy = load_catalog(root).require_taxonomy()
    path = root / "papers" / f"{paper.id}.yaml"
    path.write_text(record_text(paper, taxonomy), encoding="utf-8")
    bump(path)


def bump(path: Path) -> None:
    # Two saves within one clock tick must still count as two: move the time on.
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_a_second_load_reads_only_the_changed_file(catalog_dir: Path) -> None:
    loader = CatalogLoader(catalog_dir)
    first = loader.load()
    assert loader.read_count == len(IDS)
    assert loader.load().papers == first.papers
    assert loader.read_count == 0
    paper = first.papers["berg2021flyways"]
    rewrite(catalog_dir, paper.model_copy(update={"title": "Flyways, Revised"}))
    changed = loader.load()
    assert loader.read_count == 1
    assert changed.papers["berg2021flyways"].title == "Flyways, Revised"
    # The other records are the very objects loaded before.
    assert changed.papers["lind2024lab"] is first.papers["lind2024lab"]
    same_catalog(catalog_dir, loader)


def test_added_removed_and_stray_files(catalog_dir: Path) -> None:
    loader = CatalogLoader(catalog_dir)
    loader.load()
    (catalog_dir / "papers" / "tanaka2020global.yaml").unlink()
    (catalog_dir / "papers" / "notes.txt").write_text("x", encoding="utf-8")
    shutil.copy(CATALOG / "papers" / "tanaka2020global.yaml", catalog_dir / "papers" / "t.yml")
    catalog = loader.load()
    assert loader.read_count == 2  # the two new entries
    assert "tanaka2020global" not in catalog.papers
    assert {p.file for p in catalog.problems if p.is_error} == {"papers/notes.txt", "papers/t.yml"}
    same_catalog(catalog_dir, loader)


def test_a_taxonomy_change_reads_every_record_again(catalog_dir: Path) -> None:
    loader = CatalogLoader(catalog_dir)
    loader.load()
    taxonomy = catalog_dir / "taxonomy.yaml"
    taxonomy.write_text(
        taxonomy.read_text(encoding="utf-8").replace("label: Tracking", "label: Trackers"),
        encoding="utf-8",
    )
    bump(taxonomy)
    catalog = loader.load()
    assert loader.read_count == len(IDS)
    assert catalog.require_taxonomy().node("method", "tracking").node.label == "Trackers"  # type: ignore[union-attr]


BROKEN_YEAR = "year: twenty\n"


def test_a_broken_record_is_reported_where_it_breaks_and_recovers(catalog_dir: Path) -> None:
    loader = CatalogLoader(catalog_dir)
    loader.load()
    path = catalog_dir / "papers" / "okafor2023radar.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("year: 2023\n", BROKEN_YEAR), encoding="utf-8")
    bump(path)
    broken = loader.load()
    assert not broken.ok
    located = [p.format_text() for p in broken.problems if p.is_error]
    assert located and located[0].startswith("papers/okafor2023radar.yaml:")
    assert ": year:" in located[0]
    path.write_text(good, encoding="utf-8")
    bump(path)
    assert loader.load().ok
    same_catalog(catalog_dir, loader)


# -- rendering again -----------------------------------------------------------------------------

Edit = tuple[str, str]
EDITS = st.lists(
    st.tuples(
        st.sampled_from(["title", "tags", "year", "remove", "add", "touch"]), st.sampled_from(IDS)
    ),
    min_size=1,
    max_size=5,
)


def apply(root: Path, edit: Edit, step: int) -> None:
    kind, pid = edit
    path = root / "papers" / f"{pid}.yaml"
    catalog = load_catalog(root)
    paper = catalog.papers.get(pid)
    if paper is None:
        return
    if kind == "title":
        rewrite(root, paper.model_copy(update={"title": f"{paper.title} (take {step})"}))
    elif kind == "year" and paper.year is not None:
        rewrite(root, paper.model_copy(update={"year": paper.year - 1 - step}))
    elif kind == "tags":
        tags = dict(paper.tags)
        tags["method"] = ["radar"] if tags.get("method") != ["radar"] else ["citizen-science"]
        rewrite(root, paper.model_copy(update={"tags": tags}))
    elif kind == "remove" and len(catalog.papers) > 2:
        path.unlink()
    elif kind == "add":
        update = {"id": f"new{step}2024copy", "title": f"A new paper {step}", "arxiv": None}
        rewrite(root, paper.model_copy(update={**update, "doi": None}))
    elif kind == "touch":
        bump(path)


@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(edits=EDITS)
def test_rendering_again_gives_a_full_render(tmp_path: Path, edits: list[Edit]) -> None:
    root = tmp_path / f"c{len(list(tmp_path.iterdir()))}"
    shutil.copytree(CATALOG, root)
    loader, renderer = CatalogLoader(root), SiteRenderer(OPTIONS, list(PRODUCERS))
    before = {p: as_text(o) for p, o in renderer.render(loader.load()).outputs.items()}
    for step, edit in enumerate(edits):
        apply(root, edit, step)
        rendered = renderer.render(loader.load())
        after = {p: as_text(o) for p, o in rendered.outputs.items()}
        assert after == render_site(load_catalog(root), OPTIONS), edit
        assert rendered.changed == {p for p in after if before.get(p) != after[p]}
        assert rendered.removed == set(before) - set(after)
        before = after


def test_a_title_change_makes_again_only_the_pages_that_show_it(catalog_dir: Path) -> None:
    loader, renderer = CatalogLoader(catalog_dir), SiteRenderer(OPTIONS, list(PRODUCERS))
    renderer.render(loader.load())
    paper = load_catalog(catalog_dir).papers["okafor2023radar"]
    rewrite(catalog_dir, paper.model_copy(update={"title": "Radar Flocks, Revised"}))
    rendered = renderer.render(loader.load())
    changed = {p for p in rendered.changed if p.endswith(".md")}
    assert "papers/okafor2023radar/index.md" in changed
    assert "taxonomy/method/radar/index.md" in changed
    # A paper page that neither shows it as related nor is it stays as it was.
    assert not any(
        "Radar Flocks, Revised" not in as_text(rendered.outputs[p]) and p.startswith("papers/")
        for p in changed
    )


@pytest.mark.parametrize(
    ("template", "old"), [("paper.md.j2", "## BibTeX"), ("_macros.j2", '<th scope="col">Year</th>')]
)
def test_a_template_change_makes_everything_again(tmp_path: Path, template: str, old: str) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    options = RenderOptions(templates_dir=templates)
    loader, renderer = CatalogLoader(CATALOG), SiteRenderer(options, list(PRODUCERS))
    renderer.render(loader.load())
    path = templates / template
    path.write_text(path.read_text(encoding="utf-8").replace(old, f"{old}MARK"), encoding="utf-8")
    bump(path)
    rendered = renderer.render(loader.load())
    assert f"{old}MARK" in as_text(rendered.outputs["papers/berg2021flyways/index.md"])
