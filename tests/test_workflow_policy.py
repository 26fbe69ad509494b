"""The GitHub workflows give contributors' code no write access, no secrets and pinned actions.

The rules are checked on the workflow files as data (read with litcat's own YAML reader, so
that ``on:`` stays the word ``on``), and the checker is itself tested on small examples.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from litcat.core.reading.reader import parse

REPO = Path(__file__).parent.parent
WORKFLOWS = sorted(
    p for p in (REPO / ".github" / "workflows").glob("*") if p.suffix in (".yml", ".yaml")
)
# Triggers that run with a pull request's content or on its behalf.
UNTRUSTED = frozenset({"pull_request", "pull_request_target", "workflow_run", "issue_comment"})
# A full commit SHA, or a release tag such as v4 or v4.1.2; never a branch.
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@(?:[0-9a-f]{40}|v\d+(?:\.\d+){0,2})$")
# Event fields a contributor writes (titles, branch names, bodies): never pasted into a shell.
TAINTED = re.compile(
    r"\$\{\{[^}]*(?:github\.event\.(?:pull_request|issue|comment|review|head_commit|commits)"
    r"|github\.head_ref)[^}]*\}\}"
)


def triggers(workflow: dict[str, Any]) -> set[str]:
    on = workflow.get("on")
    if isinstance(on, str):
        return {on}
    if isinstance(on, list):
        return {str(t) for t in on}
    if isinstance(on, dict):
        return set(on)
    return set()


def writes(permissions: Any) -> list[str]:
    """The scopes a ``permissions:`` value grants write access to."""
    if permissions in ("write-all", "write"):
        return ["all"]
    if isinstance(permissions, dict):
        return [scope for scope, level in permissions.items() if level == "write"]
    return []


def steps(workflow: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for job_id, job in (workflow.get("jobs") or {}).items():
        for step in job.get("steps") or []:
            yield job_id, step


def violations(text: str) -> list[str]:
    """Every rule a workflow file breaks, as sentences."""
    doc = parse(text.encode("utf-8"), "workflow.yml")
    if doc.problems or not isinstance(doc.data, dict):
        return [p.format_text() for p in doc.problems] or ["not a mapping"]
    workflow: dict[str, Any] = doc.data
    on = triggers(workflow)
    found: list[str] = []
    if "pull_request_target" in on:
        found.append("runs on pull_request_target (a contributor's code with the base's rights)")
    if "permissions" not in workflow:
        found.append("no top-level permissions: the token gets the repository default")
    granted = writes(workflow.get("permissions"))
    for job_id, job in (workflow.get("jobs") or {}).items():
        granted += [f"{job_id}.{scope}" for scope in writes(job.get("permissions"))]
    if on & UNTRUSTED:
        if granted:
            found.append(f"grants write access ({', '.join(granted)}) to pull-request runs")
        if "secrets." in text:
            found.append("uses secrets in a workflow that pull requests run")
        for job_id, step in steps(workflow):
            uses = str(step.get("uses", ""))
            keep = (step.get("with") or {}).get("persist-credentials")
            if uses.startswith("actions/checkout@") and keep != "false":
                found.append(f"{job_id}: checkout keeps the token in .git (persist-credentials)")
    for job_id, step in steps(workflow):
        action = step.get("uses")
        if isinstance(action, str) and not action.startswith("./") and not PINNED.match(action):
            found.append(f"{job_id}: action {action!r} is not pinned to a version or commit")
        run = step.get("run")
        if isinstance(run, str) and TAINTED.search(run):
            found.append(f"{job_id}: pastes contributor-written event text into a shell")
    return found


GOOD = """\
name: validate
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  validate:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - uses: actions/setup-python@0b93645e9fea7318ecaed2b359559ac225c90a2b
      - run: make test
"""

ALL_WRITE = GOOD.replace("permissions:\n  contents: read", "permissions: write-all")
JOB_WRITE = GOOD.replace(
    "    runs-on:", "    permissions:\n      pull-requests: write\n    runs-on:"
)
BAD = {
    "pull_request_target": GOOD.replace("  pull_request:\n", "  pull_request_target:\n"),
    "no top-level permissions": GOOD.replace("permissions:\n  contents: read\n", ""),
    "grants write access (contents)": GOOD.replace("contents: read", "contents: write"),
    "grants write access (all)": ALL_WRITE,
    "grants write access (validate.pull-requests)": JOB_WRITE,
    "uses secrets": GOOD.replace("make test", "make test TOKEN=${{ secrets.DEPLOY }}"),
    "not pinned": GOOD.replace("checkout@v4", "checkout@main"),
    "keeps the token": GOOD.replace("          persist-credentials: false\n", ""),
    "pastes contributor-written": GOOD.replace(
        "make test", 'echo "${{ github.event.pull_request.title }}"'
    ),
}


def test_the_checker_accepts_a_least_privilege_workflow() -> None:
    assert violations(GOOD) == []


@pytest.mark.parametrize("rule", sorted(BAD))
def test_the_checker_catches(rule: str) -> None:
    found = violations(BAD[rule])
    assert any(rule in v for v in found), found


def test_a_deploy_workflow_may_write_when_pull_requests_cannot_start_it() -> None:
    deploy = GOOD.replace("  pull_request:\n", "").replace(
        "contents: read", "contents: read\n  pages: write\n  id-token: write"
    )
    assert violations(deploy) == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_repository_workflow_follows_the_rules(path: Path) -> None:
    assert violations(path.read_text(encoding="utf-8")) == []


def test_pull_requests_are_validated_read_only() -> None:
    """validate.yml is the workflow that runs contributors' records and code."""
    path = REPO / ".github" / "workflows" / "validate.yml"
    doc = parse(path.read_bytes(), "validate.yml")
    assert doc.problems == []
    workflow = doc.data
    assert triggers(workflow) == {"pull_request"}
    assert workflow["permissions"] == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert writes(job.get("permissions")) == []
    runs = " ".join(str(step.get("run", "")) for _, step in steps(workflow))
    assert "litcat validate --format github" in runs
    assert "mkdocs build --strict" in runs
