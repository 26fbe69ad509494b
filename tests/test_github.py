"""The GitHub files: valid against their published schemas (offline), and safe by construction."""

from __future__ import annotations

import re
import shlex
import socket
from pathlib import Path
from typing import Any

import click
import pytest
import yaml
from click.testing import CliRunner

from litcat.cli import main

from .conftest import Cli

REPO = Path(__file__).parent.parent
GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
STARTER = REPO / "src" / "litcat" / "starter"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40}$")


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a test tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.fixture(scope="module")
def check_jsonschema() -> click.Command:
    """check-jsonschema's command, imported by the tests that run it rather than at collection
    (with jsonschema and requests, a tenth of collecting the whole suite, in every worker)."""
    from check_jsonschema.cli.main_command import main

    command: click.Command = main
    return command


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    # YAML 1.1 reads the key `on` as true.
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def commands(workflow: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in steps(workflow))


def test_the_workflows_are_there() -> None:
    assert [p.name for p in WORKFLOWS] == [
        "current.yml",
        "deploy.yml",
        "links.yml",
        "test.yml",
        "validate.yml",
    ]


@pytest.mark.parametrize(
    ("schema", "paths"),
    [
        ("vendor.github-workflows", WORKFLOWS),
        ("vendor.github-issue-forms", sorted((GITHUB / "ISSUE_TEMPLATE").glob("*.yml"))),
        ("vendor.citation-file-format", [REPO / "CITATION.cff"]),
        # The workflows `litcat init` writes into a new catalog.
        ("vendor.github-workflows", sorted(STARTER.glob("workflows/*.yml"))),
    ],
    ids=["workflows", "issue-forms", "citation", "starter-workflows"],
)
def test_files_match_their_published_schema(
    no_network: None, check_jsonschema: click.Command, schema: str, paths: list[Path]
) -> None:
    args = ["--builtin-schema", schema, *map(str, paths)]
    result = CliRunner().invoke(check_jsonschema, args)
    assert result.exit_code == 0, result.output


