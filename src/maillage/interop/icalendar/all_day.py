"""A calendar of all-day entries (RFC 5545 VALUE=DATE, DTEND exclusive): the lending staff feed.

Each entry has a stable UID, so a subscribed calendar updates it in place; no time zone is needed for
whole days.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from maillage.interop.icalendar.content import CRLF, content_line, escape_text, utc_stamp


@dataclass(frozen=True)
class DayEntry:
    uid: str
    first: date
    last: date  # inclusive
    summary: str
    description: str = ""
    url: str = ""


def write_day_calendar(entries: Iterable[DayEntry], *, name: str, domain: str, now: datetime) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Maillage//Prêt de matériel//FR",
        "CALSCALE:GREGORIAN",
        content_line("X-WR-CALNAME", escape_text(name)),
    ]
    stamp = utc_stamp(now)
    for entry in entries:
        lines += [
            "BEGIN:VEVENT",
            content_line("UID", f"{entry.uid}@{domain}"),
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{entry.first:%Y%m%d}",
            f"DTEND;VALUE=DATE:{entry.last + timedelta(days=1):%Y%m%d}",
            content_line("SUMMARY", escape_text(entry.summary)),
        ]
        if entry.description:
            lines.append(content_line("DESCRIPTION", escape_text(entry.description)))
        if entry.url:
            lines.append(content_line("URL", entry.url))
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return CRLF.join(lines) + CRLF
