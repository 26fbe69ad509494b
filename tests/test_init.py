"""``litcat init``: a new catalog that validates and builds on its own, empty or from a list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from mkdocs.utils.yaml import yaml_load

from litcat.cli.init import SEARCH_SEPARATOR, mkdocs_yml
from litcat.core.loader import load_catalog

from .conftest import REPO, TESTS, Cli, finished, repo_catalog
from .listcheck import check_review_catalog
from .sitebuild import mkdocs_build
from .test_workflow_policy import violations
from .zensical import zensical_build

LISTS = TESTS / "lists"


def test_an_empty_catalog_validates_and_builds_strictly(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "mine"
    code, output = finished(cli(None, "init", str(root), "--name", "Field notes"))
    assert code == 0, output
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    assert files == [
        ".github/workflows/current.yml",
        ".github/workflows/deploy.yml",
        ".github/workflows/validate.yml",
        ".gitignore",
        "README.md",
        "docs/about.md",
        "mkdocs.yml",
        "papers/.gitkeep",
        "requirements.txt",
        "taxonomy.yaml",
    ]
    config = yaml.load((root / "mkdocs.yml").read_text(), Loader=_EnvLoader)
    assert config["site_name"] == "Field notes"
    assert config["theme"] == {"name": "material"}
    assert config["plugins"] == [{"search": {"separator": SEARCH_SEPARATOR}}, "litcat"]
    assert cli(root, "validate", "--strict").exit_code == 0
    build = mkdocs_build(root / "mkdocs.yml", tmp_path / "site")
    assert build.returncode == 0, build.output
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "<strong>0</strong> papers" in home and "assets/litcat.css" in home
    assert (tmp_path / "site" / "assets" / "explorer" / "core.js").is_file()
    assert (tmp_path / "site" / "about" / "index.html").is_file()


class _EnvLoader(yaml.SafeLoader):
    """mkdocs.yml's ``!ENV`` values, read as unset."""


_EnvLoader.add_constructor("!ENV", lambda loader, node: None)


