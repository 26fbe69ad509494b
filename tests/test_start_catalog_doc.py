"""docs/start-a-catalog.md: its example is what `litcat init --from-markdown` prints, and the
commands it names exist with the options it gives them."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from litcat.cli import main

from .conftest import REPO, Cli

DOC = (REPO / "docs" / "start-a-catalog.md").read_text(encoding="utf-8")


def test_the_example_list_gives_the_report_shown(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    example = DOC.split("```markdown\n", 1)[1].split("```", 1)[0]
    (tmp_path / "README.md").write_text(example, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli(None, "init", "birds", "--from-markdown", "README.md")
    assert result.exit_code == 0, result.output
    shown = DOC.split("```text\n", 1)[1].split("```", 1)[0]
    assert sorted(result.output.splitlines()) == sorted(shown.splitlines())


def test_the_commands_and_options_it_names_exist() -> None:
    context = click.Context(main)
    # Commands are in code: the code blocks and the inline code of the page.
    blocks = re.findall(r"```(?:sh|text)\n(.*?)```", DOC, re.DOTALL)
    spans = re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", DOC, flags=re.DOTALL))
    code = "\n".join([*blocks, *spans])
    found = re.findall(r"^litcat ([a-z][a-z-]*)((?: .*)?)$", code, re.MULTILINE)
    assert len(found) >= 8
    for name, rest in found:
        command = main.get_command(context, name)
        assert command is not None, name
        options = {o for p in command.params for o in getattr(p, "opts", [])}
        for option in re.findall(r"(?<!\S)(--[a-z-]+|-o)\b", rest):
            assert option in options, (name, option)


def test_the_page_is_in_the_nav() -> None:
    assert "start-a-catalog.md" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
