"""Day ranges of a loan: validation of a requested range, the days a unit is held, loan days counted.

A loan runs from its collect day to its return day, both included. A unit is held for those days plus
the kit's buffer days after the return (cleaning, charging): nobody else may collect it then.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class DayRange:
    start: datetime.date
    end: datetime.date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __iter__(self) -> Iterator[datetime.date]:
        day = self.start
        while day <= self.end:
            yield day
            day += ONE_DAY

    def overlaps(self, other: DayRange) -> bool:
        return self.start <= other.end and other.start <= self.end

    def label(self) -> str:
        if self.start == self.end:
            return f"le {self.start:%d/%m/%Y}"
        return f"du {self.start:%d/%m/%Y} au {self.end:%d/%m/%Y}"


def held_range(start: datetime.date, end: datetime.date, buffer_days: int) -> DayRange:
    """The days a unit is unavailable to others for a loan: the loan, then its buffer days."""
    return DayRange(start, end + datetime.timedelta(days=max(buffer_days, 0)))


def range_errors(
    start: datetime.date | None,
    end: datetime.date | None,
    *,
    today: datetime.date,
    max_days: int | None,
) -> dict[str, str]:
    """Field → French message for a requested range; empty when it can be asked for."""
    errors: dict[str, str] = {}
    if start is None:
        errors["start"] = "Date de retrait : indiquez le jour où le matériel est retiré."
    if end is None:
        errors["end"] = "Date de retour : indiquez le jour où le matériel est rendu."
    if start is None or end is None:
        return errors
    if start < today:
        errors["start"] = f"Date de retrait : le {start:%d/%m/%Y} est passé."
    if end < start:
        errors["end"] = f"Date de retour : le {end:%d/%m/%Y} précède le retrait du {start:%d/%m/%Y}."
    elif max_days is not None and DayRange(start, end).days > max_days:
        errors["end"] = (
            f"Date de retour : {DayRange(start, end).days} jours demandés, ce kit se prête "
            f"{max_days} jours au plus."
        )
    return errors


def loan_days_within(loan: DayRange, period: DayRange) -> int:
    """Loan days of `loan` inside `period`: the days the kit is out (collect and return days included)."""
    start, end = max(loan.start, period.start), min(loan.end, period.end)
    return max((end - start).days + 1, 0)


def loan_days_by_month(loan: DayRange, period: DayRange) -> dict[tuple[int, int], int]:
    """(year, month) → loan days of `loan` inside `period`, for the months it touches."""
    counts: dict[tuple[int, int], int] = {}
    start, end = max(loan.start, period.start), min(loan.end, period.end)
    day = start
    while day <= end:
        next_month = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        last = min(end, next_month - ONE_DAY)
        counts[(day.year, day.month)] = counts.get((day.year, day.month), 0) + (last - day).days + 1
        day = next_month
    return counts
