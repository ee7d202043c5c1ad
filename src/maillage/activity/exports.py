"""The log as CSV or ODS: one row per action, the same columns in both."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from maillage.activity.models import Action
from maillage.interop.officedoc.document import Sheet
from maillage.interop.officedoc.opendocument import ods_write

HEADER = [
    "Début", "Fin", "Intitulé", "Type", "Missions", "Séances", "Durée (h)", "Lieu", "Commune", "En ligne",
    "Organisateurs", "Partenaires", "Public", "Participants", "Femmes", "Hommes", "Professionnels", "Âges",
    "Liens", "Récit", "Prérempli depuis",
]  # fmt: skip


def action_cells(action: Action) -> list[str | int | float | None]:
    commune = action.commune or (action.place.commune if action.place else None)
    return [
        action.date_start.isoformat(), action.date_end.isoformat(), action.title, action.get_kind_display(),
        " ; ".join(m.title for m in action.missions.all()), action.sessions,
        float(action.duration_hours) if action.duration_hours is not None else None,
        action.place.name if action.place else "", commune.name if commune else "",
        "oui" if action.online else "non", " ; ".join(s.name for s in action.organisers.all()),
        " ; ".join(s.name for s in action.partners.all()), action.get_audience_display(), action.participants,
        action.women, action.men, action.professionals, action.age_range, " ".join(action.link_list),
        action.narrative, action.source,
    ]  # fmt: skip


def actions_csv(actions: Iterable[Action]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(HEADER)
    for action in actions:
        writer.writerow(["" if value is None else value for value in action_cells(action)])
    return buffer.getvalue()


def actions_ods(actions: Iterable[Action]) -> bytes:
    return ods_write([Sheet("Actions", HEADER, [action_cells(action) for action in actions])])
