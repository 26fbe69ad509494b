"""How well the Markdown-list reader reads real lists: each field of each hand-checked entry
(tests/lists/samples/) against what :func:`read_list` gives for the same line.

For a field, *recall* is the share of the entries that state it whose value was read right, and
*precision* the share of the values read that are right (a value where the list states none is
wrong). A line marked ``paper: false`` that is read as a paper counts against the titles'
precision. Used by tests/test_list_accuracy.py and printed by ``python -m tests.listaccuracy``.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from litcat.intake.lists.entry import Listed
from litcat.intake.lists.read import read_list

TESTS = Path(__file__).parent
SAMPLES = TESTS / "lists" / "samples"
# Lists whose licence allows a copy are in tests/lists; the others are read where the shared
# corpora keep them, beside the repository.
PLACES = (TESTS / "lists", TESTS.parent.parent / "shared" / "corpora" / "lists")
FIELDS = ("title", "authors", "year", "venue", "arxiv", "code")
_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/(\d{4}\.\d{4,5})", re.I)


def find_list(name: str) -> Path | None:
    return next((place / name for place in PLACES if (place / name).is_file()), None)


def _text(value: str) -> str:
    return " ".join(unicodedata.normalize("NFC", value).split())


def _venue(value: str) -> str:
    """A venue as compared: its name without the year, case and punctuation."""
    value = re.sub(r"['\u2019]?\d{2,4}\s*$", "", value.strip())
    return re.sub(r"[^\w]+", " ", value).strip().casefold()


def read_value(item: Listed, name: str) -> Any:
    """What the reader gave for a field, in the form the samples write it."""
    if name == "title":
        return _text(item.title) or None
    if name == "authors":
        return [_text(a) for a in item.authors] or None
    if name == "year":
        return item.year or item.venue_year
    if name == "venue":
        return _venue(item.venue) if item.venue else None
    if name == "arxiv":
        found = item.idents("arxiv")
        return found[0] if found else None
    codes = sorted({link.url.rstrip("/") for link in item.links if link.role == "code"})
    return codes or None


def expected_value(entry: dict[str, Any], name: str) -> Any:
    value = entry.get(name)
    if value is None:
        return None
    if name == "title":
        return _text(value)
    if name == "authors":
        return [_text(a) for a in value]
    if name == "venue":
        return _venue(value)
    if name == "code":
        return sorted(url.rstrip("/") for url in value)
    return value


@dataclass
class Score:
    right: int = 0
    stated: int = 0
    read: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.right / self.stated if self.stated else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.read if self.read else 1.0


@dataclass
class ListScore:
    name: str
    entries: int
    fields: dict[str, Score]
    arxiv_listed: int
    arxiv_read: int

    @property
    def arxiv_share(self) -> float:
        return self.arxiv_read / self.arxiv_listed if self.arxiv_listed else 1.0


def score_list(sample: Path) -> ListScore | None:
    spec = yaml.safe_load(sample.read_text(encoding="utf-8"))
    path = find_list(spec["list"])
    if path is None:
        return None
    text = path.read_text(encoding="utf-8")
    reading = read_list(text, path.name)
    by_line = {item.line: item for paper in reading.papers for item in paper.listed}
    fields = {name: Score() for name in FIELDS}
    for entry in spec["entries"]:
        item = by_line.get(entry["line"])
        if entry.get("paper", True) is False:
            if item is not None:
                fields["title"].read += 1
                fields["title"].wrong.append(
                    f"{entry['line']}: not a paper, read as {item.title!r}"
                )
            continue
        for name, score in fields.items():
            want = expected_value(entry, name)
            got = read_value(item, name) if item is not None else None
            score.stated += want is not None
            score.read += got is not None
            if want is not None and got == want:
                score.right += 1
            elif want is not None or got is not None:
                score.wrong.append(f"{entry['line']}: {got!r} != {want!r}")
    listed = set(_ARXIV.findall(text))
    read = {
        ident for paper in reading.papers for item in paper.listed for ident in item.idents("arxiv")
    }
    return ListScore(
        spec["list"],
        sum(1 for e in spec["entries"] if e.get("paper", True)),
        fields,
        len(listed),
        len(listed & read),
    )


def scores() -> list[ListScore]:
    found = (score_list(sample) for sample in sorted(SAMPLES.glob("*.yaml")))
    return [score for score in found if score is not None]


def table(results: list[ListScore]) -> str:
    head = "| list | entries | " + " | ".join(FIELDS) + " | arXiv papers read |"
    rows = [head, "|" + "---|" * (len(FIELDS) + 3)]
    for result in results:
        cells = [f"{s.recall:.0%} / {s.precision:.0%}" for s in (result.fields[n] for n in FIELDS)]
        arxiv = f"{result.arxiv_read}/{result.arxiv_listed} ({result.arxiv_share:.0%})"
        rows.append(f"| {result.name} | {result.entries} | " + " | ".join(cells) + f" | {arxiv} |")
    return "\n".join(rows)


if __name__ == "__main__":
    results = scores()
    print("recall / precision per field\n")
    print(table(results))
    if "-v" in sys.argv:
        for result in results:
            for name, score in result.fields.items():
                for line in score.wrong:
                    print(f"{result.name} {name} {line}")
