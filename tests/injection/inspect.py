"""Reading a built page the way a browser would: its text, and any markup a payload created."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Attributes whose value a browser follows or loads.
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster", "data"})
SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:|#|\.{0,2}/|[\w.~%-]+(?:[/?#]|$)|$)", re.IGNORECASE)
# Elements no page of the site uses; a payload that became markup would bring them.
FOREIGN_ELEMENTS = frozenset(
    {"iframe", "object", "embed", "base", "frame", "frameset", "applet", "math", "textarea"}
)
EVIL_HOST = "evil.example"
TOKEN = re.compile(r"qz\d{3}")


def normalize(text: str) -> str:
    return " ".join(text.split())


class Page(HTMLParser):
    """Text of a page (tags become spaces; script and style content left out) and the markup
    problems found in it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.problems: list[str] = []
        self.raw_element: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(" ")
        if tag in FOREIGN_ELEMENTS:
            self.problems.append(f"<{tag}> element")
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self.problems.append("<meta http-equiv> element")
        for name, value in attrs:
            self.check_attribute(tag, name, value or "")
        if tag in ("script", "style"):
            self.raw_element = tag

    def check_attribute(self, tag: str, name: str, value: str) -> None:
        if name.startswith("on"):
            self.problems.append(f"<{tag} {name}=...> event handler")
        if name not in URL_ATTRIBUTES:
            return
        url = value.strip()
        if EVIL_HOST in url:
            self.problems.append(f"<{tag} {name}={value!r}> points at a payload's host")
        if url.startswith("//") or not SAFE_SCHEME.match(url):
            self.problems.append(f"<{tag} {name}={value!r}> is not an http(s) or relative URL")

    def handle_endtag(self, tag: str) -> None:
        self.parts.append(" ")
        if tag == self.raw_element:
            self.raw_element = None

    def handle_data(self, data: str) -> None:
        if self.raw_element is not None:
            if "alert(" in data or "display:none" in data:
                self.problems.append(f"<{self.raw_element}> holding a payload: {data[:60]!r}")
            return
        self.parts.append(data)

    @property
    def text(self) -> str:
        return normalize("".join(self.parts))


def read_page(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def misplaced(text: str, values: dict[str, str]) -> list[str]:
    """Tokens found in ``text`` whose whole value is not there: a payload turned into markup
    (or cut short) on the way to the page."""
    flat = normalize(text)
    return [
        f"{token}: {values[token]!r}"
        for token in sorted(set(TOKEN.findall(flat)))
        if token in values and normalize(values[token]) not in flat
    ]
