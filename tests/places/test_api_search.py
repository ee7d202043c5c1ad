"""`GET /api/v1/lieux` from the outside, on the real Loire census: every filter, distance, hours, 422s."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from maillage.core.geo import Point, haversine_km
from maillage.core.text import normalize
from maillage.interop.mediation_numerique.schema import TYPOLOGIES
from maillage.places.domain.search import FACET_PARAMETERS
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place

pytestmark = pytest.mark.django_db
SAINT_ETIENNE = (45.430254, 4.378615)  # centre of commune 42218 in the shipped commune file


@pytest.fixture
def census(demo_census: list[str]) -> None:
    """What `demo_load(with_france=False)` writes: the real Loire census (restored, tests/conftest.py)."""


def _all(client: Client, params: dict[str, Any]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    offset = 0
    while True:
        response = client.get("/api/v1/lieux", {**params, "limit": 100, "offset": offset})
        assert response.status_code == 200, response.content
        page = response.json()
        items += page["items"]
        offset += 100
        if offset >= page["count"]:
            assert len(items) == page["count"]
            return items


def _published() -> list[Place]:
    return list(Place.objects.filter(status=PlaceStatus.PUBLISHED))


def test_no_filter_lists_every_published_place_by_name(census: None, client: Client) -> None:
    items = _all(client, {})
    assert len(items) == len(_published())
    names = [item["nom"] for item in items]
    assert names == sorted(names, key=lambda n: n)  # the database's name order


@pytest.mark.parametrize("field", list(FACET_PARAMETERS))
def test_every_enumerated_filter_matches_a_python_count(census: None, client: Client, field: str) -> None:
    values = sorted({value for place in _published() for value in getattr(place, field)})
    if not values:
        pytest.skip(f"no Loire place carries a value for {field}")
    value = values[0]
    expected = {str(place.pk) for place in _published() if value in getattr(place, field)}
    found = {item["id"] for item in _all(client, {FACET_PARAMETERS[field]: value})}
    assert found == expected
    assert found


def test_two_values_of_one_filter_mean_either(census: None, client: Client) -> None:
    a, b = "Seniors", "Jeunes"
    expected = {str(p.pk) for p in _published() if a in p.publics or b in p.publics}
    assert {item["id"] for item in _all(client, {"publics": [a, b]})} == expected


def test_commune_and_epci_filters(census: None, client: Client) -> None:
    in_saint_etienne = {str(p.pk) for p in _published() if p.insee_code == "42218"}
    assert {item["id"] for item in _all(client, {"code_insee": "42218"})} == in_saint_etienne
    roannais = {
        str(p.pk) for p in Place.objects.filter(status=PlaceStatus.PUBLISHED, commune__epci_id="200035731")
    }
    assert roannais
    assert {item["id"] for item in _all(client, {"epci": "200035731"})} == roannais


def _words(item: dict[str, Any]) -> list[str]:
    kinds = [TYPOLOGIES.get(code, code) for code in item["typologie"]]
    return normalize(
        " ".join([item["nom"], item["commune"], item["code_postal"], item["adresse"], *kinds])
    ).split()


@pytest.mark.parametrize(
    ("q", "words", "must_find"),
    [
        ("st etienne", ["saint", "etienne"], "Centre Social de la Vivaraize"),
        ("centre soc", ["centre", "soc"], "Centre social de Mably"),
        ("mediatheque", ["mediatheque"], "Médiathèque Les Passerelles"),
    ],
)
def test_text_search_ignores_accents_and_case_and_matches_prefixes(
    census: None, client: Client, q: str, words: list[str], must_find: str
) -> None:
    items = _all(client, {"q": q})
    assert must_find in {item["nom"] for item in items}
    for item in items:
        place_words = _words(item)
        assert all(any(w.startswith(word) for w in place_words) for word in words), item["nom"]
    # Upper case and accents change nothing.
    assert _all(client, {"q": q.upper().replace("E", "É")}) == items


def test_distance_orders_results_and_is_returned(census: None, client: Client) -> None:
    lat, lon = SAINT_ETIENNE
    items = _all(client, {"lat": lat, "lon": lon, "distance_km": 10})
    distances = [item["distance_km"] for item in items]
    assert distances == sorted(distances)
    assert all(d <= 10 for d in distances)
    for item in items[:5]:
        expected = haversine_km(Point(lat, lon), Point(item["latitude"], item["longitude"]))
        assert item["distance_km"] == pytest.approx(expected, abs=0.001)
    inside = [
        p
        for p in _published()
        if p.latitude is not None and haversine_km(Point(lat, lon), Point(p.latitude, p.longitude)) <= 10
    ]
    assert len(items) == len(inside)


def test_ouvert_a_against_hand_checked_hours(census: None, client: Client) -> None:
    # AFR Estivareilles: "Th 11:00-12:30,14:00-19:00". Thursday 3 December 2026.
    estivareilles = str(Place.objects.get(name="AFR Estivareilles").pk)
    at_1130 = {item["id"] for item in _all(client, {"ouvert_a": "2026-12-03T11:30:00"})}
    at_1300 = {item["id"] for item in _all(client, {"ouvert_a": "2026-12-03T13:00:00+01:00"})}
    friday = {item["id"] for item in _all(client, {"ouvert_a": "2026-12-04T11:30:00"})}
    assert estivareilles in at_1130
    assert estivareilles not in at_1300
    assert estivareilles not in friday
    # Christmas (a public holiday): nobody is open whose hours say "PH off"; Thursday rule applies otherwise.
    christmas = _all(client, {"ouvert_a": "2026-12-25T10:00:00"})
    assert all("PH off" not in item["horaires"] for item in christmas)


def test_the_issue_query_point_service_and_time(census: None, client: Client) -> None:
    lat, lon = SAINT_ETIENNE
    params = {
        "lat": lat,
        "lon": lon,
        "distance_km": 20,
        "services": "Aide aux démarches administratives",
        "ouvert_a": "2026-12-01T10:00:00",
    }
    items = _all(client, params)
    assert items
    assert all("Aide aux démarches administratives" in item["services"] for item in items)
    assert [item["distance_km"] for item in items] == sorted(item["distance_km"] for item in items)


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"services": "Réparer des vélos"}, "services"),
        ({"publics": "Tout le monde"}, "publics"),
        ({"lat": 45.4}, "lon"),
        ({"lon": 4.3}, "lat"),
        ({"lat": 95, "lon": 4}, "lat"),
        ({"distance_km": 5}, "distance_km"),
        ({"lat": 45.4, "lon": 4.3, "distance_km": -1}, "distance_km"),
        ({"ouvert_a": "mardi matin"}, "ouvert_a"),
        ({"code_insee": "4221"}, "code_insee"),
        ({"epci": "Roanne"}, "epci"),
        ({"jour": "jeudi"}, "heure"),
        ({"jour": "jeudi", "heure": "midi"}, "heure"),
        ({"bbox": "46,4,45,5"}, "bbox"),
        ({"ouvert_a": "2027-01-04T09:00", "ouvert_maintenant": "1"}, "ouvert_a"),
        ({"limit": 1000}, "limit"),
        ({"offset": -1}, "offset"),
    ],
)
def test_bad_parameters_get_a_422_naming_them(
    census: None, client: Client, params: dict[str, Any], parameter: str
) -> None:
    response = client.get("/api/v1/lieux", params)
    assert response.status_code == 422
    locations = [error["loc"] for error in response.json()["detail"]]
    assert any(parameter in location for location in locations), locations


@pytest.mark.parametrize(
    "params",
    [
        {"q": "st etienne mediatheque"},
        {"services": ["Accès internet et matériel informatique", "Aide aux démarches administratives"]},
        {"code_insee": "42218", "jour": "mardi", "heure": "10:00"},
        {"bbox": "45.98,3.98,46.1,4.15", "services": "Accès internet et matériel informatique"},
        {"epci": "244200770", "publics": "Jeunes", "ouvert_a": "2027-01-05T14:30"},
    ],
)
def test_the_map_and_the_api_read_one_query_string_alike(
    census: None, client: Client, params: dict[str, Any]
) -> None:
    """One parser: the same query string finds the same places on the map's list and through the API."""
    on_map = client.get("/carte/", params)
    assert on_map.status_code == 200
    assert not on_map.context["errors"]
    from_map = {str(hit.place.pk) for hit in on_map.context["page"].result.hits}
    from_api = {item["id"] for item in _all(client, params)}
    assert from_map == from_api
    assert from_api  # each of these searches finds places in the Loire


def test_map_geojson_is_compact_and_cached(census: None, client: Client) -> None:
    response = client.get("/api/v1/lieux.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    positioned = Place.objects.filter(status=PlaceStatus.PUBLISHED).exclude(latitude=None).count()
    assert len(data["features"]) == positioned
    feature = data["features"][0]
    assert set(feature["properties"]) == {"n", "c"}
    assert Place.objects.filter(pk=feature["id"], status=PlaceStatus.PUBLISHED).exists()
    lon, lat = feature["geometry"]["coordinates"]
    assert round(lon, 5) == lon
    assert round(lat, 5) == lat
    again = client.get("/api/v1/lieux.geojson", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
