"""The one YAML writer of litcat: the canonical text of a record, written atomically.

Every command that writes a record goes through :func:`record_text` and :func:`write_atomic`:
key order is the model's, no defaults, no flow style, stable quoting, a trailing newline, so
that loading and saving an unchanged record changes no byte.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from ..core.models import Paper, to_data
from ..core.reading.syntax import text_position
from ..core.taxonomy import Taxonomy


def _current_ids(tags: dict[str, list[str]], taxonomy: Taxonomy) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for dim, values in tags.items():
        resolved = (taxonomy.resolve(dim, v)[0] for v in values)
        out[dim] = [info.id if info else v for info, v in zip(resolved, values, strict=True)]
    return out


def record_text(paper: Paper, taxonomy: Taxonomy | None, header: str = "") -> str:
    """The canonical YAML of a record: the only way litcat turns a paper into text."""
    if taxonomy is None:
        return dump(to_data(paper, [], []), header)
    # Old aliases are written under the node's current id.
    update = {key: _current_ids(getattr(paper, key), taxonomy) for key in ("tags", "added_tags")}
    paper = paper.model_copy(update=update)
    return dump(to_data(paper, taxonomy.dimension_ids(), taxonomy.attribute_ids()), header)


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


# PyYAML's own analysis of a scalar (which styles can hold it); it depends on nothing but
# the emitter's ``allow_unicode``.
_ANALYZER = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"


# Characters PyYAML's analysis finds neither special nor a line break (with allow_unicode).
_ONE_LINE = re.compile(
    "[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe]+"
)
# What makes such a line other than plain in a block: an indicator first (or ``?``, ``:``,
# ``-`` before a space or alone), a document marker, an edge space, ``: `` or `` #`` inside, a
# colon last.
_NOT_PLAIN = re.compile(
    r"[#,\[\]{}&*!|>'\"%@` ]|[?:-](?: |\Z)|---|\.\.\.|.*(?:: | #|[ :]\Z)", re.DOTALL
)


def analyze(text: str) -> yaml.emitter.ScalarAnalysis:
    """PyYAML's analysis of ``text`` (``Emitter.analyze_scalar`` with allow_unicode), read
    without its loop over the characters for lines of ordinary characters. Only the fields a
    block-style emitter asks for are given (not ``allow_flow_plain``)."""
    if _ONE_LINE.fullmatch(text.replace("\n", " ")) is None:
        return _ANALYZER.analyze_scalar(text)
    if "\n" in text:
        # Lines: never plain; a space before a break rules out the literal and quoted styles,
        # one after a break the quoted one.
        space_break = " \n" in text
        return yaml.emitter.ScalarAnalysis(
            scalar=text,
            empty=False,
            multiline=True,
            allow_flow_plain=False,
            allow_block_plain=False,
            allow_single_quoted=not (space_break or "\n " in text),
            allow_double_quoted=True,
            allow_block=not (space_break or text.endswith(" ")),
        )
    plain = _NOT_PLAIN.match(text) is None
    return yaml.emitter.ScalarAnalysis(
        scalar=text,
        empty=False,
        multiline=False,
        allow_flow_plain=False,  # not asked for in block style
        allow_block_plain=plain,
        allow_single_quoted=True,
        allow_double_quoted=True,
        allow_block=not text.endswith(" "),
    )


def _scalar(value: object) -> tuple[str, str] | None:
    """A scalar's text and tag as SafeRepresenter gives them, for the types records hold
    (exactly those types: SafeRepresenter refuses their subclasses, and so does PyYAML's path)."""
    kind = type(value)
    if kind is str:
        return value, _STR  # type: ignore[return-value]
    if kind is bool:
        return ("true" if value else "false"), "tag:yaml.org,2002:bool"
    if kind is int:
        return str(value), "tag:yaml.org,2002:int"
    if kind is dt.date:
        return value.isoformat(), "tag:yaml.org,2002:timestamp"  # type: ignore[attr-defined]
    if value is None:
        return "null", "tag:yaml.org,2002:null"
    return None


def _styled(value: object, key: bool, indent: int) -> str | None:
    """What PyYAML's emitter writes after ``key: ``, ``- `` or as a key (``key=True``), for
    the styles it picks without folding (plain, single-quoted, literal); None otherwise."""
    found = _scalar(value)
    if found is None:
        return None
    text, tag = found
    style: str | None = None
    if tag == _STR:
        if _ESCAPE_ONLY.search(text):
            return None
        if "\n" in text:
            if text != text.strip():
                return None
            style = "|"
    analysis = analyze(text)
    if key and (analysis.empty or analysis.multiline):
        return None  # not a simple key: PyYAML writes ``? key``
    # Emitter.choose_scalar_style, in block context.
    implicit = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == tag  # type: ignore[no-untyped-call]
    if style is None and implicit and analysis.allow_block_plain:
        return text
    if style == "|":
        if not key and analysis.allow_block:
            lines = text.split("\n")
            return "|-\n" + "\n".join(" " * (indent + 2) + line if line else "" for line in lines)
        return None
    if analysis.allow_single_quoted:
        # On one line: a break other than \n went double-quoted above, and \n to a literal.
        return "'" + text.replace("'", "''") + "'"
    return None


def _block(data: dict[Any, Any], indent: int, out: list[str]) -> bool:
    """``data`` as PyYAML writes a block mapping at ``indent`` (with the writer's settings);
    False where the layout is not one this knows exactly (the caller then asks PyYAML)."""
    pad = " " * indent
    for key, value in data.items():
        # A key longer than 128 characters with its tag is not a simple key for PyYAML.
        name = _styled(key, True, indent) if type(key) is str else None
        if name is None or len(name) > 100:
            return False
        kind = type(value)
        if kind in (list, dict) and not value:
            out.append(f"{pad}{name}: {'[]' if kind is list else '{}'}\n")
        elif kind is dict:
            out.append(f"{pad}{name}:\n")
            if not _block(value, indent + 2, out):
                return False
        elif kind is list:
            out.append(f"{pad}{name}:\n")
            for item in value:
                text = _styled(item, False, indent + 2)
                if text is None:
                    return False
                out.append(f"{pad}  - {text}\n")
        else:
            text = _styled(value, False, indent)
            if text is None:
                return False
            out.append(f"{pad}{name}: {text}\n")
    return True


def dump(data: dict[str, Any], header: str = "") -> str:
    """The canonical YAML text of ``data`` (whose key order the caller has fixed)."""
    out: list[str] = []
    if data and _block(data, 0, out):
        # The layout PyYAML gives for the shapes records have, without its event machinery
        # (which was most of a record's writing); tests/test_fastpaths.py holds the two equal.
        return header + "".join(out)
    return header + pyyaml_dump(data)


def pyyaml_dump(data: dict[str, Any]) -> str:
    """:func:`dump` by PyYAML's emitter, for any data."""
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1 << 30,
        indent=2,
    )


def split_header(text: str) -> tuple[str, str]:
    """Split the leading comment lines (e.g. a ``yaml-language-server`` line) from the body."""
    lines = text.splitlines(keepends=True)
    n = 0
    while n < len(lines) and lines[n].lstrip().startswith("#"):
        n += 1
    # Written back with the writer's own line ends, whatever the file had (CRLF, a lone CR).
    header = "".join(line.rstrip("\r\n") + "\n" for line in lines[:n])
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
        line = text_position(text, pos)[0]
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
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        # Named after the file meant, not the temporary one (or the folder) the system refused.
        raise OSError(exc.errno, f"cannot write: {exc.strerror}", str(path)) from None
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
