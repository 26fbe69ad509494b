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
# Ligatures TeX makes of plain characters: -- and --- are dashes, `` and '' quotes, !` and ?`
# inverted marks. An empty group between the two characters keeps them apart.
_LIGATURE = re.compile(r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=[!?])(?=`)")
# Breaks and controls never reach a record (the model refuses them); should one ever get this
# far, it becomes a space rather than the end of a field.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# What a verbatim field (DOI, URL, eprint) may not hold unescaped inside braces: a brace, a
# backslash, a quote, a space or a control. The model allows none of them; should one get this
# far, it is percent-encoded (what a URL means by it), so an entry is never closed from inside.
_VERBATIM_UNSAFE = re.compile(r'[{}\\"\s\x00-\x1f\x7f-\x9f]')
_KEY_UNSAFE = re.compile(r"[^a-z0-9-]")
_AND = re.compile(r"(?:^|\s)(?:and|others)(?:\s|$)", re.IGNORECASE)


def cite_key(paper: Paper) -> str:
    """Record ids are already good citation keys: ``ma2023eureka``."""
    return _KEY_UNSAFE.sub("-", paper.id)


def latex_escape(text: str, *, grouped: bool = False) -> str:
    """``text`` as LaTeX that decodes back to it; ``grouped`` puts each escape in a group of
    its own, as names need (bibtexparser splits ``A and \\& B`` wrongly, ``A and {\\&} B`` not)."""
    text = _CONTROL.sub(" ", text)
    if grouped:
        escaped = _LATEX_RE.sub(lambda m: "{" + _LATEX_SPECIAL[m.group()] + "}", text)
    else:
        escaped = _LATEX_RE.sub(lambda m: _LATEX_SPECIAL[m.group()], text)
    return _LIGATURE.sub("{}", escaped)


def verbatim(text: str) -> str:
    return _VERBATIM_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), text)


def bibtex_name(name: str) -> str:
    """A name in reading order (``First von Last, Jr.``) as BibTeX reads it back the same.

    ``John Smith, Jr.`` must be written ``Smith, Jr., John``: BibTeX takes a single comma for
    ``Last, First``. A name holding the word ``and`` or ``others`` is one group.
    """
    main, comma, suffix = name.rpartition(", ")
    if not comma:
        text = latex_escape(name, grouped=True)
        return f"{{{text}}}" if _AND.search(name) else text
    first, last = _first_and_rest(main)
    if not first:
        # "Aristotle, Jr." has no first name to write
        return f"{{{latex_escape(name, grouped=True)}}}"
    fields = [latex_escape(part, grouped=True) for part in (last, suffix, first)]
    if _AND.search(name):
        fields = [f"{{{f}}}" if f else f for f in fields]
    return ", ".join(fields)


def _first_and_rest(name: str) -> tuple[str, str]:
    """``Maria`` and ``de la Cruz``: the first names, and the rest from the first lowercase
    word (BibTeX's "von") or else the last word. Only the words' order has to survive, and
    BibTeX's ``Last, Jr, First`` keeps it whatever it calls each word. (The renderer loads no
    BibTeX parser, so this is not bibtexparser's splitter.)"""
    words = name.split(" ")
    if len(words) < 2:
        return "", name
    start = next((i for i, w in enumerate(words[:-1]) if w[:1].islower()), len(words) - 1)
    return " ".join(words[:start]), " ".join(words[start:])


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
        names = [bibtex_name(name) for name in paper.authors]
        fields.append(("author", " and ".join([*names, *others])))
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
    """One BibTeX entry. Text is LaTeX-escaped, identifiers percent-encoded where they hold what
    could close the entry; non-ASCII text is kept as UTF-8."""
    lines = [f"@{entry_type(paper)}{{{cite_key(paper)},"]
    for name, value in bibtex_fields(paper):
        if name == "author":
            text = value  # escaped name by name
        elif name in ("doi", "url", "eprint"):
            text = verbatim(value)
        else:
            text = latex_escape(value)
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
