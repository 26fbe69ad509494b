"""The weekly workflow ``litcat init`` writes: enrich and discover for a new catalog, with the
policy of this repository's own current.yml (least permissions, actions pinned by commit, only
the repository's token, no code of the repository run by a job that can write)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from litcat.core.reading.reader import parse

from .conftest import REPO, Cli
from .test_workflow_policy import steps, triggers, violations, writes

SHA_PINNED = re.compile(r"^[\w-]+/[\w-]+@[0-9a-f]{40}$")


def load(text: str) -> dict[str, Any]:
    doc = parse(text.encode("utf-8"), "current.yml")
    assert doc.problems == []
    assert isinstance(doc.data, dict)
    return doc.data


def runs(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) for step in job.get("steps") or [])


def programs(script: str) -> set[str]:
    """The programs a shell script of the workflow runs (commands, and those in ``$(...)``)."""
    found: set[str] = set()
    for line in script.splitlines():
        words = line.split()
        if not words or words[0] in {"if", "then", "else", "fi"}:
            words = words[1:] if words and words[0] == "if" else []
        if words and re.fullmatch(r"\w+=\S*", words[0]) and "$(" not in words[0]:
            continue
        if words and "=$(" in words[0]:
            words = [words[0].split("=$(", 1)[1], *words[1:]]
        if words:
            found.add(words[0])
    return found


def test_programs_reads_commands_and_substitutions() -> None:
    script = 'branch=litcat/enrich\nn=$(gh pr list)\nif [ -z "$n" ]; then\n  make x\nfi\n'
    assert programs(script) == {"gh", "[", "make"}


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_new_catalog_is_kept_current_weekly(cli: Cli, tmp_path: Path, engine: str) -> None:
    root = tmp_path / engine
    assert cli(None, "init", str(root), "--engine", engine).exit_code == 0
    text = (root / ".github" / "workflows" / "current.yml").read_text(encoding="utf-8")
    assert violations(text) == []
    workflow = load(text)
    assert triggers(workflow) == {"schedule", "workflow_dispatch"}
    assert workflow["permissions"] == {"contents": "read"}
    assert "secrets." not in text
    jobs = workflow["jobs"]
    # The job that runs litcat can write nothing; it installs the version requirements.txt pins.
    assert writes(jobs["find"].get("permissions")) == []
    find = runs(jobs["find"])
    assert "python -m pip install -r requirements.txt 'litcat[discover]'" in find
    assert "litcat enrich > enrich.txt" in find
    assert "litcat discover --limit 30 > candidates.md" in find
    # Discover asks the arXiv only for what the catalog declares: without discover.yaml, no issue.
    assert "if [ -f discover.yaml ]" in find
    assert jobs["issue"]["if"] == "needs.find.outputs.discovered == '1'"
    for job_id, job in jobs.items():
        if writes(job.get("permissions")):
            assert programs(runs(job)) <= {"git", "gh", "["}, job_id
    for _, step in steps(workflow):
        if "uses" in step:
            assert SHA_PINNED.match(step["uses"]), step["uses"]
            line = next(ln for ln in text.splitlines() if step["uses"] in ln)
            assert re.search(r"# v\d+\.\d+\.\d+$", line), line
    for step in jobs["find"]["steps"]:
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert str(step["with"]["persist-credentials"]) == "false"


def test_the_starter_writes_as_this_repository_does(cli: Cli, tmp_path: Path) -> None:
    """The jobs that write are this repository's own, step for step, with the same rights."""
    assert cli(None, "init", str(tmp_path / "c")).exit_code == 0
    path = tmp_path / "c" / ".github" / "workflows" / "current.yml"
    starter = load(path.read_text(encoding="utf-8"))
    ours = load((REPO / ".github" / "workflows" / "current.yml").read_text(encoding="utf-8"))
    assert starter["on"] == ours["on"]
    assert starter["permissions"] == ours["permissions"]
    assert starter["jobs"]["pull-request"] == ours["jobs"]["pull-request"]
    issue = dict(starter["jobs"]["issue"])
    assert issue.pop("if") == "needs.find.outputs.discovered == '1'"
    assert issue == ours["jobs"]["issue"]
