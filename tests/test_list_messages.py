"""What ``init`` and ``import-markdown`` say when there is nothing to do, or nowhere to do it
(issue 20): each message true of the case it is given for."""

from __future__ import annotations

from pathlib import Path

import pytest

from litcat.core.loader import load_catalog

from .conftest import Cli, finished

REFUSED = (
    "# A list\n\n## Robots\n\n"
    "- [Two](https://arxiv.org/abs/2301.00001) [in one](https://arxiv.org/abs/2301.00002)\n"
    "- [Also two](https://doi.org/10.5555/a.1) [DOIs](https://doi.org/10.5555/b.2)\n"
)


@pytest.mark.parametrize("command", ["init", "import-markdown"])
def test_a_list_whose_every_bullet_is_refused_says_why_for_each(
    cli: Cli, catalog_dir: Path, tmp_path: Path, command: str
) -> None:
    source = tmp_path / "refused.md"
    source.write_text(REFUSED, encoding="utf-8")
    if command == "init":
        result = cli(None, "init", str(tmp_path / "new"), "--from-markdown", str(source))
    else:
        result = cli(catalog_dir, "import-markdown", str(source))
    code, output = finished(result)
    assert code == 1
    name = source.as_posix()
    assert f"{name}:5: not imported: its links name two papers (arXiv ids" in output
    assert f"{name}:6: not imported: its links name two papers (DOIs" in output
    assert "none of its 2 bullets and rows could be imported" in output
    assert "links a paper" not in output
    assert not (tmp_path / "new").exists()


def test_a_list_that_links_no_paper_says_so(cli: Cli, catalog_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "pages.md"
    source.write_text("# Links\n\n- no link at all\n- A tool [code](https://github.com/a/b)\n")
    code, output = finished(cli(catalog_dir, "import-markdown", str(source)))
    assert code == 1
    assert "no bullet or table row links a paper" in output


def test_init_dot_in_an_empty_folder_makes_the_catalog_there(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    code, output = finished(cli(None, "init", "."))
    assert code == 0, output
    # The folder the shell stands in is the catalog (not a new folder put in its place).
    assert Path.cwd().samefile(here) and (here / "taxonomy.yaml").is_file()
    assert load_catalog(here).ok
    assert sorted(p.name for p in here.iterdir() if p.name.startswith(".")) == [
        ".github",
        ".gitignore",
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["here"]


def test_init_dot_that_fails_leaves_the_folder_empty(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    (tmp_path / "refused.md").write_text(REFUSED, encoding="utf-8")
    monkeypatch.chdir(here)
    code, _ = finished(cli(None, "init", ".", "--from-markdown", "../refused.md"))
    assert code == 1
    assert list(here.iterdir()) == []


def test_a_folder_that_is_no_catalog_is_not_said_to_hold_a_taxonomy(
    cli: Cli, tmp_path: Path
) -> None:
    source = tmp_path / "list.md"
    source.write_text("# L\n\n- [T](https://arxiv.org/abs/2301.00001)\n", encoding="utf-8")
    (tmp_path / "empty").mkdir()
    code, output = finished(cli(tmp_path / "empty", "import-markdown", str(source)))
    assert code == 1
    assert "holds no taxonomy.yaml, so it is not a catalog" in output
    assert "litcat init" in output and "taxonomy.yaml did not load" not in output


@pytest.mark.parametrize(
    "heading",
    ["word " * 150, "Bell\x07and\u202ebidi\x7fand\x1b[31mescape", "\x07"],
    ids=["long", "controls", "only-a-control"],
)
def test_init_makes_a_valid_taxonomy_from_any_heading(
    cli: Cli, tmp_path: Path, heading: str
) -> None:
    """A heading the taxonomy could not hold (past its 500 characters, or with a control or
    bidi character) made init fail, citing a taxonomy.yaml that was never left behind."""
    source = tmp_path / "list.md"
    source.write_text(
        f"# A list\n\n## {heading}\n\n### Sub {heading}\n\n"
        "- [A Paper](https://arxiv.org/abs/2301.00001)\n",
        encoding="utf-8",
    )
    code, output = finished(cli(None, "init", str(tmp_path / "c"), "--from-markdown", str(source)))
    assert code == 0, output
    catalog = load_catalog(tmp_path / "c")
    assert catalog.ok, catalog.problems
    assert len(catalog.papers) == 1
