"""``import-markdown`` against the records a catalog holds: ids outrank a title, ``--update``
never gives a record another record's DOI nor touches the origin's own filing, and a record
that does not load still holds its paper (issue 20)."""

from __future__ import annotations

from pathlib import Path

from litcat.core.loader import load_catalog

from .conftest import Cli, finished

BERG = "papers/berg2021flyways.yaml"
OKAFOR = "papers/okafor2023radar.yaml"


def write_list(tmp_path: Path, body: str) -> Path:
    source = tmp_path / "list.md"
    source.write_text(f"# A list\n\n## Radar\n\n{body}", encoding="utf-8")
    return source


def files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (root / "papers").iterdir()}


def test_a_title_shared_with_a_record_of_another_arxiv_id_is_another_paper(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    source = write_list(
        tmp_path,
        "- [Flyways Revisited: GPS Tracks of Arctic Geese](https://arxiv.org/abs/2201.09999) "
        "[code](https://github.com/other/geese)\n",
    )
    before = files(catalog_dir)
    code, output = finished(cli(catalog_dir, "import-markdown", str(source), "--update"))
    assert code == 0, output
    where = f"{source.as_posix()}:5:"
    assert (
        f"{where} warning: not merged into {BERG}, whose title it shares: its arXiv id is "
        "2101.01234, this bullet's 2201.09999, so it is another paper"
    ) in output
    assert f"updated {BERG}" not in output and "held already:" not in output
    # The record keeps its own links; the other paper gets a record of its own.
    assert files(catalog_dir)[Path(BERG).name] == before[Path(BERG).name]
    written = [p for p in load_catalog(catalog_dir).papers.values() if p.arxiv == "2201.09999"]
    assert len(written) == 1 and written[0].links.code == "https://github.com/other/geese"


def test_two_bullets_of_one_title_and_two_arxiv_ids_are_two_records(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    source = write_list(
        tmp_path,
        "- [Echoes of Night Flights](https://arxiv.org/abs/2301.00001)\n"
        "- [Echoes of night flights](https://arxiv.org/abs/2302.00002)\n",
    )
    code, output = finished(cli(catalog_dir, "import-markdown", str(source)))
    assert code == 0, output
    catalog = load_catalog(catalog_dir)
    assert {"2301.00001", "2302.00002"} <= {p.arxiv for p in catalog.papers.values()}
    assert "held already:" not in output and ": merged into" not in output


def test_a_doi_that_another_record_holds_is_not_written(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    """The arXiv id is okafor2023radar's and the DOI lind2024lab's: --update must not give
    okafor the DOI (the catalog would then hold one DOI twice)."""
    source = write_list(
        tmp_path,
        "- [Counting Nocturnal Songbird Passage with Weather Radar]"
        "(https://arxiv.org/abs/2305.11111) [doi](https://doi.org/10.5555/cage.2024.3)\n",
    )
    before = files(catalog_dir)
    code, output = finished(cli(catalog_dir, "import-markdown", str(source), "--update"))
    assert code == 1, output
    assert (
        f"{source.as_posix()}:5: not imported: its arXiv id is in {OKAFOR} and its DOI "
        "is in papers/lind2024lab.yaml"
    ) in output
    assert files(catalog_dir) == before
    assert load_catalog(catalog_dir).ok


def test_update_adds_tags_beside_the_origin_s_filing(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    """berg2021flyways comes from the atlas (its origin): the atlas filed it under gps-tags.
    A list that files it under radar adds to the catalog's tags (added_tags), not the atlas's."""
    source = write_list(tmp_path, "- [Flyways Revisited](https://arxiv.org/abs/2101.01234)\n")
    code, output = finished(cli(catalog_dir, "import-markdown", str(source), "--update"))
    assert code == 0, output
    berg = load_catalog(catalog_dir).papers["berg2021flyways"]
    assert berg.tags["method"] == ["gps-tags"]
    assert berg.added_tags == {"scale": ["continental"], "method": ["radar"]}


def test_a_record_that_does_not_load_still_holds_its_paper(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    record = catalog_dir / OKAFOR
    record.write_text(record.read_text(encoding="utf-8") + "colour: red\n", encoding="utf-8")
    source = write_list(
        tmp_path,
        "- [Counting Nocturnal Songbird Passage with Weather Radar]"
        "(https://arxiv.org/abs/2305.11111)\n",
    )
    for args in ([], ["--update"]):
        before = files(catalog_dir)
        code, output = finished(cli(catalog_dir, "import-markdown", str(source), *args))
        assert code == 1, output
        assert (
            f"{source.as_posix()}:5: not imported: {OKAFOR} holds this paper (the same "
            "arXiv id) but does not load; fix it first"
        ) in output
        assert files(catalog_dir) == before


def test_a_record_whose_yaml_is_broken_still_holds_its_paper_by_title(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    record = catalog_dir / OKAFOR
    record.write_text(
        record.read_text(encoding="utf-8").replace("authors:", "authors: [\n"), encoding="utf-8"
    )
    source = write_list(
        tmp_path,
        "- [Counting nocturnal songbird passage with weather radar]"
        "(https://example.org/radar.pdf)\n",
    )
    code, output = finished(cli(catalog_dir, "import-markdown", str(source)))
    assert code == 1, output
    assert f"not imported: {OKAFOR} holds this paper (the same title) but does not load" in (output)
    assert "wrote" not in output


def test_a_record_that_is_not_utf8_still_holds_its_paper(
    cli: Cli, catalog_dir: Path, tmp_path: Path
) -> None:
    record = catalog_dir / OKAFOR
    record.write_bytes(record.read_bytes().replace(b"Chidi", b"Ch\xefdi"))
    source = write_list(
        tmp_path,
        "- [Radar counts, the preprint](https://arxiv.org/abs/2305.11111)\n",
    )
    code, output = finished(cli(catalog_dir, "import-markdown", str(source)))
    assert code == 1, output
    assert f"{OKAFOR} holds this paper (the same arXiv id) but does not load" in output
    assert "wrote" not in output
