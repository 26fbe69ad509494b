"""A catalog whose every text field and link holds a script-injection payload, and its site.

Each payload is placed with a token at its end (``... qz007``) so that a test can find where a
value shows up and check that it shows up whole, as text. The catalog mirrors the test
catalog's taxonomy (so every node is used and the build stays free of warnings) with every
label and description replaced.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from litcat.core.reading.reader import read
from litcat.store.writer import dump
from tests.sitebuild import mkdocs_build

TESTS = Path(__file__).parent.parent
REPO = TESTS.parent
PAYLOADS = Path(__file__).parent / "payloads.yaml"
RECORDS = 6
SITE_FILES = ("mkdocs.yml", "docs", "templates")


def payloads() -> dict[str, Any]:
    doc = read(PAYLOADS, "tests/injection/payloads.yaml")
    assert not doc.problems, doc.problems
    data: dict[str, Any] = doc.data
    return data


@dataclass
class Plan:
    """The catalog to write, and every value placed in it by token."""

    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    taxonomy: dict[str, Any] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    where: dict[str, str] = field(default_factory=dict)
    counter: Iterator[int] = field(default_factory=itertools.count)

    def put(self, payload: str, where: str) -> str:
        token = f"qz{next(self.counter):03d}"
        value = f"{payload} {token}"
        self.values[token] = value
        self.where[token] = where
        return value


class _Source:
    def __init__(self, one: int = 0, multi: int = 0) -> None:
        data = payloads()
        self.one = itertools.islice(itertools.cycle(data["one_line"]), one, None)
        self.multi = itertools.islice(itertools.cycle(data["multi_line"]), multi, None)
        self.links: list[str] = data["links"]


def _record(i: int, plan: Plan, src: _Source) -> dict[str, Any]:
    at = f"papers/inject-{i}.yaml"
    links = src.links
    return {
        "title": plan.put(next(src.one), f"{at} title"),
        "authors": [plan.put(next(src.one), f"{at} authors") for _ in range(2)],
        "year": 2020 + i,
        "venue": plan.put(next(src.one), f"{at} venue"),
        "arxiv": f"2401.{10000 + i}",
        "links": {
            kind: links[(i + k) % len(links)]
            for k, kind in enumerate(("paper", "code", "project", "video"))
        },
        "tags": {
            "method": [("tracking", "gps-tags", "radar", "citizen-science")[i % 4]],
            "taxon": [("songbirds", "waterbirds", "geese")[i % 3]],
            "scale": [("continental", "global")[i % 2]],
        },
        "attributes": {
            "instrument": plan.put(next(src.one), f"{at} attributes.instrument"),
            "species": [plan.put(next(src.one), f"{at} attributes.species") for _ in range(2)],
            "data_available": i % 2 == 0,
            "setting": ("field", "lab", "both")[i % 3],
            "sample_size": i,
        },
        "summary": plan.put(next(src.one), f"{at} summary"),
        "notes": plan.put(next(src.multi), f"{at} notes"),
        "sources": [links[(i + 4) % len(links)]],
        "added": f"2024-0{1 + i}-1{i}",
    }


def _relabel(node: Any, path: tuple[str | int, ...], plan: Plan, src: _Source) -> Any:
    if isinstance(node, list):
        return [_relabel(v, (*path, i), plan, src) for i, v in enumerate(node)]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        where = "taxonomy.yaml " + ".".join(map(str, (*path, key)))
        if key == "label":
            out[key] = plan.put(next(src.one), where)
        elif key == "description":
            # Dimensions take the multi-line payloads; everything else one line.
            multi = len(path) == 2 and path[0] == "dimensions"
            out[key] = plan.put(next(src.multi if multi else src.one), where)
        else:
            out[key] = _relabel(value, (*path, key), plan, src)
    return out


def plan() -> Plan:
    """The same catalog every time: records first, then the taxonomy, tokens in order."""
    result = Plan()
    src = _Source()
    for i in range(RECORDS):
        result.records[f"inject-{i}"] = _record(i, result, src)
    base = read(TESTS / "catalog" / "taxonomy.yaml", "taxonomy.yaml").data
    for attribute in base["attributes"]:
        for choice in attribute.get("choices", []):
            choice["description"] = "replaced"
    # The taxonomy starts where the records left off, so that every payload is placed.
    result.taxonomy = _relabel(base, (), result, _Source(one=RECORDS * 8, multi=RECORDS))
    return result


def write_catalog(root: Path, chosen: Plan) -> None:
    (root / "papers").mkdir(parents=True)
    for pid, record in chosen.records.items():
        (root / "papers" / f"{pid}.yaml").write_text(dump(record), encoding="utf-8")
    (root / "taxonomy.yaml").write_text(dump(chosen.taxonomy), encoding="utf-8")


def build_site(root: Path) -> tuple[Plan, Path]:
    """The payload catalog next to a copy of the project's site files, built with --strict.

    Built once per ``root``: later calls reuse the build.
    """
    chosen = plan()
    site = root / "site"
    if (site / "index.html").exists():
        return chosen, site
    root.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copyfile(source, root / name)
    write_catalog(root, chosen)
    build = mkdocs_build(root / "mkdocs.yml", site)
    assert build.returncode == 0, build.output
    return chosen, site
