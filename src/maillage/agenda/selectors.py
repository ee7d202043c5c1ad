"""Reads of the agenda: public events with the list's filters, month slices, moderation, participants."""

from __future__ import annotations

import datetime
import uuid
import zoneinfo
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from maillage.agenda.enums import Publication, RegistrationStatus
from maillage.agenda.models import Event, EventSlot, Registration

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class EventFilters:
    """The filters of every agenda view and feed (all optional)."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None  # inclusive
    insee_code: str = ""
    epci: str = ""
    keyword: str = ""
    audience: str = ""
    online: bool = False
    place_id: uuid.UUID | None = None


def _start_of(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=PARIS)


def events_published() -> QuerySet[Event]:
    return Event.objects.filter(publication=Publication.PUBLISHED)


def slots_matching(
    filters: EventFilters, *, now: datetime.datetime, until: datetime.datetime | None = None
) -> QuerySet[EventSlot]:
    """Slots of published events matching `filters`, from `date_from` (default: not yet ended) on."""
    slots = EventSlot.objects.filter(event__publication=Publication.PUBLISHED)
    if filters.date_from is not None:
        slots = slots.filter(end__gt=_start_of(filters.date_from))
    else:
        slots = slots.filter(end__gt=now)
    if filters.date_to is not None:
        slots = slots.filter(begin__lt=_start_of(filters.date_to + datetime.timedelta(days=1)))
    if until is not None:
        slots = slots.filter(begin__lt=until)
    if filters.insee_code:
        slots = slots.filter(event__commune_id=filters.insee_code)
    if filters.epci:
        slots = slots.filter(event__commune__epci_id=filters.epci)
    if filters.keyword:
        slots = slots.filter(event__keywords__has=filters.keyword)
    if filters.audience:
        slots = slots.filter(event__audience__has=filters.audience)
    if filters.online:
        slots = slots.exclude(event__online_url="")
    if filters.place_id is not None:
        slots = slots.filter(event__place_id=filters.place_id)
    return slots.select_related("event", "event__commune", "event__organiser", "event__place").order_by(
        "begin", "pk"
    )


def events_matching(filters: EventFilters, *, now: datetime.datetime, limit: int = 500) -> list[Event]:
    """Events with at least one matching slot, each carrying only its matching slots (`matching_slots`)."""
    by_event: dict[uuid.UUID, Event] = {}
    for slot in slots_matching(filters, now=now)[: limit * 4]:
        event = by_event.get(slot.event_id)
        if event is None:
            if len(by_event) >= limit:
                continue
            event = slot.event
            event.matching_slots = []  # type: ignore[attr-defined]
            by_event[slot.event_id] = event
        event.matching_slots.append(slot)  # type: ignore[attr-defined]
    return list(by_event.values())


def slots_between(
    filters: EventFilters, *, begin: datetime.date, end: datetime.date, now: datetime.datetime
) -> QuerySet[EventSlot]:
    """Slots from `begin` (inclusive) to `end` (exclusive), past ones included (the calendar)."""
    window = EventFilters(
        **{**filters.__dict__, "date_from": begin, "date_to": end - datetime.timedelta(days=1)}
    )
    return slots_matching(window, now=now)


def event_get_public(*, event_id: uuid.UUID) -> Event:
    event = (
        Event.objects.select_related("commune", "organiser", "place")
        .prefetch_related(Prefetch("slots", queryset=EventSlot.objects.order_by("begin", "pk")))
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        raise Http404("Événement introuvable")
    return event


def events_proposed() -> QuerySet[Event]:
    return (
        Event.objects.filter(publication=Publication.PROPOSED)
        .select_related("commune", "organiser")
        .prefetch_related("slots")
        .order_by("created_at", "pk")
    )


def participants_of(event: Event) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(slot__event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("slot")
        .order_by("slot__begin", "slot_id", "status", "position")
    )


def slot_seats(slot: EventSlot) -> tuple[int, int]:
    """(confirmed, waiting) for a slot."""
    confirmed = waiting = 0
    for status in slot.registrations.values_list("status", flat=True):
        confirmed += status == RegistrationStatus.CONFIRMED
        waiting += status == RegistrationStatus.WAITING
    return confirmed, waiting


def events_of_place(*, place_id: uuid.UUID, now: datetime.datetime, limit: int = 5) -> list[Event]:
    return events_matching(EventFilters(place_id=place_id), now=now, limit=limit)
