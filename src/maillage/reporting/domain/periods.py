"""Report periods: a year or a month, inclusive bounds, the period before, French names."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass

from maillage.core.french import MONTHS


@dataclass(frozen=True)
class Period:
    year: int
    month: int = 0  # 0: the whole year

    def __post_init__(self) -> None:
        if not 1900 <= self.year <= 9999:
            raise ValueError(f"Année hors limites : {self.year}")
        if not 0 <= self.month <= 12:
            raise ValueError(f"Mois hors limites : {self.month} (attendu de 1 à 12)")

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, self.month or 1, 1)

    @property
    def end(self) -> datetime.date:
        if not self.month:
            return datetime.date(self.year, 12, 31)
        return datetime.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def previous(self) -> Period:
        if not self.month:
            return Period(self.year - 1)
        return Period(self.year - 1, 12) if self.month == 1 else Period(self.year, self.month - 1)

    @property
    def label(self) -> str:
        return f"{MONTHS[self.month - 1]} {self.year}" if self.month else str(self.year)

    @property
    def is_month(self) -> bool:
        return bool(self.month)


def month_starts(period: Period) -> list[datetime.date]:
    """The first day of every month of `period` (one for a monthly period)."""
    if period.is_month:
        return [period.start]
    return [datetime.date(period.year, month, 1) for month in range(1, 13)]
