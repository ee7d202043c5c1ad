"""The search index never answers from an older census: a place published, edited or withdrawn through
the services is seen by the very next search, and so is a write this process heard nothing of (another
process's). On the real Loire census; the place added is made up (it stands for nothing real).
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from maillage.contributions.services.contributions import contribution_approve, contribution_submit
from maillage.contributions.services.editing import place_apply_changes, place_create
from maillage.interop.source_helpers import PLACEHOLDER_PIVOT
from maillage.places.domain.search import SearchFilters
from maillage.places.enums import ContributionKind, PlaceStatus, ReportReason, VersionOrigin
from maillage.places.models import Place
from maillage.places.search import places_search, places_search_sql

pytestmark = pytest.mark.django_db
SAINT_ETIENNE = (45.430254, 4.378615)


def _found(client: Client, params: dict[str, Any]) -> list[str]:
    response = client.get("/api/v1/lieux", {**params, "limit": 100})
    assert response.status_code == 200, response.content
    return [item["nom"] for item in response.json()["items"]]


def test_publish_edit_withdraw_are_seen_by_the_next_search(loire_census: None, client: Client) -> None:
    near = {"lat": SAINT_ETIENNE[0], "lon": SAINT_ETIENNE[1], "distance_km": 3}
    assert "Lieu inventé Zéphyrine" not in _found(client, {"q": "zephyrine"})  # the index is built
    before = _found(client, near)
    place = place_create(
        fields={
            "pivot": PLACEHOLDER_PIVOT,
            "name": "Lieu inventé Zéphyrine",
            "commune_name": "Saint-Étienne",
            "insee_code": "42218",
            "postal_code": "42000",
            "address": "1 rue inventée",
            "latitude": SAINT_ETIENNE[0],
            "longitude": SAINT_ETIENNE[1],
            "services": ["Aide aux démarches administratives"],
            "opening_hours": "Mo-Su 00:00-24:00",
        },
        author=None,
        origin=VersionOrigin.EDIT,
    )
    assert _found(client, {"q": "zephyrine"}) == ["Lieu inventé Zéphyrine"]
    assert _found(client, near) == ["Lieu inventé Zéphyrine", *before][: len(before) + 1]

    place_apply_changes(
        place=place, changes={"name": "Lieu inventé Ernestine"}, author=None, origin=VersionOrigin.EDIT
    )
    assert _found(client, {"q": "zephyrine"}) == []
    assert _found(client, {"q": "ernestine"}) == ["Lieu inventé Ernestine"]

    moderator = get_user_model().objects.create_user(
        "animatrice", email="animatrice@example.org", is_staff=True
    )
    report = contribution_submit(
        kind=ContributionKind.REPORT,
        email="personne@example.org",
        place=place,
        report_reason=ReportReason.CLOSED,
    )
    contribution_approve(contribution=report, moderator=moderator)
    assert _found(client, {"q": "ernestine"}) == []
    assert _found(client, near) == before


def test_a_write_this_process_heard_nothing_of_is_seen(loire_census: None) -> None:
    """`QuerySet.update` sends no signal, as a write by another process (a gunicorn worker, an import run
    from the command line) reaches this one: the version read before each search still tells."""
    place = Place.objects.filter(status=PlaceStatus.PUBLISHED).order_by("name").first()
    assert place is not None
    filters = SearchFilters(q=place.name)
    assert place.pk in {hit.place.pk for hit in places_search(filters).hits}
    later = timezone.now() + datetime.timedelta(seconds=1)
    Place.objects.filter(pk=place.pk).update(status=PlaceStatus.CLOSED, updated_at=later)
    assert place.pk not in {hit.place.pk for hit in places_search(filters).hits}
    Place.objects.filter(pk=place.pk).update(
        status=PlaceStatus.PUBLISHED, updated_at=later + datetime.timedelta(seconds=1)
    )
    hits = places_search(filters).hits
    assert place.pk in {hit.place.pk for hit in hits}
    assert [hit.place.pk for hit in hits] == [hit.place.pk for hit in places_search_sql(filters).hits]
