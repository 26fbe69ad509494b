"""The canonical writer: round trips, `litcat fmt` and `fmt --check`."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from litcat.cli import main
from litcat.core.loader import load_catalog, load_record
from litcat.core.reader import parse
from litcat.store.writer import record_text

from .conftest import CATALOG, WriteRecord


def test_every_test_record_is_canonical() -> None:
    catalog = load_catalog(CATALOG)
    for pid, paper in catalog.papers.items():
        original = (CATALOG / catalog.files[pid]).read_text(encoding="utf-8")
        assert record_text(paper, catalog.taxonomy) == original, pid


def test_record_to_yaml_to_record_is_identity() -> None:
    catalog = load_catalog(CATALOG)
    for paper in catalog.papers.values():
        text = record_text(paper, catalog.taxonomy)
        doc = parse(text.encode(), "x.yaml")
        again = load_record(doc, paper.id, catalog.taxonomy)
        assert doc.problems == []
        assert again == paper


def test_fmt_check_lists_files_and_fmt_rewrites_them(
    catalog_dir: Path, write_record: WriteRecord
) -> None:
    path = write_record(
        "messy2024x.yaml",
        "added: 2024-01-02\nyear: '2024'\ntitle: Messy\nauthors: [B. Person]\n"
        "arxiv: https://arxiv.org/abs/2310.10010v3\nauthors_incomplete: false\n"
        "tags: {method: [gps]}\n",
    )
    runner = CliRunner()
    check = runner.invoke(main, ["--root", str(catalog_dir), "fmt", "--check"])
    assert check.exit_code == 1, check.output
    assert check.stdout == "would reformat papers/messy2024x.yaml\n"
    assert path.read_text(encoding="utf-8").startswith("added:")  # --check changes nothing
    result = runner.invoke(main, ["--root", str(catalog_dir), "fmt"])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == (
        "title: Messy\nauthors:\n  - B. Person\nyear: 2024\narxiv: '2310.10010'\n"
        "tags:\n  method:\n    - gps-tags\nadded: 2024-01-02\n"
    )
    again = runner.invoke(main, ["--root", str(catalog_dir), "fmt", "--check"])
    assert again.exit_code == 0, again.output


def test_fmt_keeps_the_schema_header_line(catalog_dir: Path, write_record: WriteRecord) -> None:
    header = "# yaml-language-server: $schema=https://example.org/schema/record.json\n"
    body = (CATALOG / "papers" / "lind2024lab.yaml").read_text(encoding="utf-8")
    path = write_record("lind2024lab.yaml", header + body.replace("year: 2024", "year: '2024'"))
    result = CliRunner().invoke(main, ["--root", str(catalog_dir), "fmt"])
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8") == header + body


def test_fmt_refuses_to_drop_comments(catalog_dir: Path, write_record: WriteRecord) -> None:
    text = "title: Commented  # keep me\nauthors:\n  - C. Person\nyear: 2024\nadded: 2024-01-01\n"
    path = write_record("comment2024x.yaml", text.replace("title: Commented", "title:  Commented"))
    runner = CliRunner()
    result = runner.invoke(main, ["--root", str(catalog_dir), "fmt"])
    assert result.exit_code == 1, result.output
    assert "comments on line 1 would be lost" in result.output
    assert "# keep me" in path.read_text(encoding="utf-8")
    forced = runner.invoke(main, ["--root", str(catalog_dir), "fmt", "--drop-comments"])
    assert forced.exit_code == 0, forced.output
    assert "#" not in path.read_text(encoding="utf-8")


def test_hash_inside_a_value_is_not_a_comment(catalog_dir: Path, write_record: WriteRecord) -> None:
    path = write_record(
        "hash2024x.yaml",
        "title: 'C# and F#: a #1 study'\nauthors:\n  - D. Person\nyear: 2024\n"
        "added: 2024-01-01\nsummary:  Uses issue#12 numbering.\n",
    )
    result = CliRunner().invoke(main, ["--root", str(catalog_dir), "fmt"])
    assert result.exit_code == 0, result.output
    assert "summary: Uses issue#12 numbering." in path.read_text(encoding="utf-8")


def test_fmt_leaves_records_with_errors_alone(catalog_dir: Path, write_record: WriteRecord) -> None:
    path = write_record("broken2024x.yaml", "title: Broken\nyear: soon\n")
    result = CliRunner().invoke(main, ["--root", str(catalog_dir), "fmt"])
    assert result.exit_code == 1
    assert "errors left records unformatted; run litcat validate" in result.output
    assert path.read_text(encoding="utf-8") == "title: Broken\nyear: soon\n"
