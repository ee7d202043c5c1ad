"""The census's figures for a period: places published, new, updated, communes covered, share with hours.

Definitions (Maillage keeps no history of a place's status, so "published" is today's status):
- `census.places`: places published today that were created before the period's end; rows by EPCI;
- `census.new`: of those, created within the period; `census.updated`: created before the period and
  modified within it; `census.communes`: distinct communes of `census.places`;
- `census.with_hours`: share (%) of `census.places` whose opening hours are filled in.
"""

from __future__ import annotations

import datetime

from django.db.models import Count

from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from maillage.reporting.figures.periods import period_bounds


def period_figures(start: datetime.date, end: datetime.date) -> list[dict[str, object]]:
    begin, after = period_bounds(start, end)
    places = Place.objects.filter(status=PlaceStatus.PUBLISHED, created_at__lt=after)
    total = places.count()
    new = places.filter(created_at__gte=begin).count()
    updated = places.filter(created_at__lt=begin, updated_at__gte=begin, updated_at__lt=after).count()
    communes = places.exclude(commune=None).values("commune_id").distinct().count()
    with_hours = places.exclude(opening_hours="").count()
    by_epci = (
        places.exclude(commune__epci=None)
        .values("commune__epci__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "commune__epci__name")
    )
    share = round(100 * with_hours / total, 1) if total else 0
    return [
        {
            "key": "census.places",
            "label": "Lieux publiés dans le recensement",
            "value": total,
            "unit": "lieux",
            "topic": "census",
            "rows": [[row["commune__epci__name"], row["n"]] for row in by_epci],
        },
        {"key": "census.new", "label": "Nouveaux lieux", "value": new, "unit": "lieux", "topic": "census"},
        {
            "key": "census.updated",
            "label": "Lieux mis à jour",
            "value": updated,
            "unit": "lieux",
            "topic": "census",
        },
        {
            "key": "census.communes",
            "label": "Communes ayant au moins un lieu",
            "value": communes,
            "unit": "communes",
            "topic": "census",
        },
        {
            "key": "census.with_hours",
            "label": "Part des lieux dont les horaires sont renseignés",
            "value": share,
            "unit": "%",
            "topic": "census",
        },
    ]
