"""Reads of the annual gathering: its programme with seats taken, its registrations (badges, attendance)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Min, Prefetch, QuerySet

from maillage.network.models import Gathering, Session, SessionRegistration


def gathering_programme(*, gathering_id: int) -> Gathering | None:
    return (
        Gathering.objects.select_related("event", "event__place", "event__commune")
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.annotate(taken=Count("registrations")).order_by(
                    "begin", "room", "pk"
                ),
            )
        )
        .filter(pk=gathering_id)
        .first()
    )


def gathering_registrations(gathering: Gathering) -> QuerySet[SessionRegistration]:
    return (
        SessionRegistration.objects.filter(session__gathering=gathering)
        .select_related("session")
        .order_by("session__begin", "session__room", "session_id", "name", "pk")
    )


def gatherings_upcoming(*, now: datetime.datetime) -> QuerySet[Gathering]:
    """Gatherings with a session still to end, soonest first."""
    return (
        Gathering.objects.filter(sessions__end__gt=now)
        .select_related("event")
        .annotate(first=Min("sessions__begin"))
        .order_by("first", "pk")
        .distinct()
    )
