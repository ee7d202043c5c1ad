"""The French calendar words, written once: day and month names as people read them (lower case).

Pure Python: the agenda's month grid, the opening hours, the feeds' dates, the report's months and the
territory planner all read them from here.
"""

from __future__ import annotations

from typing import Final

DAYS: Final = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")  # Monday first
WORKING_DAYS: Final = DAYS[:5]
MONTHS: Final = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip
