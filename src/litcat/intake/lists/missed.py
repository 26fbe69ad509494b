"""Nothing missed in silence: every link of the list to a paper's host (the arXiv, a DOI,
OpenReview, proceedings and publishers), wherever it stands, either lands in a record (as its
id or its paper link) or is a line of the report. When most of them land nowhere, the list
is written in a way the reader does not follow, and the import says so and fails."""

from __future__ import annotations

from dataclasses import dataclass

from .links import paper_key


@dataclass(frozen=True)
class MissedLinks:
    """The paper links of a list in no record, and how many distinct papers they are."""

    lines: list[tuple[int, str]]
    total: int
    missed: int

    @property
    def most(self) -> bool:
        return self.missed * 2 > self.total


def missed_links(
    links: list[tuple[int, str]],
    kept: set[str],
    listed_in: dict[str, str],
    reported: set[int],
) -> MissedLinks:
    """``links``: each link of the list with its line; ``kept``: the keys (see
    :func:`.links.paper_key`) of the ids and paper links records hold; ``listed_in``: the
    record of the bullet each other link stands in; ``reported``: lines the report already
    names as not imported (their links are counted, not repeated)."""
    lines: list[tuple[int, str]] = []
    every: set[str] = set()
    missed: set[str] = set()
    for line, url in links:
        key = paper_key(url)
        if key is None:
            continue
        every.add(key)
        if key in kept:
            continue
        missed.add(key)
        if line in reported:
            continue
        held = listed_in.get(key)
        if held is not None:
            lines.append((line, f"{url} is a second link to the paper of {held}; not kept"))
        else:
            lines.append((line, f"{url} links a paper that is in no record"))
    return MissedLinks(lines, len(every), len(missed))


def most_missed_message(found: MissedLinks) -> str:
    return (
        f"most of the list's paper links are in no record ({found.missed} of the "
        f"{found.total} papers it links on the arXiv, DOI, OpenReview and publishers' sites): "
        "it may be written in a way litcat does not read; the lines above say where"
    )
