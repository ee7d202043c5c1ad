"""Loan-day figures for a period: per kit, per structure, per commune, per EPCI, per month.

The counting rule (also in the README): a day counts when the kit is out, collect and return days
included; a loan counts for the days of it that fall inside the period; only loans that were or are
confirmed count (cancelled, refused and unanswered requests never do).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from maillage.lending.domain.days import DayRange, loan_days_by_month, loan_days_within

NO_COMMUNE = "Commune non renseignée"


@dataclass(frozen=True)
class LoanRecord:
    kit: str
    structure: str
    loan: DayRange
    commune: str = ""
    epci: str = ""


@dataclass
class LoanDayFigures:
    total: int = 0
    loans: int = 0
    by_kit: Counter[str] = field(default_factory=Counter)
    by_structure: Counter[str] = field(default_factory=Counter)
    by_commune: Counter[str] = field(default_factory=Counter)
    by_epci: Counter[str] = field(default_factory=Counter)
    by_month: Counter[tuple[int, int]] = field(default_factory=Counter)

    @property
    def structures_served(self) -> int:
        return len(self.by_structure)


def loan_day_figures(records: list[LoanRecord], period: DayRange) -> LoanDayFigures:
    figures = LoanDayFigures()
    for record in records:
        days = loan_days_within(record.loan, period)
        if days == 0:
            continue
        figures.total += days
        figures.loans += 1
        figures.by_kit[record.kit] += days
        figures.by_structure[record.structure] += days
        figures.by_commune[record.commune or NO_COMMUNE] += days
        figures.by_epci[record.epci or NO_COMMUNE] += days
        figures.by_month.update(loan_days_by_month(record.loan, period))
    return figures
