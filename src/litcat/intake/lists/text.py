"""The text of a paper list's bullets: years, venues, author names, labels and bare links.

Pure functions over strings, so that :mod:`.entry` only decides which piece of a bullet is
which.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...core.models import PREPRINT_SERVER, venue_text_year
from .structure import Line, Piece

YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
PAREN_YEAR = re.compile(r"\(((?:19|20)\d\d)\)")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
# "CoRL, 2024", "CoRL, Nov 2024" and "CoRL Nov 2024" give the venue's year apart; "ICLR 2024"
# is a venue that names its year.
_VENUE_DATE = re.compile(
    rf"^(.*?)(?:,\s*(?:{_MONTH}\s+)?|\s+{_MONTH}\s+)((?:19|20)\d\d)$", re.IGNORECASE
)
# "2024", "Mar 2025", "24 Oct 2022", "26th Aug., 2024", "Oct 24, 2022", "2023.05",
# "2023-05-12": a date.
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_ONLY_DATE = re.compile(
    rf"^(?:year:?\s+)?(?:{_DAY}\s+)?(?:{_MONTH},?\s*(?:{_DAY},?\s+)?)?((?:19|20)\d\d)(?:[./-]\d\d?){{0,2}}$",
    re.IGNORECASE,
)
# Where a paper is put up without being published: no venue ("Github", "Blog", "OpenReview
# 2024" for a submission under review), though its year dates the paper.
_UNPUBLISHED = re.compile(
    r"^(?:github|gitlab|blog(?:\s?post)?|website|homepage|medium|openreview|project\s?page)"
    r"(?:[\s,]+((?:19|20)\d\d))?$",
    re.IGNORECASE,
)
# "CVPR'21", "Science Robotics '22": a venue and its year in two digits.
_SHORT_YEAR = re.compile(r"^(.*?)\s*['\u2018\u2019](\d\d)$")
LABELLED = re.compile(r"^\s*([A-Za-z][A-Za-z ]{0,20}?)\s*:\s*(.*)$", re.DOTALL)
_BARE_URL = re.compile(r"https?://[^\s<>()\[\]]+[^\s<>()\[\].,;:]")
DASHES = "-\u2013\u2014"
# What separates a title from what follows it: punctuation, brackets, bullets, dashes.
EDGES = " \t:|,;.([{*\u00b7\u2022" + DASHES
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
# "et al.", and arXiv's "(100 additional authors not shown)" that lists copy from it.
_MORE = r"(?:\bet\.?\s*al\.?|\(\d+\s+additional\s+authors(?:\s+not\s+shown)?\))"
_ET_AL = re.compile(rf",?\s*{_MORE}\s*$", re.IGNORECASE)

AUTHOR_LABELS = frozenset({"author", "authors", "by"})
VENUE_LABELS = frozenset(
    {"venue", "conference", "journal", "published", "published in", "pub", "publisher"}
)
YEAR_LABELS = frozenset({"year", "date"})
IGNORED_LABELS = frozenset(
    {"keywords", "keyword", "tags", "topics", "note", "notes", "tldr"}
    | {"task", "tasks", "description", "summary", "highlights", "organization", "affiliation"}
)
ALL_LABELS = AUTHOR_LABELS | VENUE_LABELS | YEAR_LABELS | IGNORED_LABELS
TITLE_COLUMNS = ("title", "paper", "paper title", "papers", "name", "method")
VENUE_COLUMNS = ("venue", "conference", "journal", "publication", "published", "conf")
_VENUE_WORDS = frozenset(VENUE_COLUMNS) | {"proceedings"}
_SHORT_NAME_WORDS = frozenset({"abbr", "abbreviation", "acronym", "nickname", "alias"})
_AUTHOR_WORDS = frozenset({"author", "authors", "by", "all", "and", "list", "of", "the"})


# Columns that name a paper's method or model: its title when no column gives one.
_NAMING_COLUMNS = frozenset({"model", "model name", "method name", "algorithm", "approach"})


def title_rank(name: str) -> int:
    """How surely a title column holds the paper's title: "Title" (0), "Paper" (1, its cells
    may only link it), "Name", "Method", "Model" (2)."""
    if "title" in re.findall(r"[a-z]+", name):
        return 0
    return 1 if name in ("paper", "papers") else 2


def column_kind(name: str) -> str | None:
    """What a table's column holds, by the name its head gives it (lower case): "title",
    "venue", "year", "authors", "short name", or None. Heads as lists write them: "Venue &
    Year", "Date (↓)", "(Model Name) - Paper Title", "Abbr."."""
    if name in TITLE_COLUMNS or name in _NAMING_COLUMNS:
        return "title"
    words = set(re.findall(r"[a-z]+", name))
    if words & _VENUE_WORDS:
        return "venue"  # "Venue & Year": a venue with its year, read as such
    if "title" in words:
        return "title"
    if "year" in words or words == {"date"}:
        return "year"
    if words & {"author", "authors"} and words <= _AUTHOR_WORDS:
        return "authors"  # not "Organization (first author)"
    if words & _SHORT_NAME_WORDS or name == "short name":
        return "short name"
    return None


