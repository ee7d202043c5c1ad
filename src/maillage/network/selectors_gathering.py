"""Reads of the annual gathering: its programme with seats taken, its registrations (badges, attendance),
its figures for the annual report (pulled by `selectors.period_figures`)."""

from __future__ import annotations

import datetime
import zoneinfo

from django.db.models import Count, Min, Prefetch, Q, QuerySet

from maillage.network.models import Gathering, Session, SessionRegistration

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


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


def gathering_figures(start: datetime.date, end: datetime.date) -> list[dict[str, object]]:
    """Registrations and attendance of the sessions held in the period, by session."""
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=PARIS)
    stop = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=PARIS)
    sessions = list(
        Session.objects.filter(begin__gte=begin, begin__lt=stop)
        .annotate(
            registered=Count("registrations"),
            present=Count("registrations", filter=Q(registrations__attended=True)),
        )
        .order_by("begin", "pk")
    )
    if not sessions:
        return []
    return [
        {
            "key": "network.gathering_registrations",
            "label": "Inscriptions aux sessions de la rencontre annuelle",
            "value": sum(s.registered for s in sessions),  # type: ignore[attr-defined]
            "unit": "inscriptions",
            "topic": "network",
            "rows": [[s.title, s.registered] for s in sessions],  # type: ignore[attr-defined]
        },
        {
            "key": "network.gathering_attendance",
            "label": "Présences aux sessions de la rencontre annuelle",
            "value": sum(s.present for s in sessions),  # type: ignore[attr-defined]
            "unit": "présences",
            "topic": "network",
            "rows": [[s.title, s.present] for s in sessions],  # type: ignore[attr-defined]
        },
    ]
