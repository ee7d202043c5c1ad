"""Inclusive date periods as the aware datetimes (Europe/Paris) the queries compare with."""

from __future__ import annotations

import datetime
import zoneinfo

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def period_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """[start 00:00, day after end 00:00) in Paris time."""
    begin = datetime.datetime.combine(start, datetime.time.min, tzinfo=PARIS)
    after = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=PARIS)
    return begin, after
