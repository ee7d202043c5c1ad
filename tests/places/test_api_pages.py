"""`GET /api/v1/lieux` without a point reads one page from the database: the same order as Python's
(name by code point, then id hex) on every database, the same `count` and cursors as reading them all.

The places are made up (they stand for nothing real); their names mix accents and case, whose order by
code point differs from a locale's, and repeat a name so that the id decides.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from maillage.places.enums import PlaceStatus
from maillage.places.models import Place

pytestmark = pytest.mark.django_db
NAMES = ["école", "Zèbre", "abri", "Été", "Ésope", "zèle", "Abbaye", "Été", "Été", "Œuvre", "eau", "Éb", "b"]


@pytest.fixture
def places(db: None) -> list[Place]:
    made = [
        Place(
            name=name,
            status=PlaceStatus.PUBLISHED if index != 5 else PlaceStatus.DRAFT,
            pivot="00000000000000",
            commune_name="Commune inventée",
            postal_code="42000",
            address=f"{index} rue inventée",
            typologies=["TIERS_LIEUX"] if index % 3 == 0 else ["RFS"],
            updated_on=datetime.date(2025, 1, 1),
        )
        for index, name in enumerate(NAMES * 3)
    ]
    return Place.objects.bulk_create(made)


def _expected(places: list[Place], typology: str | None = None) -> list[str]:
    kept = [
        place
        for place in places
        if place.status == PlaceStatus.PUBLISHED and (typology is None or typology in place.typologies)
    ]
    return [str(place.pk) for place in sorted(kept, key=lambda place: (place.name, place.pk.hex))]


def _get(client: Client, **params: Any) -> dict[str, Any]:
    response = client.get("/api/v1/lieux", params)
    assert response.status_code == 200, response.content
    page: dict[str, Any] = response.json()
    return page


@pytest.mark.parametrize("typology", [None, "TIERS_LIEUX"])
@pytest.mark.parametrize("limit", [1, 4, 7, 100])
def test_cursor_and_offset_walks_follow_the_code_point_order(
    places: list[Place], client: Client, typology: str | None, limit: int
) -> None:
    expected = _expected(places, typology)
    filters = {"typologie": typology} if typology else {}
    by_cursor: list[str] = []
    page = _get(client, cursor="", limit=limit, **filters)
    while True:
        assert page["count"] == len(expected)
        assert len(page["items"]) <= limit
        by_cursor += [item["id"] for item in page["items"]]
        if page["next_cursor"] is None:
            break
        page = _get(client, cursor=page["next_cursor"], limit=limit, **filters)
    assert by_cursor == expected
    by_offset: list[str] = []
    for offset in range(0, len(expected) + limit, limit):
        page = _get(client, offset=offset, limit=limit, **filters)
        assert page["offset"] == offset
        assert page["count"] == len(expected)
        assert (page["next_cursor"] is None) == (offset + limit >= len(expected))
        by_offset += [item["id"] for item in page["items"]]
    assert by_offset == expected


def test_a_page_past_the_end_is_empty_and_counts_every_place(places: list[Place], client: Client) -> None:
    page = _get(client, offset=500, limit=10)
    assert page["items"] == []
    assert page["count"] == len(_expected(places))
    assert page["next_cursor"] is None


def test_an_offset_beyond_any_database_integer_is_refused_by_name(
    places: list[Place], client: Client
) -> None:
    # Found by the API fuzzer: a 25-digit offset reached SQLite, which cannot hold it, and the answer was a 500.
    response = client.get("/api/v1/lieux", {"offset": 10**24})
    assert response.status_code == 422
    assert "offset" in str(response.json())
    page = _get(client, offset=1_000_000, limit=10)
    assert page["items"] == [] and page["count"] == len(_expected(places))
