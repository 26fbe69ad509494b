"""Whatever bytes a file holds, reading and checking it reports problems and never raises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litcat.core.loader import load_record, load_taxonomy
from litcat.core.reading.reader import parse
from tests.conftest import CATALOG

TAXONOMY, _ = load_taxonomy(CATALOG)

FRAGMENTS = [
    "title: ", "authors:\n", "  - ", "year: ", "added: 2024-01-01\n", "tags:\n", "  method:\n",
    "    - radar\n", "links:\n", "  code: ", "attributes:\n", "  sample_size: ", "&a ", "*a",
    "!!python/object ", "!x ", "<<: ", "? ", "- ", "[", "]", "{", "}", ",", ": ", "'", '"',
    "|\n", ">\n", "#", "\n", "  ", "\t", "---\n", "...\n", "%YAML 1.1\n", "\\u2028", "\x00",
    "\ufeff", "é", "javascript:alert(1)", "https://example.org/", "2310.10010", "~", "null",
]  # fmt: skip
yamlish = st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=5), max_size=40).map("".join)


def check(raw: bytes) -> None:
    doc = parse(raw, "papers/fuzz.yaml")
    load_record(doc, "fuzz", TAXONOMY)
    for problem in doc.problems:
        assert problem.file == "papers/fuzz.yaml"
        assert problem.line >= 1 and problem.column >= 1
        assert "\n" not in problem.format_text()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(yamlish)
def test_yaml_like_text_never_raises(text: str) -> None:
    check(text.encode("utf-8", "surrogatepass"))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    check(raw)
