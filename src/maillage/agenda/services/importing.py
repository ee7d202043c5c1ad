"""Writing the events an outside file holds (OpenAgenda), idempotently.

An event is found again by its Maillage uid (a file exported by Maillage carries it) or by
(`external_source`, `external_id`). Events made in Maillage are authoritative here: a file that comes
back never changes them (they count as unchanged). Imported events are updated from the file; their
slots are matched by start time, so the slots' ids (and so the ICS UIDs) stay the same across imports.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from maillage.agenda.domain.vocabularies import ACCESSIBILITY
from maillage.agenda.enums import LogAction, Publication, RegistrationKind, RegistrationStatus
from maillage.agenda.models import Event, EventLog, EventSlot
from maillage.core.text import normalize_commune
from maillage.interop.events import EventRecord
from maillage.territories.models import Commune


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def _commune(record: EventRecord) -> Commune | None:
    location = record.location
    if location is None:
        return None
    if location.insee_code:
        found = Commune.objects.filter(pk=location.insee_code).first()
        if found is not None:
            return found
    if location.city:
        candidates = Commune.objects.filter(search_name=normalize_commune(location.city)).order_by(
            "-in_territory"
        )
        for commune in candidates:
            if not location.postal_code or location.postal_code in (commune.postal_codes or []):
                return commune
    return None


def _fields(record: EventRecord) -> dict[str, Any]:
    location = record.location
    registration = next((r for r in record.registration if r.kind in {"link", "phone", "email"}), None)
    commune = _commune(record)
    latitude = location.latitude if location is not None else None
    longitude = location.longitude if location is not None else None
    if latitude is None and commune is not None:
        latitude, longitude = commune.latitude, commune.longitude
    return {
        "title": record.title[:200],
        "summary": record.summary[:200],
        "description": record.description_markdown,
        "status": record.status,
        "location_name": location.name[:250] if location else "",
        "address": location.address[:300] if location else "",
        "postal_code": location.postal_code[:5] if location else "",
        "commune": commune,
        "latitude": latitude,
        "longitude": longitude,
        "online_url": record.online_url[:500],
        "keywords": list(record.keywords),
        "audience": list(record.audience),
        "accessibility": [code for code in record.accessibility if code in ACCESSIBILITY],
        "free": record.free,
        "price": record.price[:200],
        "registration_kind": registration.kind if registration else RegistrationKind.NONE,
        "registration_value": registration.value[:500] if registration else "",
    }


def _slots_sync(event: Event, record: EventRecord) -> bool:
    existing = {slot.begin: slot for slot in event.slots.all()}
    wanted = {slot.begin: slot for slot in record.slots}
    changed = False
    for begin, slot in existing.items():
        if (
            begin not in wanted
            and not slot.registrations.exclude(status=RegistrationStatus.CANCELLED).exists()
        ):
            slot.delete()
            changed = True
    for begin, incoming in wanted.items():
        current = existing.get(begin)
        if current is None:
            EventSlot.objects.create(event=event, begin=incoming.begin, end=incoming.end)
            changed = True
        elif current.end != incoming.end:
            current.end = incoming.end
            current.save(update_fields=["end"])
            changed = True
    return changed


def _find(record: EventRecord, source: str) -> Event | None:
    try:
        by_uid = Event.objects.filter(pk=uuid.UUID(record.uid)).first()
    except ValueError:
        by_uid = None
    if by_uid is not None:
        return by_uid
    if record.external_id:
        return Event.objects.filter(external_source=source, external_id=record.external_id).first()
    return None


@transaction.atomic
def event_import(*, record: EventRecord, source: str, report: ImportReport) -> Event:
    """Create or update one event from an outside record (published: the person importing vouches for it)."""
    event = _find(record, source)
    if event is not None and event.external_source == "":
        report.unchanged += 1  # made in Maillage: Maillage's version wins
        return event
    fields = _fields(record)
    if event is None:
        try:
            pk = uuid.UUID(record.uid)
        except ValueError:
            pk = uuid.uuid4()
        event = Event(
            pk=pk,
            publication=Publication.PUBLISHED,
            external_source=source,
            external_id=record.external_id[:200],
            **fields,
        )
        event.save(force_insert=True)
        _slots_sync(event, record)
        EventLog.objects.create(event=event, action=LogAction.IMPORTED, actor_label=f"import {source}")
        report.created += 1
        return event
    changed = [name for name, value in fields.items() if getattr(event, name) != value]
    for name in changed:
        setattr(event, name, fields[name])
    if changed:
        event.save()
    slots_changed = _slots_sync(event, record)
    if changed or slots_changed:
        note = ", ".join(changed + (["créneaux"] if slots_changed else []))
        EventLog.objects.create(
            event=event, action=LogAction.IMPORTED, actor_label=f"import {source}", note=note
        )
        report.updated += 1
    else:
        report.unchanged += 1
    return event


def events_import(*, records: Iterable[EventRecord], source: str) -> ImportReport:
    """Every record of a file, each in its own transaction; the report counts what changed."""
    report = ImportReport()
    for record in records:
        if not record.slots:
            report.errors.append(f"« {record.title} » : aucun créneau, événement ignoré.")
            continue
        event_import(record=record, source=source, report=report)
    return report
