"""What a contributor gives on the command line beside tags: the catalog's own fields.

A source (BibTeX, the arXiv API, doi.org) states a paper's facts; a short name, a summary, the
code and project links and the pages the facts were checked on come from the contributor
(``litcat add --short-name ... --summary ... --code ... --source ...``).
"""

from __future__ import annotations

from typing import Any

from ..core.models import RECORD_FIELDS


def with_curated(data: dict[str, Any], curated: dict[str, Any]) -> dict[str, Any]:
    """``data`` with the contributor's fields in: a short name or summary given replaces the
    record's, a link given replaces that kind of link, sources given join the record's."""
    new = dict(data)
    for key in ("short_name", "summary"):
        if curated.get(key) is not None:
            new[key] = curated[key]
    if curated.get("links"):
        new["links"] = {**(new.get("links") or {}), **curated["links"]}
    if curated.get("sources"):
        sources = list(new.get("sources") or [])
        new["sources"] = sources + [s for s in curated["sources"] if s not in sources]
    return {name: new[name] for name in RECORD_FIELDS if name in new}
