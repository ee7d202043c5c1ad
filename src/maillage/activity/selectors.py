"""Reads of the activity log: filtered actions (what each person may see), the log's figures for a
period (`period_figures`, the reports' contract) and the actions linked to a source."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from maillage.accounts.permissions import is_animator, structure_ids_of
from maillage.activity.enums import ActionKind
from maillage.activity.models import Action


@dataclass(frozen=True)
class ActionFilters:
    """The log's filters (all optional); `date_to` inclusive."""

    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    kind: str = ""
    mission_id: int | None = None
    structure_id: int | None = None
    insee_code: str = ""
    q: str = ""


def actions_visible(user: Any) -> QuerySet[Action]:
    """Animators see every action; a member sees the actions of their structures and their own."""
    actions = Action.objects.all()
    if is_animator(user):
        return actions
    if not getattr(user, "is_authenticated", False):
        return actions.none()
    return actions.filter(
        Q(structure_id__in=structure_ids_of(user))
        | Q(created_by=user)
        | Q(organisers__in=structure_ids_of(user))
    ).distinct()


def actions_filtered(actions: QuerySet[Action], filters: ActionFilters) -> QuerySet[Action]:
    if filters.date_from:
        actions = actions.filter(date_end__gte=filters.date_from)
    if filters.date_to:
        actions = actions.filter(date_start__lte=filters.date_to)
    if filters.kind:
        actions = actions.filter(kind=filters.kind)
    if filters.mission_id:
        actions = actions.filter(missions=filters.mission_id)
    if filters.structure_id:
        actions = actions.filter(
            Q(organisers=filters.structure_id)
            | Q(partners=filters.structure_id)
            | Q(structure=filters.structure_id)
        )
    if filters.insee_code:
        actions = actions.filter(Q(commune_id=filters.insee_code) | Q(place__commune_id=filters.insee_code))
    if filters.q:
        actions = actions.filter(Q(title__icontains=filters.q) | Q(narrative__icontains=filters.q))
    return actions.distinct().order_by("-date_start", "-pk")


def actions_with_relations(actions: QuerySet[Action]) -> QuerySet[Action]:
    return actions.select_related("place", "commune", "structure").prefetch_related(
        "missions", "organisers", "partners"
    )


def actions_in_period(start: datetime.date, end: datetime.date) -> QuerySet[Action]:
    """The actions that began within the inclusive period (an action counts once, in its first month)."""
    return Action.objects.filter(date_start__gte=start, date_start__lte=end)


def action_of_source(source: str) -> Action | None:
    return Action.objects.filter(source=source).first() if source else None


def sources_logged(sources: list[str]) -> set[str]:
    return set(Action.objects.filter(source__in=sources).values_list("source", flat=True))


def participants_of_sources(prefix: str, start: datetime.date, end: datetime.date) -> int:
    """Participants of the period's actions prefilled from a `prefix` source (e.g. "agenda.event:")."""
    total = (
        actions_in_period(start, end).filter(source__startswith=prefix).aggregate(n=Sum("participants"))["n"]
    )
    return int(total or 0)


def _number(value: Decimal | int | None) -> int | float:
    if value is None:
        return 0
    return int(value) if value == int(value) else float(value)


def period_figures(start: datetime.date, end: datetime.date) -> list[dict[str, object]]:
    """The log's figures: actions (by type), participants (by mission, by gender), sessions, hours,
    communes reached. An action in two missions counts in both missions' rows, once in the totals."""
    actions = actions_in_period(start, end)
    totals = actions.aggregate(
        n=Count("pk"),
        people=Sum("participants"),
        sessions=Sum("sessions"),
        hours=Sum("duration_hours"),
        women=Sum("women"),
        men=Sum("men"),
        pros=Sum("professionals"),
    )
    labels = dict(ActionKind.choices)
    by_kind = Counter(
        {row["kind"]: row["n"] for row in actions.order_by().values("kind").annotate(n=Count("pk"))}
    )
    by_mission = (
        actions.filter(missions__isnull=False)
        .values("missions__position", "missions__title")
        .annotate(people=Sum("participants"), n=Count("pk"))
        .order_by("missions__position", "missions__title")
    )
    communes = set(actions.exclude(commune=None).values_list("commune_id", flat=True))
    communes |= set(
        actions.filter(commune=None).exclude(place__commune=None).values_list("place__commune_id", flat=True)
    )
    people = int(totals["people"] or 0)
    women, men = int(totals["women"] or 0), int(totals["men"] or 0)
    return [
        {
            "key": "activity.actions",
            "label": "Actions menées",
            "value": totals["n"],
            "unit": "actions",
            "topic": "activity",
            "rows": [[labels[kind], n] for kind, n in sorted(by_kind.items(), key=lambda item: -item[1])],
        },
        {
            "key": "activity.participants",
            "label": "Participants",
            "value": people,
            "unit": "personnes",
            "topic": "activity",
            "rows": [[row["missions__title"], int(row["people"] or 0)] for row in by_mission],
        },
        {
            "key": "activity.participants_gender",
            "label": "Participants selon le genre déclaré",
            "value": women + men,
            "unit": "personnes",
            "topic": "activity",
            "rows": [["Femmes", women], ["Hommes", men], ["Non précisé", people - women - men]],
        },
        {
            "key": "activity.professionals",
            "label": "Professionnels parmi les participants",
            "value": int(totals["pros"] or 0),
            "unit": "personnes",
            "topic": "activity",
            "rows": [],
        },
        {
            "key": "activity.sessions",
            "label": "Séances",
            "value": int(totals["sessions"] or 0),
            "unit": "séances",
            "topic": "activity",
            "rows": [],
        },
        {
            "key": "activity.hours",
            "label": "Heures d'action",
            "value": _number(totals["hours"]),
            "unit": "heures",
            "topic": "activity",
            "rows": [],
        },
        {
            "key": "activity.communes",
            "label": "Communes où une action a eu lieu",
            "value": len(communes),
            "unit": "communes",
            "topic": "activity",
            "rows": [],
        },
    ]
