"""``litcat import-markdown``: a list's papers into an existing catalog, its headings sent to the
catalog's nodes by a map (or by name); papers the catalog holds are never rewritten unless
asked (``--update``), and then only gain what they lack."""

from __future__ import annotations

from pathlib import Path

from litcat.core.loader import load_catalog

from .conftest import REPO, TESTS, Cli, finished

BIRDS = TESTS / "lists" / "birds.md"
MAP = TESTS / "lists" / "birds.map.yaml"


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (root / "papers").iterdir()}


def test_a_list_into_the_test_catalog(cli: Cli, catalog_dir: Path) -> None:
    before = snapshot(catalog_dir)
    result = cli(catalog_dir, "import-markdown", str(BIRDS), "--map", str(MAP))
    code, output = finished(result)
    assert code == 0, output
    name = BIRDS.as_posix()
    for line in (
        f"{name}:16: held already: papers/berg2021flyways.yaml (arXiv id)",
        f"{name}:17: held already: papers/tanaka2020global.yaml (arXiv id)",
        f"{name}:18: wrote papers/case2022solar.yaml",
        f"{name}:25: wrote papers/mendes2019lightlevel.yaml",
        f"{name}:33: held already: papers/okafor2023radar.yaml (arXiv id)",
        f"{name}:34: merged into papers/berg2021flyways.yaml: the bullet of line 16 has the same "
        "arXiv id",
        f"{name}:39: held already: papers/silva2022citizen.yaml (title)",
        f"{name}:7: warning: not imported: 2 bullets under 'Contents', a section of other things",
    ):
        assert line in output
    assert (
        "8 bullets and rows: 2 records written, 1 merged, 4 held already, 1 not papers, 0 errors; "
        "2 more in sections of other things than papers" in output
    )
    catalog = load_catalog(catalog_dir)
    assert catalog.ok, catalog.problems
    assert catalog.papers["case2022solar"].tags == {"method": ["gps-tags"]}
    assert catalog.papers["mendes2019lightlevel"].tags == {"method": ["tracking"]}
    # The records the catalog had are untouched.
    after = snapshot(catalog_dir)
    assert {k: v for k, v in after.items() if k in before} == before


def test_headings_named_like_nodes_need_no_map(cli: Cli, catalog_dir: Path) -> None:
    code, output = finished(cli(catalog_dir, "import-markdown", str(BIRDS), "--dry-run"))
    assert code == 0, output
    assert f"{BIRDS.as_posix()}:18: would write papers/case2022solar.yaml" in output
    assert not (catalog_dir / "papers" / "case2022solar.yaml").exists()


def test_update_adds_what_held_records_lack_and_changes_nothing(
    cli: Cli, catalog_dir: Path
) -> None:
    berg = (catalog_dir / "papers" / "berg2021flyways.yaml").read_text(encoding="utf-8")
    code, output = finished(
        cli(catalog_dir, "import-markdown", str(BIRDS), "--map", str(MAP), "--update")
    )
    assert code == 0, output
    assert f"{BIRDS.as_posix()}:16: updated papers/berg2021flyways.yaml" in output
    catalog = load_catalog(catalog_dir)
    berg_now = catalog.papers["berg2021flyways"]
    # FlyTrack is also listed under Radar: the tag is added beside its origin's filing (in
    # added_tags: the atlas filed it under GPS tags only), the code link it has stays.
    assert berg_now.tags["method"] == ["gps-tags"]
    assert berg_now.added_tags["method"] == ["radar"]
    assert berg_now.links.code == "https://example.org/berg/flyways"
    assert catalog.papers["okafor2023radar"].links.code == "https://gitlab.com/okafor/radar"
    # Only the new tag line differs.
    new = (catalog_dir / "papers" / "berg2021flyways.yaml").read_text(encoding="utf-8")
    assert new == berg.replace("added_tags:\n", "added_tags:\n  method:\n    - radar\n")


def test_a_map_with_mistakes_is_refused_with_its_lines(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "map.yaml"
    bad.write_text("GPS tags: method=gps-tag\nNo such heading: method=radar\n", encoding="utf-8")
    code, output = finished(cli(catalog_dir, "import-markdown", str(BIRDS), "--map", str(bad)))
    assert code == 1
    assert (
        f"{bad.as_posix()}:1:11: GPS tags: method=gps-tag: unknown Method value 'gps-tag' "
        "(did you mean 'gps-tags'?)"
    ) in output
    assert not (catalog_dir / "papers" / "case2022solar.yaml").exists()


def test_a_map_key_naming_no_heading_is_a_warning(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    loose = tmp_path / "map.yaml"
    loose.write_text("GPS tags: method=gps-tags\nGPS tagz: method=radar\n", encoding="utf-8")
    code, output = finished(cli(catalog_dir, "import-markdown", str(BIRDS), "--map", str(loose)))
    assert code == 0, output
    assert f"{loose.as_posix()}:2:1: warning: GPS tagz: no heading of the list is called this" in (
        output
    )
    assert "no heading down to 'Geolocators' is in the map: its papers get no tags" in output


def test_the_review_s_list_against_this_catalog(cli: Cli) -> None:
    """Run on this repository's catalog (dry): one report line for every bullet."""
    review = TESTS / "lists" / "review-list.md"
    code, output = finished(cli(REPO, "import-markdown", str(review), "--dry-run"))
    assert code == 0, output
    bullets = [
        line
        for line in output.splitlines()
        if line.startswith(f"{review.as_posix()}:")
        and "table whose rows" not in line
        and "get no tags" not in line
    ]
    assert len(bullets) == 166
    assert "3 records to write, 10 merged, 153 held already, 0 not papers, 0 errors" in output
    # The three: entry 88 (which this catalog leaves out) and two papers it holds under
    # titles of their own (NoMaD, Policy Agnostic RL), which the report lets a curator see.
    assert sum("would write" in line for line in bullets) == 3