@pytest.mark.parametrize("setup", ["file", "folder"])
def test_init_refuses_a_folder_that_is_not_empty(cli: Cli, tmp_path: Path, setup: str) -> None:
    target = tmp_path / "taken"
    if setup == "file":
        target.write_text("x")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("mine")
    code, output = finished(cli(None, "init", str(target)))
    if setup == "file":
        assert (code, target.read_text()) == (2, "x")
        assert "is a file" in output
    else:
        assert code == 1
        assert "is not an empty folder" in output
        assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_init_into_an_empty_folder(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert cli(None, "init", str(tmp_path / "empty")).exit_code == 0
    assert (tmp_path / "empty" / "taxonomy.yaml").is_file()
    assert [p.name for p in tmp_path.iterdir()] == ["empty"]


def test_the_starter_workflows_follow_the_rules(cli: Cli, tmp_path: Path) -> None:
    assert cli(None, "init", str(tmp_path / "c")).exit_code == 0
    workflows = sorted((tmp_path / "c" / ".github" / "workflows").glob("*.yml"))
    assert [p.name for p in workflows] == ["current.yml", "deploy.yml", "validate.yml"]
    for path in workflows:
        text = path.read_text(encoding="utf-8")
        assert violations(text) == [], path
        assert "pip install -r requirements.txt" in text
    pinned = (tmp_path / "c" / "requirements.txt").read_text().splitlines()[-1]
    assert pinned.startswith("litcat==")


def test_the_readme_says_how_to_turn_expectations_on(cli: Cli, tmp_path: Path) -> None:
    assert cli(None, "init", str(tmp_path / "c")).exit_code == 0
    readme = (tmp_path / "c" / "README.md").read_text(encoding="utf-8")
    assert "expect:\n     - summary\n     - primary-source\n     - venue-year" in readme
    taxonomy = (tmp_path / "c" / "taxonomy.yaml").read_text(encoding="utf-8")
    assert "\nexpect:" not in taxonomy and "# expect:" in taxonomy
    for command in ("litcat add", "litcat import-markdown", "litcat enrich", "mkdocs serve"):
        assert command in readme


def test_init_from_the_review_s_list(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "review"
    result = cli(None, "init", str(root), "--from-markdown", str(LISTS / "review-list.md"))
    code, output = finished(result)
    assert code == 0, output
    report = [line for line in result.stdout.splitlines() if line]
    # One line per bullet (166) and one per table read for nothing (2).
    assert len(report) == 168
    assert all(line.startswith(f"{LISTS / 'review-list.md'}:") for line in report)
    assert sum(" merged into papers/" in line for line in report) == 10
    assert "166 bullets and rows: 156 records written, 10 merged" in result.output
    made = load_catalog(root)
    check_review_catalog(root, made, repo_catalog())
    record = (root / "papers" / "diffusion2023policy.yaml").read_text(encoding="utf-8")
    assert "summary" not in record and "authors_incomplete: true" in record
    assert cli(root, "validate", "--strict").exit_code == 0


def test_init_from_an_invented_list_builds(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "birds"
    code, output = finished(
        cli(None, "init", str(root), "--from-markdown", str(LISTS / "birds.md"))
    )
    assert code == 0, output
    catalog = load_catalog(root)
    assert catalog.ok and not catalog.problems, catalog.problems
    assert sorted(catalog.papers) == [
        "case2022solar",
        "counting2023nocturnal",
        "flytrack2021flyways",
        "geostop2020global",
        "mendes2019lightlevel",
        "silva2022volunteers",
    ]
    flytrack = catalog.papers["flytrack2021flyways"]
    assert flytrack.tags == {"section": ["gps-tags", "radar"]}
    assert (flytrack.venue, flytrack.venue_year, flytrack.venue_confirmed) == (
        "Journal of Avian Movement",
        2022,
        False,
    )
    assert catalog.papers["mendes2019lightlevel"].authors == ["Carla Mendes", "Tom Ruiz"]
    assert catalog.taxonomy is not None and catalog.taxonomy.origins[0].label == (
        "Awesome Bird Migration"
    )
    build = mkdocs_build(root / "mkdocs.yml", tmp_path / "site")
    assert build.returncode == 0, build.output
    assert not (root / "templates").exists() and not (root / "docs" / "assets").exists()


def test_a_catalog_s_templates_replace_the_package_s_by_name(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "birds"
    assert cli(None, "init", str(root), "--from-markdown", str(LISTS / "birds.md")).exit_code == 0
    (root / "templates").mkdir()
    (root / "templates" / "trends.md.j2").write_text("Our own trends page.\n", encoding="utf-8")
    build = mkdocs_build(root / "mkdocs.yml", tmp_path / "site")
    assert build.returncode == 0, build.output
    assert "Our own trends page." in (tmp_path / "site" / "trends" / "index.html").read_text()
    paper = (tmp_path / "site" / "papers" / "case2022solar" / "index.html").read_text()
    assert 'name="citation_title"' in paper


# Real lists of other fields (see ../shared/corpora/README.md), outside the repository.
SHARED_LISTS = REPO.parent / "shared" / "corpora" / "lists"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "at_least"), [("awesome-NeRF__awesome-NeRF", 140), ("thunlp__GNNPapers", 420)]
)
def test_a_real_list_of_another_field_becomes_a_catalog_that_builds(
    cli: Cli, tmp_path: Path, name: str, at_least: int
) -> None:
    """``litcat init cat --from-markdown LIST`` exits 0, and the new catalog passes
    ``validate --strict`` and ``mkdocs build --strict`` with no edit. (The wheel's test makes
    catalogs from the tests' lists with the installed commands.)"""
    source = SHARED_LISTS / f"{name}.md"
    if not source.is_file():
        pytest.skip(f"the shared lists corpus is not beside the clone ({SHARED_LISTS})")
    root = tmp_path / "cat"
    code, output = finished(cli(None, "init", str(root), "--from-markdown", str(source)))
    assert code == 0, output
    code, output = finished(cli(root, "validate", "--strict"))
    assert code == 0, output
    build = mkdocs_build(root / "mkdocs.yml", tmp_path / "site")
    assert build.returncode == 0, build.output
    assert (tmp_path / "site" / "assets" / "explorer" / "ui.js").is_file()
    assert not (root / "templates").exists() and not (root / "docs" / "assets").exists()
    catalog = load_catalog(root)
    assert len(catalog.papers) >= at_least
    assert len(list((tmp_path / "site" / "papers").iterdir())) == len(catalog.papers)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"# Nothing\n\n- [a](#a)\n- plain words\n", "no bullet or table row links a paper"),
        (b"- caf\xe9 [paper](https://arxiv.org/abs/2101.00001)\n", "not UTF-8 text (byte 6"),
    ],
)
def test_a_list_init_cannot_use_leaves_nothing(
    cli: Cli, tmp_path: Path, content: bytes, message: str
) -> None:
    source = tmp_path / "list.md"
    source.write_bytes(content)
    code, output = finished(cli(None, "init", str(tmp_path / "c"), "--from-markdown", str(source)))
    assert code == 1
    assert f"{source.as_posix()}: {message}" in output
    assert [p.name for p in tmp_path.iterdir()] == ["list.md"]


