"""Benchmark worker: search and map-data figures on the database the census worker filled.

Prints one JSON line: /api/v1/lieux latency (point + service + ouvert_a) over varied real queries,
in-process through Django's test client, and the map GeoJSON sizes (raw and gzipped).
"""

from __future__ import annotations

import datetime
import gzip
import json
import os
import random
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.base")

import django

django.setup()

from django.conf import settings
from django.test import Client

from maillage.interop.mediation_numerique.schema import ENUMERATIONS
from maillage.places.domain.search import SearchFilters
from maillage.places.map_data import points_geojson, territory_outlines
from maillage.places.models import Place
from maillage.territories.selectors import communes_in_territory

QUERIES = 1000


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    settings.ALLOWED_HOSTS = ["testserver"]
    rng = random.Random(42)
    points = list(Place.objects.exclude(latitude=None).values_list("latitude", "longitude"))
    services = list(ENUMERATIONS["services"])
    client = Client()
    timings: list[float] = []
    results: list[int] = []
    start = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    for _ in range(QUERIES):
        lat, lon = rng.choice(points)
        when = start + datetime.timedelta(
            days=rng.randrange(7), hours=rng.randrange(7, 19), minutes=rng.choice([0, 30])
        )
        params = {
            "lat": round(lat + rng.uniform(-0.05, 0.05), 5),
            "lon": round(lon + rng.uniform(-0.05, 0.05), 5),
            "distance_km": rng.choice([5, 10, 20, 30]),
            "services": rng.choice(services),
            "ouvert_a": when.isoformat(),
        }
        began = time.perf_counter()
        response = client.get("/api/v1/lieux", params)
        timings.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"search failed: {response.content[:300]!r}")
        results.append(response.json()["count"])
    national = points_geojson(SearchFilters())
    loire_codes = tuple(communes_in_territory().values_list("insee_code", flat=True))
    loire = points_geojson(SearchFilters(insee_codes=loire_codes))
    outlines = territory_outlines().body
    loire_ids = Place.objects.filter(insee_code__startswith="42").count()
    figures = {
        "search_queries": QUERIES,
        "search_p50_ms": round(statistics.median(timings), 2),
        "search_p95_ms": round(_percentile(timings, 0.95), 2),
        "search_p99_ms": round(_percentile(timings, 0.99), 2),
        "search_mean_results": round(statistics.mean(results), 1),
        "map_points_national_places": national.count(b'"Feature"'),
        "map_points_national_kb": round(len(national) / 1024, 1),
        "map_points_national_gzip_kb": round(len(gzip.compress(national)) / 1024, 1),
        "places_in_loire": loire_ids,
        "map_points_loire_kb": round(len(loire) / 1024, 1),
        "map_points_loire_gzip_kb": round(len(gzip.compress(loire)) / 1024, 1),
        "map_outlines_loire_kb": round(len(outlines) / 1024, 1),
        "map_outlines_loire_gzip_kb": round(len(gzip.compress(outlines)) / 1024, 1),
        "map_data_loire_gzip_kb": round((len(gzip.compress(loire)) + len(gzip.compress(outlines))) / 1024, 1),
    }
    print(json.dumps(figures), file=sys.stdout)


if __name__ == "__main__":
    main()