@dataclass(frozen=True)
class Venue:
    """A venue as a list writes it: its name (None for a preprint server), the year of its
    edition when written apart (``CoRL, 2024``), and a year the text names at all."""

    name: str | None
    year: int | None
    named: int | None


# "In" before a venue, as references write it: not the venue's.
_LEADING_IN = re.compile(r"^in:?\s+(?=\S)", re.IGNORECASE)


def read_venue(text: str) -> Venue | None:
    """``CoRL, November 2024``: CoRL, 2024; ``ICLR 2024`` names its year; ``arXiv 2023`` is no
    venue but gives a year."""
    text = " ".join(text.split()).strip(EDGES + "'\"`\u2018\u2019\u201c\u201d")
    text = _LEADING_IN.sub("", text)  # "In CoRL, 2021", "In: Proceedings of ..."
    text = without_note(text).strip(EDGES)  # "ICLR 2022 oral", "NeurIPS 2022 (Oral)"
    if not text:
        return None
    unpublished = _UNPUBLISHED.match(text)
    if unpublished:
        return Venue(None, None, int(unpublished.group(1)) if unpublished.group(1) else None)
    only_date = _ONLY_DATE.match(text)
    if only_date:
        # "*2024*" or "Mar 2025" dates the paper; it names no venue.
        return Venue(None, None, int(only_date.group(1)))
    short = _SHORT_YEAR.match(text)
    if short:
        year = _full_year(int(short.group(2)))
        if PREPRINT_SERVER.match(text):
            return Venue(None, None, year)
        if short.group(1).strip(EDGES):
            return Venue(short.group(1).strip(EDGES), year, year)
    if PREPRINT_SERVER.match(text):
        found = YEAR.search(text)
        return Venue(None, None, int(found.group(1)) if found else None)
    dated = _VENUE_DATE.match(text)
    if dated and dated.group(1).strip(EDGES) and venue_text_year(dated.group(1)) is None:
        year = int(dated.group(2))
        name = _unnoted(dated.group(1).strip(EDGES))
        if _UNPUBLISHED.match(name):
            return Venue(None, None, year)  # "Blog, Feb 2023"
        return Venue(name, year, year)
    return Venue(_unnoted(text), None, venue_text_year(text))


def _unnoted(name: str) -> str:
    """``ICCV Highlight`` (of "ICCV Highlight, 2025") is ICCV: how the paper was presented,
    after a venue's one word, is no part of its name (``Best Paper`` stays)."""
    words = name.split()
    while len(words) > 1 and _presented(words[-1]):
        words.pop()
    return words[0] if len(words) == 1 and _venue_word(words[0]) else name


def _full_year(two: int) -> int:
    """'21 is 2021 and '98 is 1998: a year in two digits is of this century unless that would
    be after next year."""
    this = dt.date.today().year
    year = 2000 + two
    return year if year <= this + 1 else year - 100