def test_schema_check_catches_a_broken_workflow(
    no_network: None, check_jsonschema: click.Command, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    stepz: []\n")
    result = CliRunner().invoke(
        check_jsonschema, ["--builtin-schema", "vendor.github-workflows", str(broken)]
    )
    assert result.exit_code == 1, result.output


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_to_commits(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for step in steps(load(path)):
        if "uses" in step:
            assert PINNED.match(step["uses"]), step["uses"]
            line = next(ln for ln in text.splitlines() if step["uses"] in ln)
            assert re.search(r"# v\d+\.\d+\.\d+$", line), line


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_workflow_runs_untrusted_code_with_write_access(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    workflow = load(path)
    assert "pull_request_target" not in workflow["on"]
    assert "secrets." not in text
    assert workflow["permissions"]["contents"] == "read"
    for step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


def test_validate_checks_pull_requests_read_only() -> None:
    workflow = load(GITHUB / "workflows/validate.yml")
    assert workflow["on"] == {"pull_request": None}
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    run = commands(workflow)
    for command in (
        "litcat validate --format github",
        "litcat fmt --check",
        "mkdocs build --strict",
    ):
        assert command in run
    upload = next(s for s in steps(workflow) if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site/"
    # The catalog is built by Zensical as well, with the extra that pins it.
    assert "pip install '.[zensical]'" in run
    assert "litcat render --engine zensical --out build/zensical" in run
    assert "cd build/zensical && zensical build --strict" in run


def test_the_suite_runs_on_pull_requests_that_touch_code() -> None:
    workflow = load(GITHUB / "workflows/test.yml")
    assert list(workflow["on"]) == ["pull_request"]
    paths = workflow["on"]["pull_request"]["paths"]
    assert {"src/**", "templates/**", "tests/**", "pyproject.toml"} <= set(paths)
    # Records alone are checked by validate.yml, not by the whole suite.
    assert not any(p.startswith(("papers", "taxonomy")) for p in paths)
    assert workflow["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in workflow["jobs"].values())
    assert ".ci/run" in commands(workflow)
    assert (REPO / ".ci" / "run").read_text(encoding="utf-8").rstrip().endswith("make test")


def test_the_catalog_says_how_to_cite_it_and_the_review() -> None:
    citation = yaml.safe_load((REPO / "CITATION.cff").read_text(encoding="utf-8"))
    (review,) = citation["references"]
    assert review["title"] == (
        "The Duality of Generative AI and Reinforcement Learning in Robotics: A Review"
    )
    assert [a["family-names"] for a in review["authors"]] == [
        "Moroncelli",
        "Soni",
        "Forgione",
        "Piga",
        "Spahiu",
        "Roveda",
    ]
    assert review["year"] == 2024 and review["url"] == "https://arxiv.org/abs/2410.16411"
    assert citation["license"] == "MIT"
    assert (REPO / "LICENSE").read_text().startswith("MIT License")


def test_deploy_publishes_main_to_pages() -> None:
    workflow = load(GITHUB / "workflows/deploy.yml")
    assert workflow["on"]["push"] == {"branches": ["main"]}
    assert workflow["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    uses = [s.get("uses", "") for s in steps(workflow)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    build = next(s for s in steps(workflow) if "mkdocs build" in s.get("run", ""))
    assert build["env"]["LITCAT_REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert build["env"]["LITCAT_SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}


def test_links_runs_weekly_and_alone_may_write_issues() -> None:
    workflow = load(GITHUB / "workflows/links.yml")
    assert set(workflow["on"]) == {"schedule", "workflow_dispatch"}
    assert len(workflow["on"]["schedule"]) == 1
    assert workflow["permissions"] == {"contents": "read"}
    check, report = workflow["jobs"]["check-links"], workflow["jobs"]["report"]
    # The job that runs litcat cannot write; the one that writes the issue runs no litcat.
    assert "permissions" not in check
    assert report["permissions"] == {"issues": "write"}
    assert "litcat" not in str(report["steps"]) and not any(
        "checkout" in str(s) for s in report["steps"]
    )
    run = commands(workflow)
    assert "litcat check-links --report report.md" in run
    assert "gh issue edit" in run and "gh issue create" in run
    for other in WORKFLOWS:
        if other.name != "links.yml":
            assert "issues" not in str(load(other).get("permissions"))


def test_litcat_commands_in_the_github_files_exist() -> None:
    texts = [p.read_text() for p in WORKFLOWS]
    texts.append((REPO / ".pre-commit-hooks.yaml").read_text())
    used = {m for text in texts for m in re.findall(r"\blitcat ([a-z-]+)", text)}
    assert used >= {"validate", "fmt", "check-links"}
    assert used <= set(main.list_commands(click.Context(main)))


def test_pre_commit_hooks(cli: Cli, catalog_dir: Path) -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["litcat-validate", "litcat-fmt"]
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["pass_filenames"] is False
        program, *args = shlex.split(hook["entry"])
        assert program == "litcat"
        result = cli(catalog_dir, *args)
        assert result.exit_code == 0, result.output


def test_the_record_is_wrong_form_asks_which_what_and_where() -> None:
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE/record-wrong.yml").read_text())
    fields = {item.get("id"): item for item in form["body"] if "id" in item}
    for required in ("record", "field", "correction", "source"):
        assert fields[required]["validations"]["required"] is True
    contributing = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "(docs/contributing.md)" in contributing and "A record is wrong" in contributing


def test_issue_form_asks_what_a_record_needs() -> None:
    form = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE/suggest-paper.yml").read_text())
    fields = {item.get("id"): item for item in form["body"] if "id" in item}
    assert set(fields) >= {"identifier", "title", "tags", "why"}
    assert fields["identifier"]["validations"]["required"] is True


def test_pull_request_template_has_the_checklist() -> None:
    text = (GITHUB / "pull_request_template.md").read_text()
    boxes = re.findall(r"^- \[ \] ", text, re.MULTILINE)
    assert len(boxes) >= 5
    assert "litcat validate" in text and "litcat fmt --check" in text
