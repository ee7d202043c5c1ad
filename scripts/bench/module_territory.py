"""Benchmark worker: the territory analysis on the census in DATABASE_URL (the national one under
`make bench`).

Prints one JSON line: every indicator of every family for the 320 Loire communes, read from the database
and computed (s); the same for every French commune with a town-hall point (≈34,800, positions from
`data/france/mairies_france_points.csv.gz`) against the same census (s); the stop planner for the 320
Loire town halls and 10 stops (ms, median of 5).
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.base")

import django

django.setup()

from django.core.management import call_command

from maillage.territories.models import Commune
from maillage.territories.services import territories_load
from maillage.territory import planning, selectors
from maillage.territory.domain.coverage import Area, coverage

DATA = Path(__file__).resolve().parents[2] / "src" / "maillage" / "data" / "france"


def _france_areas() -> list[Area]:
    populations = dict(Commune.objects.values_list("insee_code", "population"))
    areas = []
    with gzip.open(DATA / "mairies_france_points.csv.gz", "rt", encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            code = row["code_insee"]
            if code in populations:
                lat, lon = float(row["lat_mairie"]), float(row["lon_mairie"])
                areas.append(Area(code, code, lat, lon, populations[code] or 0, None))
    return areas


def main() -> None:
    call_command("migrate", verbosity=0)
    if not Commune.objects.filter(in_territory=True).exists():
        territories_load(with_france=True)
    figures: dict[str, object] = {}
    families = [family for family, _ in selectors.FAMILIES]

    started = time.perf_counter()
    areas, sites = selectors.territory_areas(), selectors.sites_of(selectors.published_sites())
    analysis = selectors.analysis_compute(areas, sites)
    figures["territory_loire_indicators_s"] = round(time.perf_counter() - started, 3)
    figures["territory_loire_communes"] = len(areas)
    figures["territory_census_places"] = len(sites)

    france = _france_areas()
    started = time.perf_counter()
    coverage(france, sites, families)
    figures["territory_france_indicators_s"] = round(time.perf_counter() - started, 2)
    figures["territory_france_communes"] = len(france)

    runs = []
    for _ in range(5):
        started = time.perf_counter()
        plan = planning.stops_plan(analysis, stops=10, max_km=10.0, family="")
        runs.append((time.perf_counter() - started) * 1000)
    figures["territory_planner_320x10_ms"] = round(statistics.median(runs), 1)
    figures["territory_planner_stops"] = len(plan.stops)
    figures["territory_planner_fragile_gained"] = round(plan.gained)
    figures["_targets"] = [
        ["territory: Loire indicators <= 2 s", "territory_loire_indicators_s", 2.0, "s", "max"],
        ["territory: France indicators <= 60 s", "territory_france_indicators_s", 60.0, "s", "max"],
        ["territory: planner 320x10 <= 500 ms", "territory_planner_320x10_ms", 500.0, "ms", "max"],
    ]
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
