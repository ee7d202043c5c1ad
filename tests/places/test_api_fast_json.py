"""`/api/v1/lieux` written with orjson from per-place fragments gives the JSON django-ninja wrote from the
page's dict (`FAST_JSON = False`), headers included, on the real Loire census and many queries."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from django.test import Client

from maillage.places.models import Place
from maillage.publishing import api

pytestmark = pytest.mark.django_db
SERVICES = ("Aide aux démarches administratives", "Accompagner les démarches de santé", "Valeur inconnue")


def _queries(rng: random.Random, points: list[tuple[float, float]]) -> list[dict[str, Any]]:
    queries: list[dict[str, Any]] = [{}, {"limit": 100}, {"q": "médiathèque"}, {"offset": 30, "limit": 7}]
    for _ in range(60):
        query: dict[str, Any] = {"limit": rng.choice([1, 5, 20, 100])}
        if rng.random() < 0.6:
            lat, lon = rng.choice(points)
            query |= {
                "lat": round(lat + rng.uniform(-0.05, 0.05), 5),
                "lon": round(lon + rng.uniform(-0.05, 0.05), 5),
            }
            if rng.random() < 0.7:
                query["distance_km"] = rng.choice([2, 10, 40])
        if rng.random() < 0.4:
            query["services"] = rng.choice(SERVICES)
        if rng.random() < 0.3:
            query["ouvert_a"] = f"2026-12-0{rng.randrange(1, 8)}T{rng.randrange(8, 19):02d}:30:00+01:00"
        if rng.random() < 0.2:
            query["offset"] = rng.choice([0, 3, 40])
        queries.append(query)
    return queries


def _get(client: Client, query: dict[str, Any]) -> tuple[int, dict[str, str], Any]:
    response = client.get("/api/v1/lieux", query)
    headers = {
        name.lower(): value for name, value in response.headers.items() if name.lower() != "content-length"
    }
    return response.status_code, headers, json.loads(response.content)


def test_the_fast_page_is_the_page_ninja_wrote(
    loire_census: None, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(18)  # noqa: S311 - reproducible test queries
    points = [
        (la, lo)
        for la, lo in Place.objects.values_list("latitude", "longitude")
        if la is not None and lo is not None
    ]
    items = 0
    for query in _queries(rng, points):
        fast = _get(client, query)
        monkeypatch.setattr(api, "FAST_JSON", False)
        slow = _get(client, query)
        monkeypatch.setattr(api, "FAST_JSON", True)
        assert fast == slow, query
        items += len(fast[2].get("items", []))
        cursor = fast[2].get("next_cursor")
        if cursor:  # the next page by cursor too
            following = {key: value for key, value in query.items() if key != "offset"} | {"cursor": cursor}
            assert _get(client, following) == slow_page(client, following, monkeypatch)
    assert items > 300  # the pages compared are not empty


def slow_page(
    client: Client, query: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, dict[str, str], Any]:
    monkeypatch.setattr(api, "FAST_JSON", False)
    try:
        return _get(client, query)
    finally:
        monkeypatch.setattr(api, "FAST_JSON", True)
