"""The agenda's figures for a period.

- `agenda.events`: published events, not cancelled, with a time slot beginning within the period;
  rows by organiser; `agenda.sessions`: those events' slots within the period;
- `agenda.registrations`: confirmed registrations taken by Maillage on those slots, and
  `agenda.waiting` those on the waiting list (registrations are deleted some days after the event,
  see `registrations_purge`: generate the report before, or read attendance below);
- `agenda.attendance`: participants recorded in the activity log for actions prefilled from an event.
"""

from __future__ import annotations

import datetime

from django.db.models import Count

from maillage.activity.selectors import participants_of_sources
from maillage.agenda.enums import EventStatus, Publication, RegistrationStatus
from maillage.agenda.models import EventSlot, Registration
from maillage.reporting.figures.periods import period_bounds


def period_figures(start: datetime.date, end: datetime.date) -> list[dict[str, object]]:
    begin, after = period_bounds(start, end)
    slots = EventSlot.objects.filter(
        begin__gte=begin, begin__lt=after, event__publication=Publication.PUBLISHED
    ).exclude(event__status=EventStatus.CANCELLED)
    events = slots.values("event_id").distinct().count()
    by_organiser = (
        slots.exclude(event__organiser=None)
        .values("event__organiser__name")
        .annotate(n=Count("event_id", distinct=True))
        .order_by("-n", "event__organiser__name")
    )
    registrations = Registration.objects.filter(slot__in=slots)
    return [
        {
            "key": "agenda.events",
            "label": "Événements à l'agenda",
            "value": events,
            "unit": "événements",
            "topic": "agenda",
            "rows": [[row["event__organiser__name"], row["n"]] for row in by_organiser],
        },
        {
            "key": "agenda.sessions",
            "label": "Créneaux",
            "value": slots.count(),
            "unit": "créneaux",
            "topic": "agenda",
        },
        {
            "key": "agenda.registrations",
            "label": "Inscriptions confirmées sur Maillage",
            "value": registrations.filter(status=RegistrationStatus.CONFIRMED).count(),
            "unit": "inscriptions",
            "topic": "agenda",
        },
        {
            "key": "agenda.waiting",
            "label": "Inscriptions en liste d'attente",
            "value": registrations.filter(status=RegistrationStatus.WAITING).count(),
            "unit": "inscriptions",
            "topic": "agenda",
        },
        {
            "key": "agenda.attendance",
            "label": "Participants aux événements consignés dans l'activité",
            "value": participants_of_sources("agenda.event:", start, end),
            "unit": "personnes",
            "topic": "agenda",
        },
    ]
