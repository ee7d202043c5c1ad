"""Reads of the reports: the convention of a year, its missions and texts, and the report's data for
a period (figures of every provider, the period before, the actions per mission) as plain JSON."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Prefetch, QuerySet

from maillage.activity.enums import ActionKind
from maillage.activity.models import Action
from maillage.activity.selectors import actions_in_period
from maillage.reporting.domain.figures import figures_compared
from maillage.reporting.domain.periods import MONTHS, Period, month_starts
from maillage.reporting.models import Convention, Mission, MissionText, Report
from maillage.reporting.providers import PROVIDERS, figures_collect

ACTIONS_LISTED = 200  # per mission in the report; the log holds the rest


def convention_of_year(year: int) -> Convention | None:
    return (
        Convention.objects.filter(start_year__lte=year, end_year__gte=year)
        .order_by("-is_sample", "pk")
        .last()
    )


def conventions_all() -> QuerySet[Convention]:
    return Convention.objects.order_by("-end_year", "pk")


def missions_of(convention: Convention) -> QuerySet[Mission]:
    return convention.missions.order_by("position", "pk")


def report_of(convention: Convention, period: Period) -> Report | None:
    return Report.objects.filter(convention=convention, year=period.year, month=period.month).first()


def reports_published() -> QuerySet[Report]:
    return Report.objects.filter(published_at__isnull=False).select_related("convention")


def mission_texts(convention: Convention, period: Period) -> dict[int, MissionText]:
    texts = MissionText.objects.filter(mission__convention=convention, year=period.year, month=period.month)
    return {text.mission_id: text for text in texts}


def _action_row(action: Action) -> dict[str, Any]:
    where = "En ligne" if action.online else ""
    if action.place is not None:
        where = f"{action.place.name}, {action.place.commune_name}"
    elif action.commune is not None:
        where = action.commune.name
    return {
        "title": action.title,
        "kind": action.get_kind_display(),
        "date_start": action.date_start.isoformat(),
        "date_end": action.date_end.isoformat(),
        "where": where,
        "sessions": action.sessions,
        "participants": action.participants,
        "women": action.women,
        "men": action.men,
        "age_range": action.age_range,
        "partners": [structure.name for structure in action.partners.all()],
        "narrative": action.narrative,
    }


def _mission_data(mission: Mission, actions: list[Action]) -> dict[str, Any]:
    kinds = Counter(action.kind for action in actions)
    labels = dict(ActionKind.choices)
    return {
        "id": mission.pk,
        "axis": mission.axis,
        "title": mission.title,
        "objective": mission.objective,
        "indicators": mission.indicator_list,
        "topics": list(mission.topics),
        "actions_count": len(actions),
        "participants": sum(action.participants for action in actions),
        "sessions": sum(action.sessions for action in actions),
        "by_kind": [[labels[kind], n] for kind, n in kinds.most_common()],
        "actions": [_action_row(action) for action in actions[:ACTIONS_LISTED]],
    }


def report_data(
    convention: Convention, period: Period, providers: tuple[str, ...] = PROVIDERS
) -> dict[str, Any]:
    """Everything a report shows but the animator's texts: JSON-ready (stored as the report's snapshot)."""
    current = figures_collect(period.start, period.end, providers)
    previous_period = period.previous
    previous = figures_collect(previous_period.start, previous_period.end, providers)
    missions = list(missions_of(convention))
    actions = list(
        actions_in_period(period.start, period.end)
        .select_related("place", "commune")
        .prefetch_related("partners", Prefetch("missions", queryset=Mission.objects.only("pk")))
        .order_by("date_start", "pk")
    )
    per_mission: dict[int, list[Action]] = {mission.pk: [] for mission in missions}
    unassigned = []
    for action in actions:
        linked = [m.pk for m in action.missions.all() if m.pk in per_mission]
        for pk in linked:
            per_mission[pk].append(action)
        if not linked:
            unassigned.append(action)
    monthly = Counter(action.date_start.month for action in actions)
    return {
        "period": {"year": period.year, "month": period.month, "label": period.label},
        "previous_label": previous_period.label,
        "convention": {
            "title": convention.title,
            "funder": convention.funder,
            "holder": convention.holder,
            "is_sample": convention.is_sample,
        },
        "figures": figures_compared(current, previous),
        "missions": [_mission_data(mission, per_mission[mission.pk]) for mission in missions],
        "unassigned": _action_row_list(unassigned),
        "totals": {
            "actions": len(actions),
            "participants": sum(action.participants for action in actions),
        },
        "monthly": [[MONTHS[day.month - 1], monthly.get(day.month, 0)] for day in month_starts(period)],
    }


def _action_row_list(actions: list[Action]) -> list[dict[str, Any]]:
    return [_action_row(action) for action in actions[:ACTIONS_LISTED]]


def snapshot_with_live_missions(snapshot: dict[str, Any], convention: Convention) -> dict[str, Any]:
    """`snapshot` with each mission's wording (title, axis, objective, indicators, topics) as edited
    since: the figures stay frozen, the words the animators change are shown at once."""
    live = {mission.pk: mission for mission in missions_of(convention)}
    missions = []
    for frozen in snapshot.get("missions", []):
        mission = live.get(frozen["id"])
        if mission is not None:
            frozen = frozen | {
                "title": mission.title, "axis": mission.axis, "objective": mission.objective,
                "indicators": mission.indicator_list, "topics": list(mission.topics),
            }  # fmt: skip
        missions.append(frozen)
    return snapshot | {"missions": missions}
