"""Write agenda events in OpenAgenda's event JSON: `{"total": n, "events": [...]}` as its exports are.

Multilingual fields are written in French only (`{"fr": ...}`); `description` is the summary cut to 200
characters, `longDescription` the Markdown; timings are ISO 8601 with the Paris offset. `uid` is the
event's OpenAgenda uid when it came from there (`external_id`), else Maillage's uid; Maillage's uid is
also kept in `extIds` (key « maillage-uid ») so that a re-import finds the same event.
"""

from collections.abc import Iterable
from datetime import datetime

from maillage.interop.event_feeds.dates import to_paris
from maillage.interop.events import EventRecord, LocationRecord
from maillage.interop.icalendar.timezone import TZID
from maillage.interop.openagenda.mapping import (
    ACCESSIBILITY_CODES,
    ACCESSIBILITY_TO_OPENAGENDA,
    ATTENDANCE_TO_OPENAGENDA,
    CONDITIONS_MAX,
    LANGUAGE,
    MAILLAGE_EXT_ID_KEY,
    REGISTRATION_TO_OPENAGENDA,
    STATUS_TO_OPENAGENDA,
    TITLE_MAX,
    conditions_text,
    cut_text,
    short_description,
)

JsonObject = dict[str, object]


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else to_paris(moment).isoformat()


def _location(place: LocationRecord) -> JsonObject:
    return {
        "name": place.name,
        "address": place.address,
        "postalCode": place.postal_code,
        "city": place.city,
        "insee": place.insee_code or None,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "countryCode": "FR",
        "timezone": TZID,
    }


def _image(url: str) -> JsonObject | None:
    if not url:
        return None
    base, _, filename = url.rpartition("/")
    return {"base": f"{base}/", "filename": filename} if base and filename else {"base": "", "filename": url}


def openagenda_uid(event: EventRecord) -> int | str:
    uid = event.external_id or event.uid
    return int(uid) if uid.isdigit() and not uid.startswith("0") else uid


def event_to_openagenda(event: EventRecord) -> JsonObject:
    """One event in OpenAgenda's shape."""
    enabled = {
        ACCESSIBILITY_TO_OPENAGENDA[word]
        for word in event.accessibility
        if word in ACCESSIBILITY_TO_OPENAGENDA
    }
    conditions = cut_text(conditions_text(free=event.free, price=event.price), CONDITIONS_MAX)
    return {
        "uid": openagenda_uid(event),
        "extIds": [{"key": MAILLAGE_EXT_ID_KEY, "value": event.uid}],
        "title": {LANGUAGE: cut_text(event.title, TITLE_MAX)},
        "description": {LANGUAGE: short_description(event.summary)},
        "longDescription": {LANGUAGE: event.description_markdown} if event.description_markdown else None,
        "conditions": {LANGUAGE: conditions} if conditions else None,
        "keywords": {LANGUAGE: list(event.keywords)},
        "timings": [{"begin": _iso(slot.begin), "end": _iso(slot.end)} for slot in event.slots],
        "location": _location(event.location) if event.location is not None else None,
        "attendanceMode": ATTENDANCE_TO_OPENAGENDA[event.attendance_mode],
        "onlineAccessLink": event.online_url or None,
        "registration": [
            {"type": REGISTRATION_TO_OPENAGENDA.get(item.kind, "link"), "value": item.value}
            for item in event.registration
        ],
        "status": STATUS_TO_OPENAGENDA.get(event.status, 1),
        "accessibility": {code: code in enabled for code in ACCESSIBILITY_CODES},
        "image": _image(event.image_url),
        "timezone": TZID,
        "createdAt": _iso(event.created_at),
        "updatedAt": _iso(event.updated_at),
    }


def write_openagenda(events: Iterable[EventRecord]) -> JsonObject:
    """The export, ready for `json.dumps(..., ensure_ascii=False)`."""
    items = [event_to_openagenda(event) for event in events]
    return {"total": len(items), "events": items}
