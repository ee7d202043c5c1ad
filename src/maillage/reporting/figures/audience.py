"""Map and open-data figures from the daily page counters (`reporting.counters`: numbers only).

- `map.page_views`: the map page served (`publishing:map`); `map.place_views`: place cards served
  (`publishing:place-detail`); `opendata.page_views`: the open-data page; `opendata.downloads`: files
  downloaded, with one row per file. Counted since the counters exist (no figure before that).
"""

from __future__ import annotations

import datetime

from django.db.models import Sum

from maillage.reporting.models import DailyCount


def _total(start: datetime.date, end: datetime.date, key: str) -> int:
    found = DailyCount.objects.filter(day__gte=start, day__lte=end, key=key).aggregate(n=Sum("count"))["n"]
    return int(found or 0)


def period_figures(start: datetime.date, end: datetime.date) -> list[dict[str, object]]:
    downloads = (
        DailyCount.objects.filter(day__gte=start, day__lte=end, key__startswith="opendata.download:")
        .values("key")
        .annotate(n=Sum("count"))
        .order_by("-n", "key")
    )
    rows: list[list[object]] = [[row["key"].split(":", 1)[1], int(row["n"])] for row in downloads]
    total = sum(int(row["n"]) for row in downloads)
    return [
        {
            "key": "map.page_views",
            "label": "Pages de la carte servies",
            "value": _total(start, end, "map.page"),
            "unit": "pages",
            "topic": "map",
        },
        {
            "key": "map.place_views",
            "label": "Fiches de lieux consultées",
            "value": _total(start, end, "map.place"),
            "unit": "pages",
            "topic": "map",
        },
        {
            "key": "opendata.page_views",
            "label": "Pages « Données ouvertes » servies",
            "value": _total(start, end, "opendata.page"),
            "unit": "pages",
            "topic": "opendata",
        },
        {
            "key": "opendata.downloads",
            "label": "Fichiers de données téléchargés",
            "value": total,
            "unit": "téléchargements",
            "topic": "opendata",
            "rows": rows,
        },
    ]
