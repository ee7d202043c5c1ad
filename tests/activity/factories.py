"""Made-up agenda events already held, for the activity log's quick entry (titles say « Exemple fictif »)."""

from __future__ import annotations

import datetime
import zoneinfo

from django.utils import timezone

from maillage.accounts.models import Structure
from maillage.agenda.enums import Publication, RegistrationStatus
from maillage.agenda.models import Event, EventSlot, Registration

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def past_event_make(
    *,
    title: str,
    organiser: Structure,
    days_ago: int,
    confirmed: int,
    waiting: int = 0,
    commune: str = "42218",
) -> Event:
    """A published event of `organiser` held `days_ago` days ago at 14:00 (two hours), with registrations."""
    event = Event.objects.create(
        title=title,
        summary="Exemple fictif.",
        publication=Publication.PUBLISHED,
        organiser=organiser,
        commune_id=commune,
        registration_kind="maillage",
    )
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    begin = datetime.datetime.combine(day, datetime.time(14), PARIS)
    slot = EventSlot.objects.create(event=event, begin=begin, end=begin + datetime.timedelta(hours=2))
    statuses = [RegistrationStatus.CONFIRMED] * confirmed + [RegistrationStatus.WAITING] * waiting
    for position, status in enumerate(statuses, start=1):
        Registration.objects.create(
            slot=slot, name=f"Personne fictive {position}", status=status, position=position
        )
    return event
