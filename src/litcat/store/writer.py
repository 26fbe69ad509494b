"""The one YAML writer of litcat: the canonical text of a record, written atomically.

Every command that writes a record goes through :func:`record_text` and :func:`write_atomic`:
key order is the model's, no defaults, no flow style, stable quoting, a trailing newline, so
that loading and saving an unchanged record changes no byte.
"""

from __future__ import annotations

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
