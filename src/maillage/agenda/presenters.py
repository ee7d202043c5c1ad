"""Events as the feeds see them: `EventRecord`s (interop/events.py), and small display helpers."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse

from maillage.agenda.domain.text import markdown_to_html
from maillage.agenda.domain.vocabularies import ACCESSIBILITY
from maillage.agenda.enums import RegistrationKind
from maillage.agenda.models import Event, EventSlot
from maillage.interop.events import EventRecord, LocationRecord, RegistrationRecord, SlotRecord


def absolute_url(path: str) -> str:
    return settings.MAILLAGE_PUBLIC_URL.rstrip("/") + path


def slot_uid(slot: EventSlot) -> str:
    return f"{slot.event_id}-{slot.pk}"


def location_record(event: Event) -> LocationRecord | None:
    if event.place_id is None and not (event.address or event.commune_id):
        return None
    commune = event.commune
    return LocationRecord(
        name=event.location_name or (event.place.name if event.place else ""),
        address=event.address,
        postal_code=event.postal_code,
        city=commune.name if commune else "",
        insee_code=commune.insee_code if commune else "",
        latitude=event.latitude,
        longitude=event.longitude,
        place_id=str(event.place_id or ""),
    )


def registration_records(event: Event) -> tuple[RegistrationRecord, ...]:
    kind = event.registration_kind
    if kind == RegistrationKind.NONE:
        return ()
    if kind == RegistrationKind.MAILLAGE:
        return (RegistrationRecord("maillage", absolute_url(event.get_absolute_url()) + "#inscription"),)
    return (RegistrationRecord(kind, event.registration_value),)


def event_record(event: Event, slots: Iterable[EventSlot] | None = None) -> EventRecord:
    """One event (with `slots`, or all of its slots) as every feed reads it."""
    chosen = list(event.slots.all() if slots is None else slots)
    return EventRecord(
        uid=str(event.pk),
        title=event.title,
        summary=event.summary,
        slots=tuple(SlotRecord(uid=slot_uid(s), begin=s.begin, end=s.end) for s in chosen),
        status=event.status,
        description_markdown=event.description,
        description_html=markdown_to_html(event.description),
        url=absolute_url(event.get_absolute_url()),
        location=location_record(event),
        online_url=event.online_url,
        organiser=event.organiser.name if event.organiser else "",
        keywords=tuple(event.keywords),
        audience=tuple(event.audience),
        accessibility=tuple(event.accessibility),
        free=event.free,
        price=event.price,
        registration=registration_records(event),
        image_url=absolute_url(reverse("agenda:event-image", args=[event.pk])) if event.image else "",
        image_alt=event.image_alt,
        updated_at=event.updated_at,
        created_at=event.created_at,
        external_id=event.external_id,
    )


def accessibility_labels(event: Event) -> list[str]:
    return [ACCESSIBILITY.get(code, code) for code in event.accessibility]


def host_name() -> str:
    url = settings.MAILLAGE_PUBLIC_URL
    return url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "maillage.invalid"
