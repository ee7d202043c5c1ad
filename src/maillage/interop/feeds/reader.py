"""An RSS/Atom document → its entries, deduplicated by GUID (or link), or why it is unreadable."""

from __future__ import annotations

import calendar
import datetime
import hashlib
import html
from dataclasses import dataclass, field

import feedparser
import nh3


@dataclass(frozen=True)
class Entry:
    guid: str
    link: str
    title: str
    summary: str
    published: datetime.datetime | None


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    entries: list[Entry] = field(default_factory=list)
    error: str = ""


def _when(entry: feedparser.FeedParserDict) -> datetime.datetime | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return datetime.datetime.fromtimestamp(calendar.timegm(parsed), tz=datetime.UTC)


def _text(value: object, limit: int) -> str:
    return " ".join(str(value or "").split())[:limit]


def parse_feed(content: bytes) -> ParsedFeed:
    """Entries of the document; a document that is not a feed gives `error` in French and no entry."""
    parsed = feedparser.parse(content, sanitize_html=True, resolve_relative_uris=False)
    version = parsed.get("version", "")
    if not version and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({_text(reason, 200)})" if reason else ""
        return ParsedFeed(title="", error=f"Le document n'est pas un flux RSS ou Atom lisible{detail}.")
    entries: list[Entry] = []
    seen: set[str] = set()
    for raw in parsed.entries:
        link = _text(raw.get("link"), 1000)
        title = _text(raw.get("title"), 500) or link or "(sans titre)"
        guid = _text(raw.get("id"), 500) or link
        if not guid:
            guid = "sha1:" + hashlib.sha1(title.encode(), usedforsecurity=False).hexdigest()
        if guid in seen:
            continue
        seen.add(guid)
        summary = _text(html.unescape(nh3.clean(str(raw.get("summary") or ""), tags=set())), 2000)
        entries.append(Entry(guid=guid, link=link, title=title, summary=summary, published=_when(raw)))
    return ParsedFeed(title=_text(parsed.feed.get("title"), 200), entries=entries)
