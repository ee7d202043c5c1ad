"""Lending rules without a database: ranges, held days and buffers, free units, loan-day counting."""

from __future__ import annotations

import datetime

from maillage.lending.domain.availability import (
    FREE,
    PARTIAL,
    TAKEN,
    UnitState,
    day_states,
    free_runs,
    free_unit,
    next_free_ranges,
)
from maillage.lending.domain.days import (
    DayRange,
    held_range,
    loan_days_by_month,
    loan_days_within,
    range_errors,
)
from maillage.lending.domain.figures import LoanRecord, loan_day_figures

D = datetime.date
TODAY = D(2026, 3, 10)


def days(start: datetime.date, end: datetime.date) -> frozenset[datetime.date]:
    return frozenset(DayRange(start, end))


def test_range_errors_name_the_field() -> None:
    assert range_errors(D(2026, 3, 12), D(2026, 3, 11), today=TODAY, max_days=5) == {
        "end": "Date de retour : le 11/03/2026 précède le retrait du 12/03/2026."
    }
    assert "est passé" in range_errors(D(2026, 3, 9), D(2026, 3, 11), today=TODAY, max_days=5)["start"]
    assert (
        "ce kit se prête 5 jours au plus"
        in range_errors(D(2026, 3, 10), D(2026, 3, 15), today=TODAY, max_days=5)["end"]
    )
    assert range_errors(D(2026, 3, 10), D(2026, 3, 14), today=TODAY, max_days=5) == {}
    assert set(range_errors(None, None, today=TODAY, max_days=5)) == {"start", "end"}


def test_held_range_adds_the_buffer_after_the_return() -> None:
    assert held_range(D(2026, 3, 1), D(2026, 3, 3), 2) == DayRange(D(2026, 3, 1), D(2026, 3, 5))
    assert held_range(D(2026, 3, 1), D(2026, 3, 3), 0).days == 3


def test_free_unit_respects_buffers_on_both_sides() -> None:
    # Unit 1 holds 10-12 plus one buffer day (13).
    units = [UnitState(1, days(D(2026, 3, 10), D(2026, 3, 13)))]
    assert free_unit(units, D(2026, 3, 13), D(2026, 3, 14), 1) is None  # the buffer day
    assert free_unit(units, D(2026, 3, 14), D(2026, 3, 15), 1) == 1
    # A loan ending on the 9th needs its buffer day (10th) free: taken.
    assert free_unit(units, D(2026, 3, 8), D(2026, 3, 9), 1) is None
    assert free_unit(units, D(2026, 3, 7), D(2026, 3, 8), 1) == 1


def test_second_unit_and_blocked_units() -> None:
    units = [UnitState(1, days(D(2026, 3, 10), D(2026, 3, 12))), UnitState(2, frozenset(), blocked=True)]
    assert free_unit(units, D(2026, 3, 11), D(2026, 3, 11), 0) is None
    units[1] = UnitState(2, frozenset())
    assert free_unit(units, D(2026, 3, 11), D(2026, 3, 11), 0) == 2


def test_next_free_ranges_skip_held_days() -> None:
    units = [UnitState(1, days(D(2026, 3, 10), D(2026, 3, 20)))]
    found = next_free_ranges(units, length_days=3, buffer_days=1, after=D(2026, 3, 8), count=2)
    # 8-10 would need the 11th free; the first free 3-day range starts on the 21st.
    assert found == [DayRange(D(2026, 3, 21), D(2026, 3, 23)), DayRange(D(2026, 3, 24), D(2026, 3, 26))]
    assert (
        next_free_ranges([UnitState(1, frozenset(), blocked=True)], length_days=1, buffer_days=0, after=TODAY)
        == []
    )


def test_day_states() -> None:
    units = [
        UnitState(1, days(D(2026, 3, 10), D(2026, 3, 11))),
        UnitState(2, days(D(2026, 3, 11), D(2026, 3, 11))),
    ]
    states = day_states(units, list(DayRange(D(2026, 3, 9), D(2026, 3, 11))))
    assert states[D(2026, 3, 9)] == (FREE, 2)
    assert states[D(2026, 3, 10)] == (PARTIAL, 1)
    assert states[D(2026, 3, 11)] == (TAKEN, 0)


def test_loan_days_inclusive_and_clipped_to_the_period() -> None:
    year = DayRange(D(2026, 1, 1), D(2026, 12, 31))
    assert loan_days_within(DayRange(D(2026, 3, 1), D(2026, 3, 1)), year) == 1
    assert loan_days_within(DayRange(D(2025, 12, 30), D(2026, 1, 2)), year) == 2
    assert loan_days_within(DayRange(D(2027, 1, 1), D(2027, 1, 2)), year) == 0
    assert loan_days_by_month(DayRange(D(2026, 1, 30), D(2026, 2, 2)), year) == {(2026, 1): 2, (2026, 2): 2}


def test_figures_by_kit_structure_commune_month() -> None:
    period = DayRange(D(2026, 1, 1), D(2026, 1, 31))
    records = [
        LoanRecord(
            "Robot", "MJC A", DayRange(D(2026, 1, 5), D(2026, 1, 7)), commune="Roanne", epci="Roannais"
        ),
        LoanRecord("Robot", "MJC B", DayRange(D(2026, 1, 30), D(2026, 2, 3)), commune="Feurs"),
        LoanRecord("Vidéo", "MJC A", DayRange(D(2026, 1, 10), D(2026, 1, 10))),
        LoanRecord("Vidéo", "MJC C", DayRange(D(2026, 2, 10), D(2026, 2, 12))),  # outside
    ]
    figures = loan_day_figures(records, period)
    assert figures.total == 3 + 2 + 1
    assert figures.loans == 3
    assert figures.by_kit == {"Robot": 5, "Vidéo": 1}
    assert figures.by_structure == {"MJC A": 4, "MJC B": 2}
    assert figures.structures_served == 2
    assert figures.by_commune == {"Roanne": 3, "Feurs": 2, "Commune non renseignée": 1}
    assert figures.by_month == {(2026, 1): 6}


def test_free_runs_group_consecutive_free_days() -> None:
    units = [UnitState(1, days(D(2026, 3, 11), D(2026, 3, 12)))]
    states = day_states(units, list(DayRange(D(2026, 3, 9), D(2026, 3, 15))))
    assert free_runs(states) == [
        DayRange(D(2026, 3, 9), D(2026, 3, 10)),
        DayRange(D(2026, 3, 13), D(2026, 3, 15)),
    ]
