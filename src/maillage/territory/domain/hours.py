"""Weekly opening hours of a place, from its OSM `opening_hours` expression (pure Python)."""

from __future__ import annotations

import functools
from datetime import datetime, timedelta

from opening_hours import OpeningHours, State

from maillage.places.domain.hours import ParserError

# A reference week with no French public holiday: Monday 9 to Sunday 15 March 2026 (wall-clock times).
REFERENCE_MONDAY = datetime(2026, 3, 9)  # noqa: DTZ001 - opening_hours reads naive local times


@functools.lru_cache(maxsize=8192)
def weekly_hours(expr: str) -> float:
    """Hours open during the reference week; 0 when the hours are empty or unreadable."""
    if not expr.strip():
        return 0.0
    total = timedelta()
    try:
        parsed = OpeningHours(expr, country="FR", auto_country=False, auto_timezone=False)
    except ParserError:
        return 0.0
    try:
        for start, end, state, _comment in parsed.intervals(
            REFERENCE_MONDAY, REFERENCE_MONDAY + timedelta(days=7)
        ):
            if state is State.OPEN:
                total += end.replace(tzinfo=None) - start.replace(tzinfo=None)
    except BaseException as error:  # opening-hours-py panics (a BaseException) on a few expressions
        if type(error).__name__ != "PanicException":
            raise
        return 0.0
    return round(total / timedelta(hours=1), 2)