def test_a_bullet_naming_two_papers_is_reported_not_guessed(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "list.md"
    source.write_text(
        "## Surveys\n\n- [One](https://arxiv.org/abs/2101.00001)\n"
        "- [Two](https://arxiv.org/abs/2102.00002) and [three](https://arxiv.org/abs/2103.00003)\n",
        encoding="utf-8",
    )
    result = cli(None, "init", str(tmp_path / "c"), "--from-markdown", str(source))
    code, output = finished(result)
    assert code == 1, output
    assert f"{source.as_posix()}:4: not imported: its links name two papers" in output
    assert sorted(p.name for p in (tmp_path / "c" / "papers").iterdir()) == [
        ".gitkeep",
        "one2021.yaml",
    ]


def test_a_new_catalog_searches_with_the_repository_s_word_separator() -> None:
    """Material's search splits words with this pattern; a word that keeps one of lunr's query
    characters ("2026*" on the trends page) breaks the prefix search of later queries."""
    with (REPO / "mkdocs.yml").open(encoding="utf-8") as stream:
        repo = yaml_load(stream)
    (search,) = [p["search"] for p in repo["plugins"] if isinstance(p, dict) and "search" in p]
    assert search["separator"] == SEARCH_SEPARATOR
    new = yaml.safe_load(mkdocs_yml("X").replace("!ENV", ""))
    assert new["plugins"][0] == {"search": {"separator": SEARCH_SEPARATOR}}
    split = re.compile(SEARCH_SEPARATOR)
    for text, words in [
        ("2026* so far", ["2026", "so", "far"]),
        ("**FlyTrack** a^2 x~y c+d #tag `code` {braces} |pipe|", None),
        ("Policy: version 2.5.", ["Policy", "version", "2.5"]),
    ]:
        found = [w for w in split.split(text) if w]
        assert all(w.isalnum() or w == "2.5" for w in found), found
        if words is not None:
            assert found == words


HOSTILE_TITLE = (
    "# Awesome <img src=x onerror=alert(1)> &lt;script&gt;alert(2)&lt;/script&gt; "
    '`<svg onload=alert(3)>` "quoted" \u00adlist\n\n'
    "- [Flyways Revisited](https://arxiv.org/abs/2101.01234), Berg et al., 2021\n"
)


def test_a_list_title_reaches_the_site_as_text(cli: Cli, tmp_path: Path) -> None:
    """Material prints site_name into every page as it is: the name init takes from a list's
    title (entities and code spans decoded) holds no markup character, and the pages that
    quote it in Markdown escape it."""
    source = tmp_path / "list.md"
    source.write_text(HOSTILE_TITLE, encoding="utf-8")
    root = tmp_path / "hostile"
    code, output = finished(cli(None, "init", str(root), "--from-markdown", str(source)))
    assert code == 0, output
    name = yaml.load((root / "mkdocs.yml").read_text(), Loader=_EnvLoader)["site_name"]
    assert not set(name) & set("<>&\"'`\u00ad") and name.startswith("Awesome")
    assert cli(root, "validate", "--strict").exit_code == 0
    build = mkdocs_build(root / "mkdocs.yml", tmp_path / "site")
    assert build.returncode == 0, build.output
    for page in ("index.html", "about/index.html"):
        html = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert "<img src=x" not in html and "<script>alert" not in html
        assert "<svg onload" not in html


def test_names_that_are_not_utf8_become_text(cli: Cli, tmp_path: Path) -> None:
    """A folder, --name or list file whose name is not UTF-8 (bytes the system hands over as
    surrogates) makes a catalog; the bad bytes are left out of its name."""
    bad = b"caf\xe9".decode("utf-8", "surrogateescape")
    source = tmp_path / f"{bad}.md"
    source.write_text("- [Flyways Revisited](https://arxiv.org/abs/2101.01234)\n", "utf-8")
    for n, args in enumerate(([], ["--name", f"Notes {bad}"], ["--from-markdown", str(source)])):
        root = tmp_path / f"{bad}{n}"
        code, output = finished(cli(None, "init", str(root), *args))
        assert code == 0, output
        name = yaml.load((root / "mkdocs.yml").read_text(), Loader=_EnvLoader)["site_name"]
        assert name.startswith(("caf", "Notes caf")) and "\ufffd" not in name
        assert cli(root, "validate", "--strict").exit_code == 0


def test_soft_hyphens_of_a_list_do_not_fail_the_new_catalog(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "list.md"
    source.write_text(
        "# Ours\n\n## Topic\n\n- [Fly\u00adways Re\u200bvisited](https://arxiv.org/abs/2101.01234)"
        ", Anna\u00ad Berg, Jonas Lind\n",
        encoding="utf-8",
    )
    root = tmp_path / "new"
    assert cli(None, "init", str(root), "--from-markdown", str(source)).exit_code == 0
    paper = next(iter(load_catalog(root).papers.values()))
    assert paper.title == "Flyways Revisited"
    assert cli(root, "validate", "--strict").exit_code == 0
    build = mkdocs_build(root / "mkdocs.yml", tmp_path / "site")
    assert build.returncode == 0, build.output


def test_a_catalog_for_zensical_builds_with_zensical(cli: Cli, tmp_path: Path) -> None:
    root = tmp_path / "z"
    code, output = finished(cli(None, "init", str(root), "--engine", "zensical"))
    assert code == 0, output
    for name in ("deploy.yml", "validate.yml"):
        text = (root / ".github" / "workflows" / name).read_text(encoding="utf-8")
        assert violations(text) == [], name
        assert "mkdocs build" not in text
        assert "litcat render --engine zensical --out build\n" in text
        assert "cd build && zensical build --strict\n" in text
        assert "path: build/site/\n" in text
    pinned = (root / "requirements.txt").read_text().splitlines()[-1]
    assert pinned.startswith("litcat[zensical]==")
    assert "build/" in (root / ".gitignore").read_text().splitlines()
    assert "zensical serve" in (root / "README.md").read_text(encoding="utf-8")
    build = zensical_build(root, tmp_path / "build")
    assert build.returncode == 0, build.output
    assert "<strong>0</strong> papers" in (build.site / "index.html").read_text(encoding="utf-8")
    assert (build.site / "about" / "index.html").is_file()
    assert (build.site / "assets" / "explorer" / "core.js").is_file()


def test_a_catalog_for_mkdocs_is_the_default(cli: Cli, tmp_path: Path) -> None:
    assert cli(None, "init", str(tmp_path / "m")).exit_code == 0
    deploy = (tmp_path / "m" / ".github" / "workflows" / "deploy.yml").read_text()
    assert "run: mkdocs build --strict\n" in deploy and "zensical" not in deploy
