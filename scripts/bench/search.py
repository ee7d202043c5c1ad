"""Benchmark worker: search and map-data figures on the database the census worker filled.

Prints one JSON line: /api/v1/lieux latency (point + service + ouvert_a) over varied real queries,
in-process through Django's test client; the same queries answered by a plain NumPy scan (the lower
bound, `lower_bound.py`), with how often both gave the same count and the same first page; the same
queries asked server-side of `places_search` (the in-memory index) and of `places_search_sql` (the
database path it replaced), with how often both gave the same answer, and the API again on the database
path with ninja's rendering (`api_sql_*`: the figures before the index); and the map GeoJSON sizes (raw
and gzipped, Loire and national).
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
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.base")

import django

django.setup()

sys.path.insert(0, str(Path(__file__).resolve().parent))

import lower_bound
from django.conf import settings
from django.test import Client

from maillage.core.geo import Point
from maillage.interop.mediation_numerique.schema import ENUMERATIONS
from maillage.places.domain.search import SearchFilters
from maillage.places.domain.search_index import weekly_spans
from maillage.places.models import Place
from maillage.places.search import places_search, places_search_sql
from maillage.places.search_index import search_index, search_index_forget
from maillage.publishing import api
from maillage.publishing.selectors import points_geojson, territory_outlines
from maillage.territories.selectors import communes_in_territory

QUERIES = 1000
PAGE = 20  # the API's default page: the lower bound computes the count and this first page


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _ms(seconds: float) -> float:
    return seconds * 1000


def _server_side(queries: list[dict[str, object]]) -> dict[str, object]:
    """`places_search` from the index and from the database on the same filters, and the API's latency
    on the database path (what it was before the index)."""
    search_index_forget(places=True)
    weekly_spans.cache_clear()
    began = time.perf_counter()
    search_index()
    build_ms = _ms(time.perf_counter() - began)
    search_index_forget()  # as after a publish: the places whose updated_at did not move are kept
    began = time.perf_counter()
    search_index()
    rebuild_ms = _ms(time.perf_counter() - began)
    index_timings, sql_timings, api_sql_timings = [], [], []
    same = 0
    for params in queries:
        filters = SearchFilters(
            point=Point(params["lat"], params["lon"]),  # type: ignore[arg-type]
            distance_km=params["distance_km"],  # type: ignore[arg-type]
            services=(params["services"],),  # type: ignore[arg-type]
            open_at=datetime.datetime.fromisoformat(params["ouvert_a"]),  # type: ignore[arg-type]
        )
        began = time.perf_counter()
        fast = places_search(filters).hits
        index_timings.append(_ms(time.perf_counter() - began))
        began = time.perf_counter()
        slow = places_search_sql(filters).hits
        sql_timings.append(_ms(time.perf_counter() - began))
        same += [(h.place.pk, h.distance_km) for h in fast] == [(h.place.pk, h.distance_km) for h in slow]
    client = Client()
    api.places_search = places_search_sql  # type: ignore[assignment]  # the API as it was
    api.FAST_JSON = False
    try:
        for params in queries:
            began = time.perf_counter()
            response = client.get("/api/v1/lieux", params)
            api_sql_timings.append(_ms(time.perf_counter() - began))
            if response.status_code != 200:
                raise SystemExit(f"search failed: {response.content[:300]!r}")
    finally:
        api.places_search = places_search  # type: ignore[assignment]
        api.FAST_JSON = True
    return {
        "index_build_ms": round(build_ms, 1),
        "index_rebuild_ms": round(rebuild_ms, 1),
        "index_p50_ms": round(statistics.median(index_timings), 3),
        "index_p95_ms": round(_percentile(index_timings, 0.95), 3),
        "sql_path_p50_ms": round(statistics.median(sql_timings), 2),
        "sql_path_p95_ms": round(_percentile(sql_timings, 0.95), 2),
        "index_same_answer_as_sql": f"{same}/{len(queries)}",
        "api_sql_p50_ms": round(statistics.median(api_sql_timings), 2),
        "api_sql_p95_ms": round(_percentile(api_sql_timings, 0.95), 2),
    }


def main() -> None:
    settings.ALLOWED_HOSTS = ["testserver"]
    rng = random.Random(42)
    points = list(Place.objects.exclude(latitude=None).values_list("latitude", "longitude"))
    services = list(ENUMERATIONS["services"])
    client = Client()
    timings: list[float] = []
    bound_timings: list[float] = []
    results: list[int] = []
    agree = agree_found = 0
    queries: list[dict[str, object]] = []
    start = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    census = lower_bound.load(start, services)
    client.get("/api/v1/lieux", {"limit": 1})  # warm-up: URL resolver, first connection
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
        queries.append(params)
        began = time.perf_counter()
        response = client.get("/api/v1/lieux", params)
        timings.append((time.perf_counter() - began) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"search failed: {response.content[:300]!r}")
        page = response.json()
        results.append(page["count"])
        began = time.perf_counter()
        count, ids = lower_bound.search(
            census, params["lat"], params["lon"], params["distance_km"], params["services"], when, PAGE
        )
        bound_timings.append((time.perf_counter() - began) * 1000)
        same = (count, ids) == (page["count"], [item["id"] for item in page["items"]])
        agree += same
        agree_found += same and page["count"] > 0
    server = _server_side(queries)
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
        "numpy_p50_ms": round(statistics.median(bound_timings), 3),
        "numpy_p95_ms": round(_percentile(bound_timings, 0.95), 3),
        "search_over_numpy_p50": round(statistics.median(timings) / statistics.median(bound_timings), 1),
        "search_over_numpy_p95": round(_percentile(timings, 0.95) / _percentile(bound_timings, 0.95), 1),
        "numpy_same_answer": f"{agree}/{QUERIES}",
        **server,
        "index_over_numpy_p50": round(server["index_p50_ms"] / statistics.median(bound_timings), 1),  # type: ignore[operator]
        "index_over_numpy_p95": round(server["index_p95_ms"] / _percentile(bound_timings, 0.95), 1),  # type: ignore[operator]
        # Many queries find nothing (few places publish both a position and opening hours): the
        # agreement that tells is over the answers with at least one place.
        "numpy_same_answer_found": f"{agree_found}/{sum(1 for count in results if count)}",
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
