from datetime import UTC, datetime

import pytest

from maillage.interop.event_feeds.dates import format_date_fr, format_slot_fr, format_time_fr
from tests.interop.event_feeds.samples import PARIS


def test_same_day_slot_reads_as_in_the_issue():
    begin = datetime(2026, 3, 3, 14, 0, tzinfo=PARIS)
    assert format_slot_fr(begin, begin.replace(hour=16)) == "Mardi 3 mars 2026, 14 h – 16 h"


def test_minutes_and_first_of_the_month():
    begin = datetime(2026, 3, 1, 9, 5, tzinfo=PARIS)
    assert (
        format_slot_fr(begin, begin.replace(hour=11, minute=30)) == "Dimanche 1er mars 2026, 9 h 05 – 11 h 30"
    )


def test_slot_over_two_days_names_both_days():
    begin = datetime(2026, 8, 14, 20, 0, tzinfo=PARIS)
    end = datetime(2026, 8, 15, 2, 0, tzinfo=PARIS)
    assert format_slot_fr(begin, end) == "Vendredi 14 août 2026, 20 h – samedi 15 août 2026, 2 h"


def test_utc_times_are_shown_on_the_paris_clock_across_summer_time():
    winter = datetime(2026, 3, 28, 13, 0, tzinfo=UTC)  # 14 h in Paris (UTC+1)
    summer = datetime(2026, 3, 29, 12, 0, tzinfo=UTC)  # 14 h in Paris (UTC+2)
    assert format_time_fr(winter) == format_time_fr(summer) == "14 h"
    assert format_slot_fr(summer, summer) == "Dimanche 29 mars 2026, 14 h"


def test_date_without_capital_and_naive_times_refused():
    assert format_date_fr(datetime(2026, 12, 25).date(), capitalize=False) == "vendredi 25 décembre 2026"
    with pytest.raises(ValueError, match="sans fuseau"):
        format_time_fr(datetime(2026, 3, 3, 14, 0))
