"""Write the agenda as iCalendar (RFC 5545): a subscribable feed, or one event to add to a calendar.

One VEVENT per slot. Its UID, « <slot uid>@<domain> », never changes, so a calendar that subscribed
updates the event in place; SEQUENCE grows with the event's `updated_at`, so a change (a cancellation:
STATUS:CANCELLED) replaces what calendars hold. Times are written on the Paris clock with TZID and the
VTIMEZONE of Europe/Paris; stamps (DTSTAMP, LAST-MODIFIED, CREATED) in UTC.

Statuses: programmé and complet → CONFIRMED (« complet » is said in the description), reporté →
TENTATIVE, annulé → CANCELLED.
"""

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Final

from maillage.interop.event_feeds.text import location_text, plain_description
from maillage.interop.events import EventRecord, SlotRecord
from maillage.interop.icalendar.content import (
    CRLF,
    content_line,
    escape_text,
    param_value,
    paris_local,
    utc_stamp,
)
from maillage.interop.icalendar.timezone import TZID, VTIMEZONE_LINES

ICS_STATUS: Final = {
    "programme": "CONFIRMED",
    "complet": "CONFIRMED",
    "reporte": "TENTATIVE",
    "annule": "CANCELLED",
}
STATUS_NOTES: Final = {
    "complet": "Événement complet.",
    "reporte": "Événement reporté : de nouvelles dates seront annoncées.",
    "annule": "Événement annulé.",
}
SEQUENCE_EPOCH: Final = datetime(2020, 1, 1, tzinfo=UTC)
REFRESH_INTERVAL: Final = "PT6H"
MEDIA_TYPE: Final = "text/calendar; charset=utf-8"


def sequence_of(event: EventRecord) -> int:
    """SEQUENCE: seconds from 2020-01-01 UTC to `updated_at` — it grows with every saved change."""
    if event.updated_at is None:
        return 0
    return max(0, int((event.updated_at - SEQUENCE_EPOCH).total_seconds()))


def vevent_uid(slot: SlotRecord, domain: str) -> str:
    return f"{slot.uid}@{domain}"


def organiser_email(event: EventRecord) -> str:
    """The organiser's e-mail: `extra["organiser_email"]`, else the event's e-mail registration, else ""."""
    explicit = event.extra.get("organiser_email")
    if isinstance(explicit, str) and explicit.strip():
        return explicit.strip()
    return next((item.value.strip() for item in event.registration if item.kind == "email"), "")


def description_text(event: EventRecord) -> str:
    """Summary, status note, long description as plain text, online link, event page."""
    parts = [event.summary.strip(), STATUS_NOTES.get(event.status, ""), plain_description(event)]
    if event.online_url and event.location is not None:
        parts.append(f"En ligne : {event.online_url}")
    if event.url:
        parts.append(f"Plus d'informations : {event.url}")
    return "\n\n".join(part for part in parts if part)


def _vevent(event: EventRecord, slot: SlotRecord, *, domain: str, now: datetime) -> Iterator[str]:
    yield "BEGIN:VEVENT"
    yield content_line("UID", vevent_uid(slot, domain))
    yield content_line("DTSTAMP", utc_stamp(now))
    yield content_line("DTSTART", paris_local(slot.begin), tzid=TZID)
    yield content_line("DTEND", paris_local(max(slot.end, slot.begin)), tzid=TZID)
    yield content_line("SUMMARY", escape_text(event.title))
    description = description_text(event)
    if description:
        yield content_line("DESCRIPTION", escape_text(description))
    if event.url:
        yield content_line("URL", event.url)
    where = location_text(event)
    if where:
        yield content_line("LOCATION", escape_text(where))
    place = event.location
    if place is not None and place.latitude is not None and place.longitude is not None:
        yield content_line("GEO", f"{place.latitude:.6f};{place.longitude:.6f}")
    yield content_line("STATUS", ICS_STATUS.get(event.status, "CONFIRMED"))
    keywords = [escape_text(word) for word in event.keywords if word.strip()]
    if keywords:
        yield content_line("CATEGORIES", ",".join(keywords))
    email = organiser_email(event)
    if email:
        params = {"cn": param_value(event.organiser)} if event.organiser.strip() else {}
        yield content_line("ORGANIZER", f"mailto:{email}", **params)
    if event.created_at is not None:
        yield content_line("CREATED", utc_stamp(event.created_at))
    if event.updated_at is not None:
        yield content_line("LAST-MODIFIED", utc_stamp(event.updated_at))
    yield content_line("SEQUENCE", str(sequence_of(event)))
    yield "CLASS:PUBLIC"
    yield "END:VEVENT"


def _calendar(
    events: Iterable[EventRecord], *, calendar_name: str, prodid: str, now: datetime, domain: str
) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        content_line("PRODID", prodid),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        content_line("X-WR-CALNAME", escape_text(calendar_name)),
        content_line("NAME", escape_text(calendar_name)),
        f"X-WR-TIMEZONE:{TZID}",
        f"REFRESH-INTERVAL;VALUE=DURATION:{REFRESH_INTERVAL}",
        f"X-PUBLISHED-TTL:{REFRESH_INTERVAL}",
        *VTIMEZONE_LINES,
    ]
    for event in events:
        for slot in event.slots:
            lines.extend(_vevent(event, slot, domain=domain, now=now))
    lines.append("END:VCALENDAR")
    return CRLF.join(lines) + CRLF


def write_calendar(
    events: Iterable[EventRecord], *, calendar_name: str, prodid: str, now: datetime, domain: str
) -> str:
    """The whole calendar as text (CRLF line ends; encode it as UTF-8, serve it as `MEDIA_TYPE`).

    `prodid` is the product identifier, e.g. « -//Maillage//Agenda//FR »; `domain` the site's host name,
    suffix of every UID; `now` the DTSTAMP of every VEVENT (aware datetime).
    """
    return _calendar(events, calendar_name=calendar_name, prodid=prodid, now=now, domain=domain)


def write_event(event: EventRecord, *, prodid: str, now: datetime, domain: str) -> str:
    """One event (every slot) for « ajouter à mon agenda »; same UIDs as in the feeds, so no duplicate."""
    return _calendar([event], calendar_name=event.title, prodid=prodid, now=now, domain=domain)
