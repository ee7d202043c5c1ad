"""Plain text out of the agenda's sanitised HTML, for feeds that carry no markup (iCalendar, OpenAgenda)."""

import re
from html.parser import HTMLParser
from typing import Final

from maillage.interop.events import EventRecord

_SPACES: Final = re.compile(r"[ \t\f\v]+")
_BLOCKS: Final = frozenset({"p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._href: str | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag == "a":
            self._href = dict(attrs).get("href") or None
            self._link_text = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self._href is not None:
            text = "".join(self._link_text).strip()
            if self._href not in (text, f"mailto:{text}", f"tel:{text}"):
                self.parts.append(f" ({self._href})")
            self._href = None

    def handle_data(self, data: str) -> None:
        data = data.replace("\r", " ").replace("\n", " ")  # in HTML a line break in text is a space
        self.parts.append(data)
        if self._href is not None:
            self._link_text.append(data)


def html_to_text(html: str) -> str:
    """Paragraphs separated by a blank line, list items as « - », links followed by their address."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = [_SPACES.sub(" ", line).strip(" ") for line in "".join(collector.parts).splitlines()]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def plain_description(event: EventRecord) -> str:
    """The long description as plain text: from the sanitised HTML, else the Markdown source as written."""
    if event.description_html.strip():
        return html_to_text(event.description_html)
    return event.description_markdown.strip()


def location_text(event: EventRecord) -> str:
    """« Name, address, postal code city » for a place; the online link for an online-only event."""
    place = event.location
    if place is None:
        return event.online_url
    town = " ".join(part for part in (place.postal_code, place.city) if part)
    parts: list[str] = []
    for part in (place.name, place.address, town):
        if part and part not in parts:
            parts.append(part)
    return ", ".join(parts)