def read_authors(text: str, *, labelled: bool = False) -> tuple[list[str], bool] | None:
    """``A, B and C et al.``: the names, and whether the list goes on; None if the text does
    not read as names. A ``labelled`` text is one the list calls its authors ("Authors: ..."):
    a word naming an institution does not make it a line of affiliations then (a team or a
    lab may be an author)."""
    text = " ".join(text.split()).strip(" .;")
    incomplete = bool(_ET_AL.search(text))
    text = _reading_order(_ET_AL.sub("", text))
    names = [_unmarked(n) for n in _NAME_SPLIT.split(text) if _unmarked(n)]
    if not names or not all(_looks_like_a_name(n) for n in names):
        return None
    if not labelled and any(_AFFILIATION_WORDS.intersection(n.lower().split()) for n in names):
        return None  # "Stanford University, Microsoft Research": where the authors work
    return names, incomplete


# Words of the names of where authors work, which lists often write under the authors or
# instead of them: a line holding one is no list of names. (A company may be an author:
# "OpenAI" wrote the GPT-4 report; and Huawei is a given name too.)
_AFFILIATION_WORDS = frozenset(
    {"university", "universität", "universidad", "université", "università", "universiteit"}
    | {"institute", "institut", "instituto", "school", "college", "laboratory", "laboratories"}
    | {"lab", "labs", "academy", "inc", "inc.", "ltd", "ltd.", "llc", "corporation", "company"}
    | {"department", "faculty", "centre", "center", "research"}
)


_AND = re.compile(r"\s+and\s+")


# A surname and its initials, as references write names: "Manuelli, L.", "van Berg, J.-P.".
_SURNAME_FIRST = r"([^\W\d_][\w'\u2019-]*(?: [^\W\d_][\w'\u2019-]*)?), ((?:[A-Z]\.[ -]?)*[A-Z]\.)"
_SURNAMES_FIRST = re.compile(rf"{_SURNAME_FIRST}(?:,? (?:&|and) |, |$)")


def _reading_order(text: str) -> str:
    """``Battaglia, Peter W and Hamrick, Jessica B`` (BibTeX's order, one comma per name) is
    ``Peter W Battaglia, Jessica B Hamrick``, and ``Lee, A., Chen, B. & Wu, C.`` (a
    reference's) is ``A. Lee, B. Chen, C. Wu``: the order records write names in."""
    for written in (text, f"{text}."):  # the last initial's full stop may have been cut
        pairs = list(_SURNAMES_FIRST.finditer(written))
        if "".join(m.group() for m in pairs) == written and len(pairs) > (written != text):
            return ", ".join(f"{m.group(2)} {m.group(1)}" for m in pairs)
    parts = _AND.split(text)
    if len(parts) < 2 or ";" in text or not all(p.count(",") == 1 for p in parts):
        return text
    flipped = [" ".join(reversed([w.strip() for w in p.split(",")])) for p in parts]
    return ", ".join(flipped)


# Footnote marks after a name: "Nguyen*", "Wu†", "Sun1" (an affiliation's number), "Wang/*".
_MARKS = re.compile(r"(?<=[^\W\d_])[\d*†‡§¶#¹²³/]+$")


# Spacing accents (acute, grave, diaeresis, small tilde, circumflex): one set apart from the
# name it belongs to ("Cedric Colas \u00b4") is no word of it.
_SPACING_ACCENTS = " \u00b4`\u00a8\u02dc\u02c6"


def _unmarked(name: str) -> str:
    return _MARKS.sub("", name.strip(" .*_/")).strip(" .*_/").rstrip(_SPACING_ACCENTS)


