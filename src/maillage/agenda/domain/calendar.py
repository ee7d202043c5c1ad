"""Month grids for the calendar page: weeks from Monday to Sunday, with the month's neighbours."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from maillage.core.french import MONTHS as MONTH_NAMES

MONTH_PARAM = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def first_day(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def after_last_day(self) -> datetime.date:
        return self.next().first_day

    @property
    def label(self) -> str:
        return f"{MONTH_NAMES[self.month - 1]} {self.year}"

    @property
    def param(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    def weeks(self) -> list[list[datetime.date | None]]:
        """Weeks of the month, Monday first; days outside the month are None."""
        cal = calendar.Calendar(firstweekday=0)
        return [
            [day if day.month == self.month else None for day in week]
            for week in cal.monthdatescalendar(self.year, self.month)
        ]


def month_parse(value: str, *, today: datetime.date) -> Month:
    """`2026-12` → Month; anything else (or a year out of 2000–2100) → the current month."""
    match = MONTH_PARAM.match(value.strip())
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        if 2000 <= year <= 2100 and 1 <= month <= 12:
            return Month(year, month)
    return Month(today.year, today.month)
