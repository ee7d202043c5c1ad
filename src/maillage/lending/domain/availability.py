"""Availability of a kit's units: which unit a range may take, the next free ranges, a day's state.

The input is what the database holds, already read: for each unit, the set of days it is held by
confirmed loans (buffers included), and whether it is blocked (repair, missing item). Nothing here
reads or writes; the booking service asks these questions inside its locked transaction.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Set
from dataclasses import dataclass

from maillage.lending.domain.days import ONE_DAY, DayRange, held_range


@dataclass(frozen=True)
class UnitState:
    unit_id: int
    held: Set[datetime.date]
    blocked: bool = False


def unit_free(unit: UnitState, wanted: DayRange) -> bool:
    return not unit.blocked and not any(day in unit.held for day in wanted)


def free_unit(
    units: list[UnitState], start: datetime.date, end: datetime.date, buffer_days: int
) -> int | None:
    """The first unit (in the given order) free for the loan and its buffer, or None."""
    wanted = held_range(start, end, buffer_days)
    for unit in units:
        if unit_free(unit, wanted):
            return unit.unit_id
    return None


def next_free_ranges(
    units: list[UnitState],
    *,
    length_days: int,
    buffer_days: int,
    after: datetime.date,
    horizon_days: int = 365,
    count: int = 3,
) -> list[DayRange]:
    """The first `count` ranges of `length_days` days, from `after` on, that some unit can take.

    Ranges proposed do not overlap one another (the next one starts after the previous one ends), so
    the list reads as distinct options.
    """
    found: list[DayRange] = []
    day, last = after, after + datetime.timedelta(days=horizon_days)
    length = datetime.timedelta(days=max(length_days, 1) - 1)
    while day <= last and len(found) < count:
        if free_unit(units, day, day + length, buffer_days) is not None:
            found.append(DayRange(day, day + length))
            day = day + length + ONE_DAY
        else:
            day += ONE_DAY
    return found


FREE, PARTIAL, TAKEN, BLOCKED = "libre", "partiel", "reserve", "indisponible"


def day_states(
    units: list[UnitState], month_days: list[datetime.date]
) -> Mapping[datetime.date, tuple[str, int]]:
    """day → (state, free units) for a calendar: libre, partiel (some units left), réservé, indisponible."""
    states: dict[datetime.date, tuple[str, int]] = {}
    usable = [unit for unit in units if not unit.blocked]
    for day in month_days:
        free = sum(1 for unit in usable if day not in unit.held)
        if not usable:
            states[day] = (BLOCKED, 0)
        elif free == 0:
            states[day] = (TAKEN, 0)
        elif free < len(units):
            states[day] = (PARTIAL, free)
        else:
            states[day] = (FREE, free)
    return states


def free_runs(states: Mapping[datetime.date, tuple[str, int]], *, count: int = 3) -> list[DayRange]:
    """The first `count` runs of consecutive days with a free unit (libre or partiel), in day order."""
    runs: list[DayRange] = []
    current: DayRange | None = None
    for day in sorted(states):
        if states[day][0] in (FREE, PARTIAL):
            if current is not None and current.end + ONE_DAY == day:
                current = DayRange(current.start, day)
            else:
                if current is not None:
                    runs.append(current)
                current = DayRange(day, day)
        elif current is not None:
            runs.append(current)
            current = None
    if current is not None:
        runs.append(current)
    return runs[:count]
