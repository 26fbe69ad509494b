"""``litcat fmt``: rewrite records in their canonical form, losing nothing silently."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.catalog import Catalog
from ..core.loader import load_record
from ..core.reading.reader import parse
from ..core.rules.text import remove_invisible
from .writer import body_comment_lines, record_text, split_header, write_atomic


@dataclass
class FmtResult:
    changed: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def _visible(text: str, file: str, pid: str, catalog: Catalog) -> str:
    """The record without the invisible characters no text needs (a soft hyphen copied from a
    PDF fails a strict build), if the record stays valid without them (a venue of one soft
    hyphen would not: that stays for the contributor to see)."""
    cleaned = remove_invisible(text)
    if cleaned == text:
        return text
    again = load_record(parse(cleaned.encode("utf-8"), file), pid, catalog.taxonomy)
    return text if again is None else cleaned


def format_catalog(catalog: Catalog, *, write: bool, drop_comments: bool = False) -> FmtResult:
    """Find (and with ``write``, rewrite) every valid record that is not in canonical form.

    A record whose comments the writer cannot keep is skipped with a reason unless
    ``drop_comments``. Records with errors are left alone: ``litcat validate`` reports them.
    """
    result = FmtResult()
    for pid, paper in catalog.papers.items():
        file = catalog.files[pid]
        path = catalog.root / file
        try:
            # Bytes, not read_text(): universal newlines would hide CRLF and lone-CR endings.
            original = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "no longer UTF-8"
            result.skipped.append((file, f"cannot read it any more: {reason}"))
            continue
        header, _ = split_header(original.removeprefix("\ufeff"))
        text = _visible(record_text(paper, catalog.taxonomy, header), file, pid, catalog)
        if text == original:
            continue
        comments = body_comment_lines(original)
        if comments and not drop_comments:
            lines = ", ".join(str(n) for n in comments)
            result.skipped.append(
                (
                    file,
                    f"comments on line {lines} would be lost; "
                    "move them to the top or use --drop-comments",
                )
            )
            continue
        result.changed.append(file)
        if write:
            write_atomic(path, text)
    return result
