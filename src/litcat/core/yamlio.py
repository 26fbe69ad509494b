"""The one YAML reader and the one YAML writer of litcat.

Reading parses a file once with libyaml into its node tree, builds plain data from the nodes
(every scalar stays text; pydantic gives it its type) and keeps the tree, so that any problem
found later can be located by its field path. Writing produces the canonical form that every
command uses: fixed key order is the caller's, no flow style, stable quoting, a trailing newline.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import yamlguard
from .problems import Problem

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
            return _STANDARD_TAG + "str"
        return _STANDARD_TAG + ("seq" if kind is yaml.SequenceNode else "map")


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
    wide = yamlguard.wide_encoding(raw)
    if wide is not None:
        return None, _error(file, 1, 1, f"file is {wide}, not UTF-8", "save the file as UTF-8")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = yamlguard.position(raw, exc.start)
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
    # Composing recurses once per level; measure depth first on anything that could be deep.
    if yamlguard.could_nest_deeper(text, yamlguard.SAFE_COMPOSE_DEPTH):
        deep = yamlguard.too_deep(text, MAX_DEPTH)
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
        doc.problems.append(_error(file, *yamlguard.reader_problem(text, exc)))
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = exc.problem or str(exc)
        if exc.context and exc.problem:
            message = f"{exc.problem} ({exc.context})"
        doc.problems.append(_error(file, line, column, f"YAML: {message}"))
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
            raise _Rejected(*yamlguard.first_alias(self.doc.text), "write the value out")
        self.seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            # Reported, then read as plain data, so that the value is not also called missing.
            tag = node.tag.replace(_STANDARD_TAG, "!!", 1)
            self.fail(node, path, f"YAML tag {tag!r} is not allowed", "remove the tag")
        if len(path) > MAX_DEPTH:
            mark = node.start_mark
            raise _Rejected(mark.line + 1, mark.column + 1, yamlguard.too_deep_message(MAX_DEPTH))
        if isinstance(node, yaml.ScalarNode):
            if node.style is None and node.tag == _NULL_TAG:
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


def read(path: Path, file: str, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read and parse ``path``, reporting it as ``file``; an unreadable file is a problem.

    A symbolic link is refused (a pull request could point one anywhere on the machine that
    builds the site), and no more than ``max_bytes`` are ever read into memory.
    """
    try:
        if path.is_symlink():
            message = "is a symbolic link; records must be plain files"
            return Document(file, problems=[_error(file, 1, 1, message)])
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
            if len(raw) > max_bytes:
                size = os.fstat(handle.fileno()).st_size
                return Document(file, problems=[_too_big(file, max(size, len(raw)), max_bytes)])
    except OSError as exc:
        return Document(file, problems=[_error(file, 1, 1, f"cannot read: {exc.strerror}")])
    return parse(raw, file, max_bytes=max_bytes)


# ---------------------------------------------------------------------------------------------
# Writing


class _Dumper(yaml.SafeDumper):
    """Block style, sequences indented under their key, no aliases, no line folding."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True


# Characters a plain or single-quoted scalar would fold or lose (YAML 1.1 line breaks such as
# NEL, controls, a BOM): only the escapes of a double-quoted scalar keep them.
_ESCAPE_ONLY = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style: str | None = None
    if _ESCAPE_ONLY.search(data):
        style = '"'
    elif "\n" in data:
        # A literal block keeps line breaks readable; text it cannot hold exactly (edge spaces
        # or breaks) goes double-quoted on one line rather than as a folded multi-line scalar.
        style = "|" if data == data.strip() else '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)


def dump(data: dict[str, Any], header: str = "") -> str:
    """The canonical YAML text of ``data`` (whose key order the caller has fixed)."""
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1 << 30,
        indent=2,
    )
    return header + body


def split_header(text: str) -> tuple[str, str]:
    """Split the leading comment lines (e.g. a ``yaml-language-server`` line) from the body."""
    lines = text.splitlines(keepends=True)
    n = 0
    while n < len(lines) and lines[n].lstrip().startswith("#"):
        n += 1
    header = "".join(line if line.endswith("\n") else line + "\n" for line in lines[:n])
    return header, "".join(lines[n:])


def body_comment_lines(text: str) -> list[int]:
    """Lines (1-based) holding a comment after the leading header; the writer cannot keep them."""
    header, _ = split_header(text)
    skip = header.count("\n")
    spans: list[tuple[int, int]] = []
    try:
        for token in yaml.scan(text, Loader=yaml.CSafeLoader):
            if isinstance(token, yaml.ScalarToken):
                start = token.start_mark.index
                if token.style in ("|", ">"):
                    # A block scalar's token starts at its indicator, whose line may end in a
                    # comment; its text starts on the next line.
                    start = text.find("\n", start) + 1 or len(text)
                spans.append((start, token.end_mark.index))
    except yaml.YAMLError:
        return []
    found: list[int] = []
    span_i = 0
    for match in re.finditer(r"(?:^|(?<=\s))#", text):
        pos = match.start()
        while span_i < len(spans) and spans[span_i][1] <= pos:
            span_i += 1
        if span_i < len(spans) and spans[span_i][0] <= pos:
            continue
        line = text.count("\n", 0, pos) + 1
        if line > skip and (not found or found[-1] != line):
            found.append(line)
    return found


def write_atomic(path: Path, text: str, *, overwrite: bool = True, durable: bool = True) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename.

    With ``overwrite=False`` an existing file is never replaced (``FileExistsError``), even if
    it appears between the check and the rename. ``durable=False`` skips the flush to disk,
    for output that can be made again (generated pages): readers still see the old file or
    the new one, never half of one, but a power cut may lose the new one.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            # mkstemp makes the file private (0600); a record keeps its mode, a new one gets
            # the mode any other new file would.
            os.fchmod(handle.fileno(), _mode_for(path))
            handle.write(text)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        if overwrite:
            Path(tmp).replace(path)
        else:
            # link() fails if the target exists, which makes the no-overwrite check atomic.
            os.link(tmp, path)
            Path(tmp).unlink()
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask
