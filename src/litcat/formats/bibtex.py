"""The catalog as BibTeX: one entry per paper, keyed by its record id."""

from __future__ import annotations

import datetime as dt
import re

from ..core.catalog import Catalog
from ..core.models import Paper

# A venue naming one of these is a journal; anything else with a venue is a proceedings volume.
_JOURNAL = re.compile(
    r"\b(journal|transactions|letters|magazine|review|nature|science|systems|access|annals)\b",
    re.IGNORECASE,
)
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_RE = re.compile("|".join(re.escape(k) for k in _LATEX_SPECIAL))


def cite_key(paper: Paper) -> str:
    """Record ids are already good citation keys: ``ma2023eureka``."""
    return paper.id


def latex_escape(text: str) -> str:
    return _LATEX_RE.sub(lambda m: _LATEX_SPECIAL[m.group()], text)


def entry_type(paper: Paper) -> str:
    if paper.venue is None:
        return "misc"
    return "article" if _JOURNAL.search(paper.venue) else "inproceedings"


def bibtex_fields(paper: Paper) -> list[tuple[str, str]]:
    """The fields of a paper's BibTeX entry, unescaped, in the order they are written."""
    fields = [("title", paper.title)]
    # BibTeX's "others" says the list goes on; alone, it says no author is known.
    others = ["others"] if paper.authors_incomplete else []
    if paper.authors or others:
        fields.append(("author", " and ".join([*paper.authors, *others])))
    # The version cited is the venue's when there is one; biblatex's origdate keeps the year
    # of the first public version, so that nothing is lost when the entry is read back.
    year = paper.citation_year()
    if year is not None:
        fields.append(("year", str(year)))
    if year != paper.year and paper.year is not None:
        fields.append(("origdate", str(paper.year)))
    kind = entry_type(paper)
    if paper.venue is not None:
        fields.append(("journal" if kind == "article" else "booktitle", paper.venue))
    if paper.arxiv:
        fields += [("eprint", paper.arxiv), ("archiveprefix", "arXiv")]
    if paper.doi:
        fields.append(("doi", paper.doi))
    url = paper.url()
    if url:
        fields.append(("url", url))
    return fields


def bibtex_entry(paper: Paper) -> str:
    """One BibTeX entry. Values are LaTeX-escaped; non-ASCII text is kept as UTF-8."""
    lines = [f"@{entry_type(paper)}{{{cite_key(paper)},"]
    for name, value in bibtex_fields(paper):
        # Identifiers and URLs are written verbatim: escaping would break them.
        text = value if name in ("doi", "url", "eprint") else latex_escape(value)
        lines.append(f"  {name} = {{{text}}},")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_bibtex(catalog: Catalog) -> str:
    return "\n".join(bibtex_entry(p) for p in catalog.sorted_papers())


def catalog_entry(name: str, url: str | None, built: dt.date | None) -> str:
    """A BibTeX entry citing the catalog itself, as of the build that wrote it."""
    words = re.findall(r"[a-z0-9]+", name.lower()) or ["catalog"]
    key = "".join(words)[:40] + (str(built.year) if built else "")
    fields = [("title", latex_escape(name))]
    note = "Literature catalog"
    if built is not None:
        fields.append(("year", str(built.year)))
        note += f", version of {built.isoformat()}"
    fields.append(("note", note))
    if url:
        fields.append(("url", url))
    lines = [f"@misc{{{key},", *(f"  {k} = {{{v}}}," for k, v in fields), "}"]
    return "\n".join(lines) + "\n"
