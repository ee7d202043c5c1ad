"""What the pages show from a kit: its month calendar rows (weeks of (day, state, free units))."""

from __future__ import annotations

import datetime

from maillage.agenda.domain.calendar import Month
from maillage.lending.domain.availability import BLOCKED, FREE, PARTIAL, TAKEN
from maillage.lending.models import Kit
from maillage.lending.selectors import kit_days

STATE_LABELS = {FREE: "libre", PARTIAL: "en partie réservé", TAKEN: "réservé", BLOCKED: "indisponible"}


def month_weeks(kit: Kit, month: Month) -> list[list[tuple[datetime.date | None, str, str]]]:
    days = [day for week in month.weeks() for day in week if day is not None]
    states = kit_days(kit, days)
    weeks = []
    for week in month.weeks():
        row: list[tuple[datetime.date | None, str, str]] = []
        for day in week:
            if day is None:
                row.append((None, "", ""))
                continue
            state, free = states[day]
            label = STATE_LABELS[state] + (
                f" ({free} libre{'s' if free > 1 else ''})" if state == PARTIAL else ""
            )
            row.append((day, state, label))
        weeks.append(row)
    return weeks
