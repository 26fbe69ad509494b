"""Nothing lost: any valid record written by the YAML writer reads back equal, byte-stable."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import string
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litcat.core import ids
from litcat.core.catalog import Catalog
from litcat.core.loader import load_catalog, load_record, load_taxonomy
from litcat.core.models import Paper, to_data
from litcat.core.reading.reader import parse
from litcat.core.rules.text import remove_invisible
from litcat.core.taxonomy import Taxonomy
from litcat.store.fmt import format_catalog
from litcat.store.writer import body_comment_lines, record_text
from tests.conftest import CATALOG

_loaded, _ = load_taxonomy(CATALOG)
assert _loaded is not None
TAXONOMY: Taxonomy = _loaded
WRITER = Catalog(CATALOG, TAXONOMY)

# Strings that YAML would read as something else, or that start or hold syntax.
YAML_SPECIAL = [
    "yes", "no", "No", "on", "off", "y", "n", "true", "False", "null", "Null", "~", "-", "--",
    "2023", "0x10", "0o17", "017", "1e3", "1_000", "+1", "-1", ".5", ".inf", "-.Inf", ".nan",
    "2310.10010", "2023-01-01", "2023-01-01 10:00:00", "12:30", "1:20:30", "<<", "=",
    "'", '"', "''", "\\", "\\n", ":", "a:", ": b", "a: b", "a #b", "#", "# not a comment", "- item",
    "? key", "&anchor", "*alias", "!tag", "!!str x", "| block", "> folded", "%TAG", "@at",
    "`tick`", "[x]", "{x: 1}", ", comma", "---", "...", "--- x", "x ---", "é", "日本語", "🦆",
    "Ångström", "ﬁ ligature", "a\u00a0b", "x\u200by", "x\ufeffy", "<script>alert(1)</script>",
]  # fmt: skip

# Whatever the models accept on one line: no controls, breaks, surrogates or bidi overrides.
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
line_chars = st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters=BIDI)
free_line = (
    st.text(line_chars, min_size=1, max_size=60)
    .map(lambda s: s.strip())
    .filter(lambda s: 0 < len(s) <= 200)
)
line = st.one_of(st.sampled_from(YAML_SPECIAL), free_line)
text_chars = st.characters(
    blacklist_categories=("Cs", "Zl", "Zp"),
    blacklist_characters=BIDI,
    whitelist_characters="\n\t",
).filter(lambda c: c in "\n\t" or not (ord(c) < 32 or 0x7F <= ord(c) <= 0x9F))
notes = st.one_of(line, st.text(text_chars, min_size=1, max_size=120))

# The language of ids.ARXIV_NEW, built directly (from_regex drew it several times slower):
# four-digit numbers from April 2007 to December 2014, five-digit numbers from 2015.
_FOUR_DIGIT_MONTHS = [
    f"{y:02d}{m:02d}" for y in range(7, 15) for m in range(1, 13) if y > 7 or m > 3
]
new_arxiv = st.one_of(
    st.builds("{}.{:04d}".format, st.sampled_from(_FOUR_DIGIT_MONTHS), st.integers(0, 9999)),
    st.builds(
        "{:02d}{:02d}.{:05d}".format, st.integers(15, 99), st.integers(1, 12), st.integers(0, 99999)
    ),
)


def test_the_new_style_arxiv_ids_drawn_are_the_id_rule_s_language() -> None:
    months = [f"{y:02d}{m:02d}" for y in range(100) for m in range(1, 13)]
    assert [m for m in months if ids.ARXIV_NEW.match(f"{m}.0000")] == _FOUR_DIGIT_MONTHS
    five = [m for m in months if ids.ARXIV_NEW.match(f"{m}.00000")]
    assert five == [f"{y:02d}{m:02d}" for y in range(15, 100) for m in range(1, 13)]
    assert not ids.ARXIV_NEW.match("1501.0000") and not ids.ARXIV_NEW.match("1412.00000")


old_arxiv = st.builds(
    lambda a, y, m, n: f"{a}/{y % 100:02d}{m:02d}{n:03d}",
    st.sampled_from(["hep-th", "math", "cs", "q-bio"]),
    st.integers(1991, 2007),
    st.integers(1, 12),
    st.integers(0, 999),
)
doi = st.builds(
    lambda reg, suffix: f"10.{reg}/{suffix}",
    st.integers(1000, 999_999_999),
    st.text(string.ascii_lowercase + string.digits + "./-_;()", min_size=1, max_size=30),
)
url_path = st.text(string.ascii_letters + string.digits + "-._~/?#[]@!$&'()*+,;=%:", max_size=40)
url = st.builds(
    lambda scheme, host, path: f"{scheme}://{host}/{path}",
    st.sampled_from(["http", "https"]),
    st.sampled_from(["example.org", "sub.example.com", "93.184.216.34:8000", "bücher.example"]),
    url_path,
)


def pick(dim: str, multiple: bool) -> st.SearchStrategy[list[str]]:
    nodes = list(TAXONOMY.nodes(dim))
    size = len(nodes) if multiple else 1
    return st.lists(st.sampled_from(nodes), min_size=1, max_size=size, unique=True)


tags = st.fixed_dictionaries(
    {},
    optional={d.id: pick(d.id, d.multiple) for d in TAXONOMY.dimensions},
)
attributes = st.fixed_dictionaries(
    {},
    optional={
        "instrument": line,
        "species": st.lists(line, min_size=1, max_size=4),
        "data_available": st.booleans(),
        "setting": st.sampled_from(["field", "lab", "both"]),
        "sample_size": st.integers(-(10**12), 10**12),
    },
)
links = st.fixed_dictionaries(
    {}, optional=dict.fromkeys(("paper", "code", "project", "video"), url)
)


# Made once: a strategy made inside the composite is made again for every record drawn.
_authors = st.lists(line, min_size=1, max_size=5)
_years = st.integers(1800, dt.date.today().year + 1)
_added = st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31))
_OPTIONAL: dict[str, st.SearchStrategy[Any]] = {
    "authors_incomplete": st.booleans(),
    "venue": line,
    "arxiv": st.one_of(new_arxiv, old_arxiv),
    "doi": doi,
    "links": links,
    "tags": tags,
    "attributes": attributes,
    "summary": line,
    "notes": notes,
    "sources": st.lists(url, max_size=3),
}


@st.composite
def papers(draw: st.DrawFn) -> Paper:
    data: dict[str, Any] = {
        "id": "roundtrip",
        "title": draw(line),
        "authors": draw(_authors),
        "year": draw(_years),
        "added": draw(_added),
    }
    for key, strategy in _OPTIONAL.items():
        if draw(st.booleans()):
            data[key] = draw(strategy)
    if "venue" in data:
        data["venue_confirmed"] = draw(st.booleans())
    return Paper.model_validate(data)


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(papers())
def test_any_valid_record_reads_back_equal_and_byte_stable(paper: Paper) -> None:
    text = record_text(paper, WRITER.taxonomy)
    doc = parse(text.encode("utf-8"), "papers/roundtrip.yaml")
    again = load_record(doc, "roundtrip", TAXONOMY)
    assert [p for p in doc.problems if p.is_error] == [], text
    assert again == paper, text
    assert record_text(again, WRITER.taxonomy) == text


@settings(max_examples=200, deadline=None)
@given(line)
def test_one_line_strings_survive_every_field(value: str) -> None:
    paper = Paper.model_validate(
        {
            "id": "roundtrip",
            "title": value,
            "authors": [value, value + "x"],
            "year": 2020,
            "venue": value,
            "summary": value,
            "notes": value,
            "attributes": {"instrument": value, "species": [value]},
            "added": "2024-01-01",
        }
    )
    text = record_text(paper, WRITER.taxonomy)
    doc = parse(text.encode("utf-8"), "papers/roundtrip.yaml")
    assert load_record(doc, "roundtrip", TAXONOMY) == paper, text


def test_arxiv_ids_that_look_like_numbers_stay_text() -> None:
    for arxiv in ("2310.10010", "2101.10000", "0704.0001", "1210.5678"):
        paper = Paper.model_validate(
            {"id": "x", "title": "T", "authors": ["A"], "year": 2020, "arxiv": arxiv,
             "added": "2024-01-01"}
        )  # fmt: skip
        text = record_text(paper, WRITER.taxonomy)
        assert f"arxiv: '{arxiv}'\n" in text
        assert load_record(parse(text.encode(), "papers/x.yaml"), "x", TAXONOMY) == paper


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(papers(), st.randoms(use_true_random=False), st.booleans())
def test_fmt_of_any_valid_layout_keeps_the_record(
    paper: Paper, rng: random.Random, flow: bool
) -> None:
    """Whatever key order and style a contributor used, fmt rewrites to the same record."""
    data = to_data(paper, TAXONOMY.dimension_ids(), TAXONOMY.attribute_ids())
    keys = list(data)
    rng.shuffle(keys)
    text = yaml.safe_dump(
        {k: data[k] for k in keys}, default_flow_style=flow, sort_keys=False, allow_unicode=True
    )
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "papers").mkdir()
        shutil.copyfile(CATALOG / "taxonomy.yaml", root / "taxonomy.yaml")
        path = root / "papers" / "roundtrip.yaml"
        path.write_text(text, encoding="utf-8")
        before = load_catalog(root)
        assert before.papers == {"roundtrip": paper}, text
        result = format_catalog(before, write=True)
        assert result.skipped == []
        after = load_catalog(root)
        canonical = record_text(paper, WRITER.taxonomy)
        cleaned = remove_invisible(canonical)
        if cleaned != canonical and loads(cleaned):
            # fmt drops the invisible characters no text needs, and nothing else.
            assert path.read_text(encoding="utf-8") == cleaned
            return
        # Kept when the record needs them (an author of one soft hyphen would be empty).
        assert after.papers == {"roundtrip": paper}
        assert path.read_text(encoding="utf-8") == canonical


def loads(text: str) -> bool:
    """Whether a record of this text, alone in a catalog, is valid."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "papers").mkdir()
        shutil.copyfile(CATALOG / "taxonomy.yaml", root / "taxonomy.yaml")
        (root / "papers" / "roundtrip.yaml").write_text(text, encoding="utf-8")
        return load_catalog(root).ok


def comment_lines(text: str) -> list[int]:
    """Lines of canonical YAML where a comment may end the line (not block scalar content)."""
    eligible: list[int] = []
    block_indent: int | None = None
    for number, line in enumerate(text.splitlines(), 1):
        indent = len(line) - len(line.lstrip(" "))
        if block_indent is not None and (indent > block_indent or not line.strip()):
            continue
        block_indent = None
        eligible.append(number)
        if line.rstrip().endswith(("|", "|-", "|+", ">", ">-", ">+")):
            block_indent = indent
    return eligible


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(papers(), st.data())
def test_a_comment_on_any_line_is_noticed(paper: Paper, data: st.DataObject) -> None:
    """fmt refuses to rewrite a record whose comments it would lose: it must see them all."""
    text = record_text(paper, WRITER.taxonomy)
    lines = text.splitlines(keepends=True)
    number = data.draw(st.sampled_from(comment_lines(text)))
    lines[number - 1] = lines[number - 1].rstrip("\n") + " # a curator's note\n"
    commented = "".join(lines)
    assert body_comment_lines(commented) == [number], commented
    doc = parse(commented.encode("utf-8"), "papers/roundtrip.yaml")
    assert load_record(doc, "roundtrip", TAXONOMY) == paper
