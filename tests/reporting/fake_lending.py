"""A stand-in for the lending module's `period_figures` (issue 13 builds the real one in its branch):
the loan days per kit the Loire hub published in its 2021 report (seeds), dated in the test year."""

from __future__ import annotations

import datetime

# (kit, day the loan began, loan days): the 2021 report's figures per kit, one loan each.
LOANS = [
    ("Mallette Pédagogique Robotique", datetime.date(2026, 3, 2), 43),
    ("Kit Votar", datetime.date(2026, 4, 7), 2),
    ("Centre Multimédia Itinérant", datetime.date(2026, 5, 4), 620),
    ("Matériel Vidéo", datetime.date(2026, 6, 1), 30),
    ("Kit RetroGaming", datetime.date(2026, 9, 14), 4),
    ("Pack VR et PS4", datetime.date(2026, 10, 5), 14),
    ("Vidéo-projecteur", datetime.date(2026, 11, 2), 4),
    ("Fablab", datetime.date(2026, 11, 16), 35),
    ("Centre Multimédia Itinérant", datetime.date(2025, 5, 5), 500),
]


def period_figures(start: datetime.date, end: datetime.date) -> list[dict[str, object]]:
    days: dict[str, int] = {}
    for kit, day, count in LOANS:
        if start <= day <= end:
            days[kit] = days.get(kit, 0) + count
    rows = sorted(([kit, n] for kit, n in days.items()), key=lambda row: (-row[1], row[0]))
    return [
        {
            "key": "lending.loan_days",
            "label": "Jours de prêt",
            "value": sum(days.values()),
            "unit": "jours",
            "topic": "lending",
            "rows": rows,
        }
    ]
