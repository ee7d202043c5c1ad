"""Maillage's own JSON of the agenda: a documented, stable shape (version 1), for anyone to reuse.

    {
      "format": "maillage-agenda", "version": 1, "generated_at": "2026-03-01T10:00:00+01:00",
      "events": [{
        "uid": "…", "url": "https://…", "title": "…", "summary": "…",
        "description_markdown": "…", "description_html": "…",
        "status": "programme" | "reporte" | "complet" | "annule",
        "attendance_mode": "offline" | "online" | "mixed",
        "slots": [{"uid": "…", "begin": "2026-03-03T14:00:00+01:00", "end": "…"}],
        "location": null | {"name", "address", "postal_code", "city", "insee_code",
                            "latitude": float | null, "longitude": float | null, "place_id"},
        "online_url": "…", "organiser": "…",
        "keywords": ["…"], "audience": ["…"], "accessibility": ["…"],
        "free": true, "price": "…",
        "registration": [{"kind": "link" | "phone" | "email" | "maillage", "value": "…"}],
        "image": null | {"url": "…", "alt": "…"},
        "created_at": "…" | null, "updated_at": "…" | null, "external_id": "…"
      }]
    }

Times are ISO 8601 with their offset, on the Paris clock. Keys are always present (empty strings and lists
rather than missing keys); new keys may be added in version 1, none removed or renamed.
`JSON_SCHEMA_PATH` is the JSON Schema of this shape.
"""

from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Final

from maillage.interop.event_feeds.dates import to_paris
from maillage.interop.events import EventRecord, LocationRecord

FORMAT: Final = "maillage-agenda"
VERSION: Final = 1
JSON_SCHEMA_PATH: Final = Path(__file__).with_name("maillage_agenda.schema.json")


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else to_paris(moment).isoformat()


def _location(place: LocationRecord | None) -> dict[str, object] | None:
    if place is None:
        return None
    return {
        "name": place.name,
        "address": place.address,
        "postal_code": place.postal_code,
        "city": place.city,
        "insee_code": place.insee_code,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "place_id": place.place_id,
    }


def event_json(event: EventRecord) -> dict[str, object]:
    """One event in the shape above."""
    return {
        "uid": event.uid,
        "url": event.url,
        "title": event.title,
        "summary": event.summary,
        "description_markdown": event.description_markdown,
        "description_html": event.description_html,
        "status": event.status,
        "attendance_mode": event.attendance_mode,
        "slots": [{"uid": slot.uid, "begin": iso(slot.begin), "end": iso(slot.end)} for slot in event.slots],
        "location": _location(event.location),
        "online_url": event.online_url,
        "organiser": event.organiser,
        "keywords": list(event.keywords),
        "audience": list(event.audience),
        "accessibility": list(event.accessibility),
        "free": event.free,
        "price": event.price,
        "registration": [{"kind": item.kind, "value": item.value} for item in event.registration],
        "image": {"url": event.image_url, "alt": event.image_alt} if event.image_url else None,
        "created_at": iso(event.created_at),
        "updated_at": iso(event.updated_at),
        "external_id": event.external_id,
    }


def write_json(events: Iterable[EventRecord], *, now: datetime) -> dict[str, object]:
    """The whole feed, ready for `json.dumps` (or django-ninja / JsonResponse)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "generated_at": iso(now),
        "events": [event_json(event) for event in events],
    }
