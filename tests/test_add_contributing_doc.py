"""The messages docs/contributing.md shows are what the commands print."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from .conftest import Cli

REPO = Path(__file__).parent.parent
DOC = (REPO / "docs/contributing.md").read_text(encoding="utf-8")

BROKEN = """\
title: 'DrEureka: Language Model Guided Sim-To-Real Transfer'
authors:
  - Yecheng Jason Ma
  - William Liang
year: 2024
arxiv: '2406.01967'
tags:
  method:
    - gps-tag
  taxon:
    - geese
sumary: A language model writes the reward and randomization settings.
added: 2024-06-05
"""


def test_the_validation_example_is_real_output(cli: Cli, catalog_dir: Path) -> None:
    (catalog_dir / "papers/ma2024dreureka.yaml").write_text(BROKEN)
    result = cli(catalog_dir, "validate")
    assert result.exit_code == 1, result.output
    assert result.output.strip() in DOC


@pytest.mark.skipif(not (REPO / "taxonomy.yaml").is_file(), reason="no catalog in this checkout")
def test_the_add_examples_are_real_output(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    (root / "papers").mkdir(parents=True)
    (root / "taxonomy.yaml").write_bytes((REPO / "taxonomy.yaml").read_bytes())
    for args in (
        "add 2406.01967 --tag base-model=llm --tag rl-task=reward-signal",
        "add 2406.01967",
        "add 1505.00023 --tag rl-task=planing",
    ):
        result = cli(root, *args.split())
        assert result.output.strip() in DOC, args
    written = (root / "papers/ma2024dreureka.yaml").read_text()
    assert written.split("added: ")[0] in DOC  # the date is the day the command ran


@pytest.mark.skipif(not (REPO / "taxonomy.yaml").is_file(), reason="no catalog in this checkout")
def test_the_curator_options_example_runs(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "catalog"
    (root / "papers").mkdir(parents=True)
    (root / "taxonomy.yaml").write_bytes((REPO / "taxonomy.yaml").read_bytes())
    block = DOC.split("### What only you know")[1].split("```sh\n")[1].split("\n```")[0]
    args = shlex.split(block.replace("\\\n", " "))
    assert args[:2] == ["litcat", "add"]
    result = cli(root, *args[1:])
    assert result.exit_code == 0, result.output
    written = (root / "papers/ma2024dreureka.yaml").read_text()
    for option in ("--short-name", "--summary", "--code", "--source"):
        assert args[args.index(option) + 1] in written, option
