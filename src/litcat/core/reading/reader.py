"""The one YAML reader of litcat (its writer is :mod:`litcat.store.writer`).

Reading parses a file once with libyaml into its node tree, builds plain data from the nodes
(every scalar stays text; pydantic gives it its type) and keeps the tree, so that any problem
found later can be located by its field path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..problems import Problem
from . import files, guard, syntax

MAX_BYTES = 64 * 1024
MAX_DEPTH = 16
MAX_NODES = 20_000
MAX_KEY = 100
_STANDARD_TAG = "tag:yaml.org,2002:"
_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"
# The tags plain YAML resolves to by itself; an explicit !!binary, !!set or !!python/... is
# not data a record may hold.
_ALLOWED_TAGS = frozenset(
    _STANDARD_TAG + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)

Path_ = tuple[str | int, ...]

_STR_TAG = _STANDARD_TAG + "str"
_SEQ_TAG = _STANDARD_TAG + "seq"
_MAP_TAG = _STANDARD_TAG + "map"

_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})


class _Loader(yaml.CSafeLoader):
    """libyaml's parser with only the implicit tags records need: null, merge keys, text.

    Every other scalar stays text for pydantic to type, so the regular expressions that
    PyYAML's resolver runs on each plain scalar (ints, floats, dates...) would be wasted work.
    Explicit tags (``!!python/...``) are kept as written and refused by the builder.
    """

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> str:
        if kind is yaml.ScalarNode:
            if implicit[0] and value in _NULL_WORDS:
                return _NULL_TAG
            if implicit[0] and value == "<<":
                return _MERGE_TAG
            return _STR_TAG
        return _SEQ_TAG if kind is yaml.SequenceNode else _MAP_TAG


@dataclass(slots=True)
class Document:
    """A parsed YAML file: its data, its node tree and the problems met while reading it."""

    file: str
    data: Any = None
    root: yaml.Node | None = None
    text: str = ""
    problems: list[Problem] = field(default_factory=list)

    def error(self, path: Path_, message: str, hint: str = "", *, key: bool = False) -> None:
        self.report("error", path, message, hint, key=key)

    def warning(self, path: Path_, message: str, hint: str = "", *, key: bool = False) -> None:
        self.report("warning", path, message, hint, key=key)

    def report(
        self, severity: Any, path: Path_, message: str, hint: str = "", *, key: bool = False
    ) -> None:
        line, column = locate(self.root, path, key=key)
        self.problems.append(
            Problem(severity, self.file, line, column, dotted(path), message, hint)
        )


def dotted(path: Path_) -> str:
    return ".".join(str(part) for part in path)


def locate(root: yaml.Node | None, path: Path_, *, key: bool = False) -> tuple[int, int]:
    """Line and column (1-based) of the node at ``path``; its key node with ``key=True``.

    Walks as deep as the path exists, so a missing field is reported at its parent.
    """
    if root is None:
        return 1, 1
    node: yaml.Node = root
    key_node: yaml.Node | None = None
    for part in path:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value == str(part):
                    key_node, child = k, v
        elif (
            isinstance(node, yaml.SequenceNode)
            and isinstance(part, int)
            and 0 <= part < len(node.value)
        ):
            key_node, child = None, node.value[part]
        if child is None:
            break
        node = child
    else:
        if key and key_node is not None:
            node = key_node
    mark = node.start_mark
    return mark.line + 1, mark.column + 1


def _error(file: str, line: int, column: int, message: str, hint: str = "") -> Problem:
    return Problem("error", file, line, column, "", message, hint)


def decode(raw: bytes, file: str) -> tuple[str | None, Problem | None]:
    """Decode UTF-8 text, reporting the first byte that is not UTF-8 with its position."""
    wide = guard.wide_encoding(raw)
    if wide is not None:
        return None, _error(file, 1, 1, f"file is {wide}, not UTF-8", "save the file as UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = syntax.position(raw, exc.start)
        message = f"byte 0x{raw[exc.start]:02x} is not UTF-8"
        return None, _error(file, line, column, message, "save the file as UTF-8")
    return text.removeprefix("\ufeff"), None


def parse(raw: bytes, file: str, *, max_bytes: int = MAX_BYTES) -> Document:
    """Parse one YAML file into a :class:`Document`; never raises on bad input."""
    doc = Document(file)
    if len(raw) > max_bytes:
        doc.problems.append(_too_big(file, len(raw), max_bytes))
        return doc
    text, problem = decode(raw, file)
    if problem is not None or text is None:
        doc.problems.append(problem)  # type: ignore[arg-type]
        return doc
    doc.text = text
    hidden = syntax.hidden_breaks(text)
    if hidden:
        doc.problems.extend(_error(file, *found) for found in hidden)
        return doc
    # Composing recurses once per level; measure depth first on anything that could be deep.
    if guard.could_nest_deeper(text, guard.SAFE_COMPOSE_DEPTH):
        deep = guard.too_deep(text, MAX_DEPTH)
        if deep is not None:
            doc.problems.append(_error(file, *deep))
            return doc
    doc.root = _compose(doc)
    if doc.root is None:
        return doc
    if _is_empty(doc.root):
        doc.root = None
        doc.problems.append(_error(file, 1, 1, "file is empty"))
        return doc
    try:
        doc.data = _quick_build(doc.root, text)
    except _Unusual:
        doc.data = None
    if doc.data is not None:
        return doc
    try:
        doc.data = _Builder(doc).build(doc.root, ())
    except _Rejected as exc:
        # The whole file is refused: what was built so far would only add echoes of this.
        doc.root = doc.data = None
        doc.problems.append(_error(file, *exc.args))
    return doc


def _too_big(file: str, size: int, limit: int) -> Problem:
    return _error(
        file,
        1,
        1,
        f"file is {size:,} bytes, over the limit of {limit:,}",
        "a record holds facts and a one-line summary, not full texts",
    )


def _compose(doc: Document) -> yaml.Node | None:
    file, text = doc.file, doc.text
    try:
        root: yaml.Node | None = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as exc:
        doc.problems.append(_error(file, *guard.reader_problem(text, exc)))
        return None
    except yaml.MarkedYAMLError as exc:
        doc.problems.append(_error(file, *syntax.syntax_problem(text, exc)))
        return None
    except (yaml.YAMLError, RecursionError) as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        doc.problems.append(_error(file, 1, 1, f"YAML: {first_line}"))
        return None
    if root is None:
        doc.problems.append(_error(file, 1, 1, "file is empty"))
    return root


def _is_empty(root: yaml.Node) -> bool:
    """A lone ``---`` composes to an empty null scalar: the file says nothing."""
    return isinstance(root, yaml.ScalarNode) and root.tag == _NULL_TAG and root.value == ""


class _Rejected(Exception):
    """Raised with (line, column, message) when a file is refused as a whole."""


class _Unusual(Exception):
    """Raised by :func:`_quick_build` on anything the full builder has to look at."""


def _quick_build(root: yaml.Node, text: str) -> Any:
    """The data of a plain record, built without tracking where each value is.

    Most files hold nothing :class:`_Builder` reports; this builds the same data from them with
    less work, and raises :class:`_Unusual` at the first thing it would report, for the full
    builder to build again and report with its location. Aliases need an anchor (``&``); a
    file without one cannot repeat a node. Each value node but the root takes at least one
    character of its own (the ``-`` or ``,`` before an item, the ``:`` after a key), so a text
    shorter than the node limit cannot reach it. Returns ``None`` only when the root is null.
    tests/test_fastpaths.py holds the two builders to the same data and the same reports.
    """
    if "&" in text or len(text) >= MAX_NODES:
        raise _Unusual
    return _quick(root, 0)


def _quick(node: yaml.Node, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise _Unusual
    kind, tag = node.__class__, node.tag
    if kind is yaml.ScalarNode:
        if tag == _STR_TAG:
            return node.value
        if tag == _NULL_TAG:
            return None
        raise _Unusual
    depth += 1
    if kind is yaml.SequenceNode and tag == _SEQ_TAG:
        return [_quick(item, depth) for item in node.value]
    if kind is not yaml.MappingNode or tag != _MAP_TAG:
        raise _Unusual
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        if (
            key_node.__class__ is not yaml.ScalarNode
            or key_node.tag != _STR_TAG
            or key in result
            or not 0 < len(key) <= MAX_KEY
            or not key.isprintable()
        ):
            raise _Unusual
        result[key] = _quick(value_node, depth)
    return result


class _Builder:
    """Turns a node tree into dicts, lists and strings, reporting what records may not use."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.seen: set[int] = set()
        self.count = 0

    def fail(self, node: yaml.Node, path: Path_, message: str, hint: str = "") -> None:
        mark = node.start_mark
        self.doc.problems.append(
            Problem(
                "error", self.doc.file, mark.line + 1, mark.column + 1, dotted(path), message, hint
            )
        )

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            mark = node.start_mark
            raise _Rejected(
                mark.line + 1, mark.column + 1, f"more than {MAX_NODES:,} values in one file"
            )
        if id(node) in self.seen:
            # An alias: refusing the first one refuses "billion laughs" before it expands.
            raise _Rejected(*guard.first_alias(self.doc.text), "write the value out")
        self.seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            # Reported, then read as plain data, so that the value is not also called missing.
            tag = node.tag.replace(_STANDARD_TAG, "!!", 1)
            self.fail(node, path, f"YAML tag {tag!r} is not allowed", "remove the tag")
        if len(path) > MAX_DEPTH:
            mark = node.start_mark
            raise _Rejected(mark.line + 1, mark.column + 1, guard.too_deep_message(MAX_DEPTH))
        if isinstance(node, yaml.ScalarNode):
            # Only a plain ``null``, ``~`` or nothing resolves to this tag (libyaml marks plain
            # scalars with the style ""), or an explicit !!null: either way it is no value.
            if node.tag == _NULL_TAG:
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self.build_mapping(node, path)

    def build_mapping(self, node: yaml.Node, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                self.fail(key_node, path, "merge keys (<<) are not allowed")
                continue
            # A key is echoed in messages: one printable line, or it could forge output lines.
            if (
                not isinstance(key_node, yaml.ScalarNode)
                or not key_node.value.isprintable()
                or not 0 < len(key_node.value) <= MAX_KEY
            ):
                self.fail(key_node, path, "a key must be a plain name")
                continue
            key = key_node.value
            if key in result:
                self.fail(
                    key_node,
                    (*path, key),
                    f"duplicate key {key!r}; the first is on line {first_line[key]}",
                    "keep one of them",
                )
                continue
            first_line[key] = key_node.start_mark.line + 1
            result[key] = self.build(value_node, (*path, key))
        return result


def read(path: str | Path, file: str, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read and parse ``path``, reporting it as ``file``; an unreadable file is a problem.

    Only a regular file is opened (:mod:`.files`): a symbolic link could point anywhere on the
    machine that builds the site, a FIFO would block. No more than ``max_bytes`` are ever read
    into memory.
    """
    try:
        raw, size = files.read_regular(str(path), max_bytes)
    except files.Unreadable as exc:
        return Document(file, problems=[_error(file, 1, 1, str(exc))])
    if len(raw) > max_bytes:
        return Document(file, problems=[_too_big(file, size, max_bytes)])
    return parse(raw, file, max_bytes=max_bytes)