def _looks_like_a_name(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 6 and len(name) <= 100 and not any(c.isdigit() for c in name)


def with_bare_urls(line: Line) -> Line:
    """A URL written as plain text becomes a link, named by the URL itself."""
    out: Line = []
    for piece in line:
        if piece.href is not None or "http" not in piece.text:
            out.append(piece)
            continue
        at = 0
        for match in _BARE_URL.finditer(piece.text):
            out.append(Piece(piece.text[at : match.start()], None, piece.strong, piece.em))
            out.append(Piece(match.group(0), match.group(0), piece.strong, piece.em))
            at = match.end()
        out.append(Piece(piece.text[at:], None, piece.strong, piece.em))
    return [p for p in out if p.text or p.href]


# "Surname et al." and what follows it: the authors end where "et al." does.
_UNTIL_ET_AL = re.compile(rf"^(.*?{_MORE})(.*)$", re.IGNORECASE | re.DOTALL)
# A workshop or track after a venue's year, and the workshop's name after it ("ICML 2018
# Workshop", "NeurIPS 2021 Datasets and Benchmarks Track", "ICLR 2024 Workshop LLM Agents").
_WORKSHOP = r"(?:(?:\s+[A-Za-z&]+){0,3}?\s+(?:workshops?|track)(?:\s+on)?(?:\s+[A-Z][\w&-]*){0,4})?"
# A venue ends with its year, or with a workshop or track after it.
_ENDS_WITH_YEAR = re.compile(
    rf"(?:(?:19|20)\d\d|['\u2018\u2019]\d\d){_WORKSHOP}\s*\.?$", re.IGNORECASE
)
# "(Oral)" and kin say how a paper was presented, not what it is called.
_NOT_NICKNAMES = frozenset(
    {"oral", "spotlight", "poster", "survey", "workshop", "extended", "preprint", "review"}
)
_NICKNAME = re.compile(r"^(.*\S)\s+\(([^\s()]{2,30})\)$")


@dataclass(frozen=True)
class Tail:
    """What a line says after its title: authors, a venue and a year, as plain text."""

    authors: str | None = None
    venue: str | None = None


def read_tail(text: str) -> Tail:
    """``, Liu et al., NeurIPS 2020 |`` or ``ICLR 2017.``: the authors (up to "et al.") and a
    venue (a part that ends with a year); parts are separated by ``|``. What reads as
    neither is left out."""
    authors = venue = None
    for part in _parts(text):
        # "[RSS, 2023]" and "(ICLR 2024)" after a title are its venue.
        part = part.strip(EDGES + ")]}")
        if not part:
            continue
        until = _UNTIL_ET_AL.match(part)
        if until and authors is None:
            authors = until.group(1).strip(EDGES)
            part = until.group(2).strip(EDGES)
        elif authors is None:
            names, after = name_list(part)
            if names is not None:
                authors, part = names, after or ""
            else:
                part = _after_surname(part)
        if part and venue is None and (_ENDS_WITH_YEAR.search(part) or _preprint_dated(part)):
            venue = part.rstrip(". ")
    return Tail(authors, venue)


def _preprint_dated(part: str) -> bool:
    """``arXiv 2024.03``, ``arXiv 2023,08``: a preprint server and the month it put the paper
    up (which names no venue, and dates the paper)."""
    return PREPRINT_SERVER.match(part) is not None and _MONTH_DATED.search(part) is not None


_MONTH_DATED = re.compile(r"\b(?:19|20)\d\d[.,/-]\s?\d\d?(?:[./-]\d\d?)?\W*$")


# Words in brackets at the end of a part: "CoRL 2021 (Oral)", "ICRA 2022 [best paper award]".
_BRACKETED_NOTE = re.compile(r"\s*[(\[]([^()\[\]]+)[)\]][\s.,;]*$")
# A venue and its year in brackets at the end of a part: "Ann Lee, Bo Chen (CoRL 2021)".
_BRACKETED_VENUE = re.compile(
    r"\s*[(\[]([^()\[\]]*?(?:(?:19|20)\d\d|['\u2018\u2019]\d\d))\s*[)\]][\s.,;]*$"
)


# Words after a year at the end of a part: "CoRL 2021 Oral", "ICRA 2022, Best Paper Award".
_NOTE_AFTER_YEAR = re.compile(
    r"(?:(?<!\d)(?:19|20)\d\d|['\u2018\u2019]\d\d)((?:[\s,:\u2013\u2014-]+[A-Za-z]+)+)[\s.,;!]*$"
)


# Where in a journal: "Vol.7 No.2", "vol. 7, no. 2, pp. 1-8" (a reference's locators).
_LOCATOR = re.compile(
    r"(?:\s?,\s?|\s)(?:vol(?:ume)?|no|num(?:ber)?|issue|pp?|pages)\.?\s?\d+"
    r"(?:\s?[-\u2013\u2014]{1,2}\s?\d+)?(?=[\s,.;]|$)",
    re.IGNORECASE,
)


# Brackets a link was taken out of: "[CVPR 2018] [ ]" for "[CVPR 2018] [[Code](...)]".
EMPTY_BRACKETS = re.compile(r"\[[\s|,;]*\]|\([\s|,;]*\)")
# A part in brackets, whole, which may hold a note in brackets: "[CVPR 2018 (oral)]".
_ENCLOSED = re.compile(r"^\s*(?:\[([^\[\]]*)\]|\(((?:[^()]|\([^()]*\))*)\))[\s.,;]*$")


def _parts(text: str) -> Iterator[str]:
    """The parts of a tail (separated by ``|``); a bracketed venue that ends one is a part of
    its own, so that the authors before it stay apart from it, and a note of how the paper
    was presented, in brackets or after the venue's year (``CoRL 2021 (oral)``, ``CoRL 2021
    Oral``), is left out."""
    for part in text.split("|"):
        # One space between words: the expressions below then meet no long run of spaces.
        part = EMPTY_BRACKETS.sub("", _LOCATOR.sub("", " ".join(part.split())))
        enclosed = _ENCLOSED.match(part)  # "[CVPR 2018 (oral)]": the note is inside
        part = without_note(
            next(g for g in enclosed.groups() if g is not None) if enclosed else part
        )
        bracketed = _BRACKETED_VENUE.search(part)
        if bracketed and part[: bracketed.start()].strip(EDGES):
            yield part[: bracketed.start()]
            yield bracketed.group(1)
        else:
            yield part


# Words that say how a paper was presented or what it won: "Oral, CVPR 2022", "Best Paper
# Award, RSS 2023" name the venue after them.
_PRESENTED = frozenset(
    {"oral", "spotlight", "poster", "highlight", "best", "paper", "award", "outstanding"}
    | {"honorable", "honourable", "mention", "finalist", "talk", "contributed", "invited"}
    | {"presentation", "long", "short", "papers"}
)


def without_note(text: str) -> str:
    """``CoRL 2021 (Oral)``, ``CoRL 2021 Oral``: the text without the note after it of how
    the paper was presented, in brackets or after the year."""
    note = _BRACKETED_NOTE.search(text)
    if note and _presented(note.group(1)):
        text = text[: note.start()]
    note = _NOTE_AFTER_YEAR.search(text)
    if note and _presented(note.group(1)):
        text = text[: note.start(1)]
    return text


# A date, or a venue and its year, ends with the year ("2023", "'23"), a month and day after
# it ("2023.05", "2023-05-12"), or a workshop or track ("CVPR 2023 Workshop").
_ENDS_DATED = re.compile(
    rf"(?:(?:19|20)\d\d|['\u2018\u2019]\d\d)(?:[./-]\d\d?){{0,2}}{_WORKSHOP}\W*$", re.IGNORECASE
)


def ends_dated(text: str) -> bool:
    """Whether text ends as a date or a venue with its year does, a note of how the paper
    was presented aside (``NeurIPS 2022 (Oral)``); not a sentence that names a year."""
    return _ENDS_DATED.search(without_note(text)) is not None


def _presented(words: str) -> bool:
    """``Oral``, ``**Spotlight**``, ``Best Paper Award``: words that only say how a paper was
    presented or what it won."""
    found = [w.lower().strip(EDGES + "*_)]") for w in words.split()]
    return all(w in _PRESENTED for w in found if w) and any(found)


def _after_surname(part: str) -> str:
    """``Mildenhall, 2020`` or ``Müller, SIGGRAPH 2022``: one word before a venue reads as a
    surname, not as the venue's name. It is left out (one word is not taken for the authors
    either, see :func:`name_list`); what follows it is the venue. So are words that say how
    the paper was presented (``Oral, CVPR 2022``)."""
    head, venue = _venue_after(" ".join(part.split()))
    head = head.strip(EDGES)
    if not venue or not head:
        return part
    if all(word.lower().strip("*_()") in _PRESENTED for word in head.split()):
        return venue
    if " " not in head and _personal(head) and not _venue_word(head):
        return venue
    names = read_authors(head)
    if head.count(",") >= 2 or (
        names is not None and len(names[0]) >= 2 and all(len(n.split()) >= 2 for n in names[0])
    ):
        # "Zhuo Chen, Di yin, Zhuotao Jin. Arxiv 2025", "LG AI Research, Kyunghoon Bae, ...":
        # names, or a list of them, that name_list does not take for authors ("yin", a
        # company); the venue is what follows them, not all of it.
        return venue
    return part


def split_nickname(title: str) -> tuple[str, str | None]:
    """``Denoising Diffusion Policy (DDP)``: the title and the name the paper goes by."""
    found = _NICKNAME.match(title)
    if not found:
        return title, None
    name = found.group(2)
    if name.lower() in _NOT_NICKNAMES or not any(c.isupper() or c.isdigit() for c in name[1:]):
        return title, None
    if _spells_last_words(found.group(1), name):
        return title, None  # "... in the Era of Large Language Models (LLMs)": the title's
    return found.group(1), name


def _spells_last_words(head: str, name: str) -> bool:
    """Whether ``name`` is a plural abbreviation of the last words of ``head``: a kind of
    thing the title spells out (``Large Language Models (LLMs)``), where a method's name is
    singular (``Contrastive Predictive Coding (CPC)``, ``Robot Learning from Play (RLfP)``)."""
    if not (name.endswith("s") and name[:-1].isupper() and 2 <= len(name) - 1 <= 6):
        return False
    letters = name[:-1]
    words = re.findall(r"[A-Za-z][\w'-]*", head)
    tail = words[-len(letters) :]
    return len(words) > len(letters) and all(
        w[0].lower() == c.lower() for w, c in zip(tail, letters, strict=True)
    )


# What may follow a list of names: a venue, after a comma or a full stop that ends no initial.
_CUT = re.compile(r"[,;.]\s+")
_PARENTHESES = re.compile(r"\s*\([^()]*\)")
# Lower-case words of names ("Ludwig van Beethoven", "Ana de la Cruz").
_PARTICLES = frozenset(
    {"van", "von", "de", "der", "den", "del", "della", "da", "di", "du", "dos", "das", "la"}
    | {"le", "bin", "ibn", "al", "el", "y", "i", "ten", "ter", "zu"}
)
# Capitalised words a line may hold after a title that are not names.
_NOT_NAMES = frozenset(
    {"arxiv", "preprint", "oral", "spotlight", "poster", "survey", "workshop", "journal"}
    | {"conference", "proceedings", "proc", "code", "paper", "project", "video", "award"}
    | {"best", "accepted", "submitted", "review", "dataset", "benchmark", "the", "of", "for"}
    | {"in", "on", "with", "to", "learning", "neural", "network", "networks"}
    | {"model", "models", "deep", "via", "towards", "using", "new", "official", "github"}
    # How a paper was presented ("ICCV Highlight, 2025"), and the words of journals' and
    # conferences' names ("Nature Machine Intelligence, Mar 2025").
    | {"highlight", "honorable", "mention", "finalist", "talk", "invited", "nature", "science"}
    | {"intelligence", "machine", "robotics", "transactions", "letters", "magazine", "ieee"}
    | {"automation", "systems", "communications", "advances", "research", "international"}
    | {"symposium", "society", "annual", "humanoids", "computing", "computer", "vision", "acm"}
)


def name_list(part: str) -> tuple[str | None, str | None]:
    """``Alice Smith, Bob Jones, Carol Wu. CVPR 2021``: the names as written (when every one
    reads as a person's name, and they are more than one surname) and the venue after them.
    Notes in parentheses ("(*: Equal contribution)") are left out."""
    text = " ".join(_PARENTHESES.sub("", part).split()).strip(EDGES)
    head, venue = _venue_after(without_note(text).strip(EDGES))  # "…, NeurIPS 2020, Spotlight"
    head = head.strip(EDGES)
    found = read_authors(head) if head else None
    if found is None:
        return None, None
    names, _ = found
    if len(names) == 1 and len(names[0].split()) == 1:
        return None, None  # "Oral", "Mildenhall": one word is not a list of names
    if not all(_personal(name) for name in names):
        return None, None
    return head, venue


def _venue_after(text: str) -> tuple[str, str | None]:
    """The text before a venue that ends it (``…, CVPR 2021``, ``… . ICLR 2017``), and that
    venue; ``CoRL, 2024`` stays one venue."""
    if not _ENDS_WITH_YEAR.search(text):
        return text, None
    cuts = [
        m
        for m in _CUT.finditer(text)
        if not _ends_initial(text, m.start()) and not _ends_month(text, m.start())
    ]
    if not cuts:
        return "", text
    at = len(cuts) - 1
    venue = text[cuts[at].end() :]
    if at > 0 or _ONLY_DATE.match(venue.strip(" .")):
        start = cuts[at - 1].end() if at > 0 else 0
        word = text[start : cuts[at].start()]
        if _ONLY_DATE.match(venue.strip(" .")) and _venue_words(word):
            at -= 1
            if at < 0:
                return "", text
    return text[: cuts[at].start()], text[cuts[at].end() :].rstrip(". ")


_MONTH_BEFORE = re.compile(rf"(?:^|\s){_MONTH}$", re.IGNORECASE)


def _ends_month(text: str, at: int) -> bool:
    """Whether the full stop at ``at`` ends a month's name ("Nov. 2024")."""
    return text[at] == "." and _MONTH_BEFORE.search(text, max(0, at - 12), at + 1) is not None


def _ends_initial(text: str, at: int) -> bool:
    """Whether the full stop at ``at`` ends an initial ("A. Smith")."""
    return (
        text[at] == "."
        and at >= 1
        and text[at - 1].isupper()
        and (at == 1 or text[at - 2] in " .-")
    )


def venue_at_end(text: str) -> tuple[str, str] | None:
    """``Title, CoRL 2021`` or ``Title, ICRA'22``: the text before the last comma and the venue
    after it (see :func:`_ending_venue`); None otherwise."""
    head, comma, last = text.rpartition(",")
    return _ending_venue(head, last) if comma else None


_IN_BRACKETS_AT_END = re.compile(r"^(.*\S)\s*\(([^()]+)\)$")


def venue_in_brackets_at_end(text: str) -> tuple[str, str] | None:
    """``Title (CoRL 2021)``: the text before the brackets and the venue in them (see
    :func:`_ending_venue`); None otherwise (``(RLfP)``, ``(2021)`` and ``(Walking 2021)`` are
    no venues)."""
    found = _IN_BRACKETS_AT_END.match(text)
    return _ending_venue(found.group(1), found.group(2)) if found else None


def _ending_venue(head: str, last: str) -> tuple[str, str] | None:
    """``head`` and the venue ``last`` that ends a title, when that venue is one word that
    names one (``CoRL``, not ``Walking``) and its year, after two words or more."""
    last = last.strip(" .")
    venue = read_venue(last)
    if venue is None or venue.named is None or len(head.split()) < 2:
        return None
    # A preprint server's name reads as no venue ("arXiv 2023"): still where the title ends.
    name = (venue.name or last).split()
    if len(name) > 2 or not _venue_word(name[0]):
        return None
    return head, last


def _venue_word(word: str) -> bool:
    """``CoRL``, ``NeurIPS``, ``arXiv``: one word that names a venue, not a surname."""
    word = word.strip()
    return (
        bool(word)
        and " " not in word
        and (sum(c.isupper() for c in word) >= 2 or bool(PREPRINT_SERVER.match(word)))
    )


def venue_tag(text: str) -> bool:
    """``CoRL``, ``ICRA 2024``, ``CVPR'23``, ``RSS Workshop``, ``arXiv 2025.12``: a tag that
    names a venue (its letters first, with its year or not) or a preprint server, not
    ``Survey`` or ``Oral``."""
    venue = read_venue(text)
    if venue is None or _UNPUBLISHED.match(text.strip(EDGES)):
        return False
    if venue.name is None:
        return True  # a preprint server or a date
    words = YEAR.sub("", venue.name).split()
    return 0 < len(words) <= 4 and _venue_word(words[0])


def _venue_words(text: str) -> bool:
    """``CoRL``, ``IEEE RA-L``: words each of which names a venue (or its publisher)."""
    words = text.split()
    return bool(words) and all(_venue_word(w) for w in words)


_IN_NAMES = ".-'\u2019"


def _personal(name: str) -> bool:
    """Whether a name reads as a person's: capitalised words (or initials, or a particle),
    none a word that names something else."""
    words = name.split()
    if not words or any(w.lower().strip(".") in _NOT_NAMES for w in words):
        return False
    for word in words:
        if not all(c.isalpha() or c in _IN_NAMES for c in word):
            return False
        if word.lower() not in _PARTICLES and word[0].islower():
            return False
    return any(not w[0].islower() for w in words)
