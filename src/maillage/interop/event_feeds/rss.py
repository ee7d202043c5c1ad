"""RSS 2.0 of the agenda: one item per event (not per slot), newest events first as given.

Item: title (prefixed « Annulé : », « Reporté : », « Complet : » when so), link and permalink guid (the event
page), pubDate (RFC 822: when the event was published, else last changed, else `now`), description
(HTML, escaped by the XML writer: the summary and every slot in French), one category per keyword.
"""

from collections.abc import Iterable
from datetime import datetime
from email.utils import format_datetime
from html import escape
from typing import Final
from xml.etree import ElementTree as ET

from maillage.interop.event_feeds.dates import format_slot_fr, to_paris
from maillage.interop.events import EventRecord

TITLE_PREFIXES: Final = {"annule": "Annulé : ", "reporte": "Reporté : ", "complet": "Complet : "}
MEDIA_TYPE: Final = "application/rss+xml; charset=utf-8"


def rfc822(moment: datetime) -> str:
    """« Tue, 03 Mar 2026 14:00:00 +0100 » on the Paris clock."""
    return format_datetime(to_paris(moment))


def item_description(event: EventRecord) -> str:
    """The summary, then the slots in French, as a small HTML fragment."""
    parts = [f"<p>{escape(event.summary)}</p>"] if event.summary.strip() else []
    if event.slots:
        slots = "".join(f"<li>{escape(format_slot_fr(slot.begin, slot.end))}</li>" for slot in event.slots)
        parts.append(f"<ul>{slots}</ul>")
    return "".join(parts)


def _text(parent: ET.Element, tag: str, text: str, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    element.text = text
    return element


def write_rss(
    events: Iterable[EventRecord], *, title: str, link: str, description: str, now: datetime
) -> str:
    """The feed as an XML document (UTF-8 declared). `link` is the absolute URL of the agenda page."""
    rss = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", title)
    _text(channel, "link", link)
    _text(channel, "description", description)
    _text(channel, "language", "fr")
    _text(channel, "lastBuildDate", rfc822(now))
    _text(channel, "generator", "Maillage")
    for event in events:
        item = ET.SubElement(channel, "item")
        _text(item, "title", TITLE_PREFIXES.get(event.status, "") + event.title)
        if event.url:
            _text(item, "link", event.url)
            _text(item, "guid", event.url, isPermaLink="true")
        else:
            _text(item, "guid", f"urn:uuid:{event.uid}", isPermaLink="false")
        _text(item, "description", item_description(event))
        _text(item, "pubDate", rfc822(event.created_at or event.updated_at or now))
        for keyword in event.keywords:
            if keyword.strip():
                _text(item, "category", keyword)
    ET.indent(rss)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(rss, encoding="unicode") + "\n"
