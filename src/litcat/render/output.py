"""What producers make: Markdown pages (metadata and body kept apart) and plain files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .text import front_matter


@dataclass(frozen=True)
class MarkdownPage:
    """A generated page: its metadata, which becomes YAML front matter, and its Markdown body.

    The plugin hands MkDocs the metadata as it is and the body as finished HTML
    (:mod:`litcat.render.finish`); :meth:`text` is the page for any other Markdown engine.
    """

    meta: dict[str, Any]
    body: str

    def text(self) -> str:
        return front_matter(self.meta) + self.body


# A page, or the text of a plain file (a feed, a download, the explorer's data).
Output = MarkdownPage | str


def as_text(output: Output) -> str:
    return output.text() if isinstance(output, MarkdownPage) else output
