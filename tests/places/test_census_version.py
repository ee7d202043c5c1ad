"""The census version behind the ETags is cached between requests, and forgotten when the census changes.

Requests run outside any transaction, so these tests use `transactional_db` (no wrapping transaction);
the places are made up (they stand for nothing real).
"""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.db import transaction

from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from maillage.places.selectors import census_version

pytestmark = pytest.mark.django_db(transaction=True)


def _place(name: str) -> Place:
    return Place(
        name=name,
        status=PlaceStatus.PUBLISHED,
        commune_name="Commune inventée",
        postal_code="42000",
        address="1 rue inventée",
        updated_on=datetime.date(2025, 1, 1),
    )


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def test_the_version_is_cached_until_a_place_is_saved() -> None:
    first = census_version()
    assert first.count == 0
    Place.objects.bulk_create([_place("Lieu inventé A")])  # no signal: the cached version stays
    assert census_version() == first
    place = _place("Lieu inventé B")
    place.save()
    assert census_version().count == 2
    place.delete()
    assert census_version().count == 1


def test_inside_a_transaction_the_version_sees_its_own_writes() -> None:
    before = census_version()
    with transaction.atomic():
        Place.objects.bulk_create([_place("Lieu inventé C")])
        assert census_version().count == before.count + 1
        transaction.set_rollback(True)
    assert census_version() == before
