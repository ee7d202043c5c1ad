"""The in-memory index answers every search exactly as the database path does (`places_search_sql`).

On the real Loire census (tests/conftest.py `loire_census`), plus a few made-up places (they stand for
nothing real) whose hours are not one weekly rule (public holidays, months, past midnight, a clock-change
night), so that both ways of deciding "open at" are exercised.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

import pytest

from maillage.core.geo import BBox, Point
from maillage.places.domain.search import FACET_PARAMETERS, SearchFilters
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from maillage.places.search import (
    SearchResult,
    places_page_by_name,
    places_page_by_name_sql,
    places_search,
    places_search_sql,
)

pytestmark = pytest.mark.django_db
PARIS = datetime.timezone(datetime.timedelta(hours=1))
MADE_UP_HOURS = (
    "Mo-Fr 09:00-12:00,14:00-17:00; PH off",
    "Jan-Jun Mo-We 10:00-12:00; Jul-Dec Th-Sa 14:00-18:00",
    "Fr-Sa 22:00-02:00",
    "Mo-Su 00:00-24:00",
    "Mo-Fr 08:30-12:00; Sa 09:00-11:45; week 01-10 off",
    'Tu 09:00-12:00 "sur rendez-vous"',
    "Su 01:00-04:00",
    "Mo-Fr 09:00-12:00; 2026 Dec 25 off",
)
MOMENTS = (  # holidays, both clock changes, a second before and after a boundary
    datetime.datetime(2026, 12, 25, 10, 0),
    datetime.datetime(2026, 5, 1, 9, 30),
    datetime.datetime(2026, 3, 29, 2, 30),
    datetime.datetime(2026, 3, 29, 3, 30),
    datetime.datetime(2026, 10, 25, 2, 30),
    datetime.datetime(2026, 10, 25, 1, 30),
    datetime.datetime(2026, 12, 4, 11, 59, 59),
    datetime.datetime(2026, 12, 4, 12, 0, 0),
    datetime.datetime(2026, 12, 5, 1, 0),
)


def _made_up_places() -> None:
    for index, hours in enumerate(MADE_UP_HOURS):
        Place.objects.create(
            name=f"Lieu inventé {index} Île-de-Saint-Étienne",
            status=PlaceStatus.PUBLISHED,
            commune_name="Saint-Étienne",
            insee_code="42218",
            commune_id="42218",
            postal_code="42000",
            address="1 rue inventée",
            latitude=45.43 + index / 200,
            longitude=4.38 - index / 300,
            services=["Aide aux démarches administratives"] if index % 2 else [],
            publics=[] if index % 3 else ["Seniors"],
            opening_hours=hours,
            updated_on=datetime.date(2025, 1, 1),
        )


def _values(field: str) -> list[str]:
    found = {value for items in Place.objects.values_list(field, flat=True) for value in items}
    return [*sorted(found), "Valeur inconnue"]


def _words() -> list[str]:
    names = list(Place.objects.values_list("name", flat=True)) + list(
        Place.objects.values_list("commune_name", flat=True)
    )
    words = {word for name in names for word in name.split()}
    return [*sorted(words), "st etienne", "MÉDIATHÈQUE", "centre soc", "Œuvre", "zzz", "ste", "l'"]


def _some(rng: random.Random, values: list[str], k: int) -> tuple[str, ...]:
    return tuple(rng.sample(values, min(k, len(values))))


def _random_filters(
    rng: random.Random, points: list[tuple[float, float]], choices: dict[str, Any]
) -> SearchFilters:
    values: dict[str, Any] = {}
    for field in FACET_PARAMETERS:
        if rng.random() < 0.07 and choices[field]:
            values[field] = _some(rng, choices[field], rng.choice([1, 1, 2]))
    if rng.random() < 0.2:
        values["q"] = " ".join(_some(rng, choices["words"], rng.choice([1, 1, 2])))
    if rng.random() < 0.15:
        values["insee_codes"] = _some(rng, choices["insee"], rng.choice([1, 2]))
    if rng.random() < 0.1:
        values["epcis"] = _some(rng, choices["epcis"], 1)
    if rng.random() < 0.55:
        lat, lon = rng.choice(points)
        values["point"] = Point(lat + rng.uniform(-0.1, 0.1), lon + rng.uniform(-0.1, 0.1))
    if rng.random() < 0.5:
        values["distance_km"] = rng.choice([0.5, 2, 5, 10, 20, 30, 80])
    if rng.random() < 0.4:
        if rng.random() < 0.3:
            when = rng.choice(MOMENTS)
        else:
            when = datetime.datetime(2026, 11, 30) + datetime.timedelta(
                minutes=rng.randrange(0, 3 * 7 * 1440)
            )
        values["open_at"] = (
            when.replace(tzinfo=PARIS) if rng.random() < 0.8 else when.replace(tzinfo=datetime.UTC)
        )
    if rng.random() < 0.1:
        lat, lon = rng.choice(points)
        values["bbox"] = BBox(lat - 0.2, lon - 0.3, lat + 0.2, lon + 0.3)
    values["all_publics_match"] = rng.random() < 0.3
    return SearchFilters(**values)


def _answer(
    result: SearchResult,
) -> tuple[list[tuple[str, float | None]], list[tuple[str, list[tuple[str, int]]]]]:
    hits = [(hit.place.pk.hex, hit.distance_km) for hit in result.hits]
    facets = [(name, list(counts.items())) for name, counts in result.facets.items()]
    return hits, facets


def test_the_index_answers_as_the_database_on_many_queries(loire_census: None) -> None:
    _made_up_places()
    rng = random.Random(18)  # noqa: S311 - reproducible test queries
    points = [
        (lat, lon)
        for lat, lon in Place.objects.values_list("latitude", "longitude")
        if lat is not None and lon is not None
    ]
    choices: dict[str, Any] = {field: _values(field) for field in FACET_PARAMETERS}
    choices["words"] = _words()
    choices["insee"] = [*sorted(set(Place.objects.values_list("insee_code", flat=True))), "99999"]
    choices["epcis"] = sorted({e for e in Place.objects.values_list("commune__epci_id", flat=True) if e})
    found_some = with_hours = 0
    nonempty: list[int] = []
    for _ in range(400):
        filters = _random_filters(rng, points, choices)
        with_facets = rng.random() < 0.3
        expected = _answer(places_search_sql(filters, with_facets=with_facets))
        assert _answer(places_search(filters, with_facets=with_facets)) == expected, filters
        found_some += bool(expected[0])
        nonempty.append(len(expected[0]))
        with_hours += bool(expected[0]) and filters.open_at is not None
        if filters.point is None and filters.open_at is None:
            _same_pages(rng, filters)
    assert found_some > 120  # the queries are not all empty: the comparison says something
    assert with_hours > 10


def _same_pages(rng: random.Random, filters: SearchFilters) -> None:
    limit = rng.choice([1, 5, 20, 100])
    after: tuple[str, str] | None = None
    start = rng.choice([0, 0, 3, 50])
    for _ in range(4):
        expected = places_page_by_name_sql(filters, after=after, start=start, limit=limit)
        page = places_page_by_name(filters, after=after, start=start, limit=limit)
        assert (page.total, page.more) == (expected.total, expected.more)
        assert [hit.place.pk for hit in page.hits] == [hit.place.pk for hit in expected.hits]
        if not expected.more or not expected.hits:
            return
        last = expected.hits[-1].place
        after, start = (last.name, last.pk.hex), 0


def test_every_made_up_hour_is_decided_like_the_library(loire_census: None) -> None:
    _made_up_places()
    for moment in MOMENTS:
        for zone in (PARIS, datetime.UTC):
            filters = SearchFilters(open_at=moment.replace(tzinfo=zone))
            assert _answer(places_search(filters)) == _answer(places_search_sql(filters))
    assert places_search(SearchFilters(open_at=MOMENTS[0].replace(tzinfo=PARIS))).hits
