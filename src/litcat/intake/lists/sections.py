"""Sections of a paper list that hold something other than papers, known by their name: a
table of contents, implementations and notebooks, news, how to contribute, the licence, how
to cite the list, thanks, other lists, talks and tutorials. They become no taxonomy node and
their bullets no records (their links point at code, other lists or the list itself); a
section under one of them is one too."""

from __future__ import annotations

import re
import unicodedata

from .structure import Heading

_KINDS = (
    r"(?:table of )?contents?|toc",
    r"(?:open source |official |unofficial |other )?"
    r"(?:implementations?|notebooks?|codes?|librar(?:y|ies)|toolkits?|software|frameworks?)"
    r"(?: and (?:notebooks?|librar(?:y|ies)|tools|codes?|implementations?))?",
    r"(?:latest |recent )?(?:updates?|news|changelog|change log|what s new)",
    r"(?:how to )?contribut(?:e|ing|ions?|ors?)|maintainers?",
    r"licen[cs]es?",
    r"(?:how to )?cit(?:e|ing|ations?)(?: (?:this|our) (?:list|repo|repository|work|survey))?",
    r"bibtex",
    r"acknowledge?ments?|thanks|credits",
    r"(?:other|related|similar) (?:awesome )?(?:lists?|repos|repositories|projects|resources)",
    r"see also|awesome lists?",
    r"star history|stargazers|sponsors?|contact(?: us)?",
    # Not "Video" or "Tools": lists of video synthesis or tool use papers have such topics.
    r"tutorials?|courses?|blogs?|talks?|lectures?|podcasts?",
)
_ASIDE = re.compile(rf"^(?:{'|'.join(_KINDS)})$")
_CONTENTS = re.compile(rf"^(?:{_KINDS[0]})$")
_CODE = re.compile(rf"^(?:{_KINDS[1]})$")


def _words(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.findall(r"[a-z]+", ascii_text.lower()))


def is_contents(text: str) -> bool:
    """Whether a heading names a table of contents (``## Contents``)."""
    return _CONTENTS.match(_words(text)) is not None


def is_aside(text: str) -> bool:
    """Whether a heading names a section of something other than papers
    (``## 🔥 News``, ``## 3. Implementations``, ``## Table of Contents``), or several such
    things together (``## Tutorials/Talks/Lectures``, ``## Blogs & Talks``)."""
    words = _words(text)
    if not words:
        return False
    if _ASIDE.match(words) is not None:
        return True
    # Not code joined to something ("Open Source Software/Implementations"): such a section
    # often lists the papers of libraries and benchmarks, which the list means as papers.
    parts = [_words(part) for part in _TOGETHER.split(text)]
    return len(parts) > 1 and all(
        part and _ASIDE.match(part) and not _CODE.match(part) for part in parts
    )


# What joins the names of several sections in one heading: "Tutorials/Talks", "Blogs & Talks".
_TOGETHER = re.compile(r"\s*[/&,+|]\s*|\s+and\s+", re.IGNORECASE)


def asides(headings: list[Heading]) -> dict[int, int]:
    """The headings that are such sections, or are under one, each to the outermost one.

    A table of contents is the exception: its own bullets are links to the sections, but the
    sections written under it ("## Contents" then "### Optimization") are the list itself."""
    found: dict[int, int] = {}
    for heading in headings:  # a parent comes before its sections
        parent = heading.parent
        if parent in found and not is_contents(headings[found[parent]].text):
            found[heading.index] = found[parent]
        elif is_aside(heading.text):
            found[heading.index] = heading.index
    return found
