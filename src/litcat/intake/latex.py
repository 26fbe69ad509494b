"""LaTeX in BibTeX fields to the plain text records hold, and what could not be decoded.

pylatexenc (bibtexparser's own decoder) does the decoding; this module tells it the few things
BibTeX text means that LaTeX alone does not, and keeps a note of what it had to guess:

- ``{\\TeX}``, ``\\LaTeX`` and their kin are words, not nothing;
- ``\\textasciicircum`` is ``^`` (not the modifier letter U+02C6); ``~`` is a space;
- a bare ``%`` or ``&`` is text in a BibTeX field, not a comment that cuts the title;
- an unknown macro is dropped, its argument kept, and a note names it;
- in math, a subscript joins its base (``$\\pi_0$`` is ``π0``, ``$\\pi_{0.5}$`` is ``π0.5``,
  ``$\\pi_\\texttt{RL}$`` is ``πRL``, as such names are written in text), a superscript of digits
  is written with Unicode's (``$n^2$`` is ``n²``) and any other keeps its caret.

The BibTeX writer (:mod:`litcat.formats.bibtex`) escapes exactly what this decodes, so that an
exported entry reads back as the record it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db
from pylatexenc.latexwalker import LatexWalkerError

_WORDS = {
    "TeX": "TeX",
    "LaTeX": "LaTeX",
    "LaTeXe": "LaTeX2e",
    "BibTeX": "BibTeX",
    "XeTeX": "XeTeX",
    "LuaTeX": "LuaTeX",
    "textasciicircum": "^",
    "textasciitilde": "~",
    "textbackslash": "\\",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "textunderscore": "_",
    "textquotedbl": '"',
    "relax": "",
    "noopsort": "",
    "/": "",
    # Old font switches ({\rm GeV}, {\cal O}): the text after them is what counts.
    **dict.fromkeys(("rm", "it", "bf", "sf", "tt", "sc", "sl", "em", "cal", "bm"), ""),
}
# Font commands whose argument is the text (pylatexenc knows \textit and \textbf, not these).
_KEEP_ARGUMENT = (
    *("textsf", "texttt", "textrm", "textnormal", "textup", "textmd", "text", "mbox"),
    *("mathsf", "mathtt", "mathrm", "mathit", "mathbf", "mathcal", "mathbb", "mathfrak"),
    *("mathscr", "boldsymbol", "operatorname"),
)
# $...$ not opened or closed by an escaped \$; and in it, _ or ^ with its argument: a group,
# a macro with an optional group ({\texttt{RL}}), or one character.
_MATH = re.compile(r"(?<!\\)\$(.+?)(?<!\\)\$")
_SCRIPT = re.compile(r"([_^])(?:\{([^{}]*)\}|(\\[A-Za-z]+(?:\{[^{}]*\})?)|([^\s\\{}]))")
_SUPERSCRIPT = str.maketrans("0123456789+-=()", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾")
_SCRIPTABLE = frozenset("0123456789+-=()")
# A % or & not escaped by a backslash (an even run of backslashes before it escapes nothing):
# to LaTeX a comment and an alignment tab, in a title a percent sign and an ampersand.
_BARE = re.compile(r"(?<!\\)((?:\\\\)*)([%&])")
# ~ is a tie; \~ is an accent and stays for the decoder.
_TIE = re.compile(r"(?<!\\)((?:\\\\)*)~")
# Not \\s: a no-break space in a title is a character of the title, kept.
_SPACES = re.compile(r"[ \t\r\n]+")


@dataclass
class _Unknown:
    """The unknown macros met while decoding one text (the decoder calls back into this)."""

    names: list[str] = field(default_factory=list)

    def __call__(self, node: Any, *_: Any) -> str:
        name = str(getattr(node, "macroname", "?"))
        if name not in self.names:
            self.names.append(name)
        return ""


_UNKNOWN = _Unknown()


def _decoder() -> LatexNodes2Text:
    db = get_default_latex_context_db()
    db.add_context_category(
        "litcat-bibtex",
        macros=[
            *(MacroTextSpec(name, text) for name, text in _WORDS.items()),
            *(MacroTextSpec(name, discard=False) for name in _KEEP_ARGUMENT),
        ],
        prepend=True,
    )
    db.set_unknown_macro_spec(MacroTextSpec("", simplify_repl=_UNKNOWN))
    return LatexNodes2Text(
        latex_context=db, math_mode="text", keep_comments=False, strict_latex_spaces=False
    )


_DECODER = _decoder()


def _script(match: re.Match[str]) -> str:
    mark = match.group(1)
    arg = next(g for g in match.groups()[1:] if g is not None)
    if mark == "_":
        return f"{{{arg}}}"
    if arg and set(arg) <= _SCRIPTABLE and any(c.isdigit() for c in arg):
        return arg.translate(_SUPERSCRIPT)
    return f"^{{{arg}}}" if len(arg) == 1 else f"^({{{arg}}})"


def _scripts(text: str) -> str:
    """Sub- and superscripts in math as plain text can show them (see the module's notes)."""
    if "$" not in text:
        return text
    return _MATH.sub(lambda m: "$" + _SCRIPT.sub(_script, m.group(1)) + "$", text)


# The decoder recurses into each group: braces nested deeper than any title needs would end
# in a RecursionError (and take long before). Such a value is kept as written.
MAX_NESTING = 40


def nesting(text: str) -> int:
    """How deep ``text``'s braces go, in one pass."""
    depth = deepest = 0
    for char in text:
        if char == "{":
            depth += 1
            deepest = max(deepest, depth)
        elif char == "}":
            depth = max(depth - 1, 0)
    return deepest


# What LaTeX reads as other than itself: specials, and the ligatures -- --- `` '' !` ?`.
# A value without any is its own plain text (tests/test_fastpaths.py holds this to the decoder).
_LATEX = re.compile(r"[\\{}$%&~#^_`]|--|''")


# The same without braces: most BibTeX titles hold nothing else, ``{GANs} for the {LHC}``.
_LATEX_BUT_BRACES = re.compile(r"[\\$%&~#^_`]|--|''")


def _groups_only(text: str) -> bool:
    """Whether ``text``'s braces close in order, none nested past :data:`MAX_NESTING`."""
    depth = 0
    for char in text:
        if char == "{":
            depth += 1
            if depth > MAX_NESTING:
                return False
        elif char == "}":
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def decode(text: str) -> tuple[str, list[str]]:
    """The plain text of a LaTeX field value, with a note for each thing that was guessed."""
    if _LATEX.search(text) is None:
        return _SPACES.sub(" ", text).strip(), []
    if _LATEX_BUT_BRACES.search(text) is None and _groups_only(text):
        # Groups of plain text read as their text (tests/test_fastpaths.py holds this too).
        return _SPACES.sub(" ", text.replace("{", "").replace("}", "")).strip(), []
    return decode_latex(text)


def decode_latex(text: str) -> tuple[str, list[str]]:
    """``decode`` by the LaTeX decoder, for every value."""
    notes: list[str] = []
    if nesting(text) > MAX_NESTING or text.count("\\begin") > MAX_NESTING:
        return text, [f"braces nested more than {MAX_NESTING} deep; kept as written"]
    for bare in sorted({m.group(2) for m in _BARE.finditer(text)}):
        notes.append(f"a bare {bare} is read as the character {bare}")
    text = _BARE.sub(r"\1\\\2", text)
    text = _TIE.sub(r"\1 ", text)
    text = _scripts(text)
    _UNKNOWN.names.clear()
    try:
        plain = _DECODER.latex_to_text(text)
    except LatexWalkerError as exc:
        notes.append(f"LaTeX could not be read ({exc}); kept as written")
        plain = text
    except RecursionError:
        notes.append("LaTeX nested too deep to read; kept as written")
        plain = text
    for name in _UNKNOWN.names:
        notes.append(f"unknown LaTeX macro \\{name} left out (its argument is kept)")
    return _SPACES.sub(" ", plain).strip(), notes


def math_text(text: str) -> str:
    """``text`` with only its ``$...$`` parts decoded: the arXiv API gives titles as their
    authors typed them (``$\\pi_0$: A Vision-Language-Action Flow Model``), where the rest is
    plain text already (a ``~`` or ``%`` there is that character)."""
    if "$" not in text:
        return text
    return _MATH.sub(lambda m: decode(m.group())[0], text)
