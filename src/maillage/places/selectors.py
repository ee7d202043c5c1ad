"""Reads of the census of places."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from maillage.territories.selectors import communes_in_territory


def places_published() -> QuerySet[Place]:
    return Place.objects.filter(status=PlaceStatus.PUBLISHED)


def place_get_public(*, place_id: uuid.UUID) -> Place:
    """A published place, or 404 (drafts and archived places are not public)."""
    place = places_published().select_related("commune", "commune__epci").filter(pk=place_id).first()
    if place is None:
        raise Http404("Lieu introuvable")
    return place


@dataclass(frozen=True)
class CensusSummary:
    places: int
    communes_with_places: int
    territory_communes: int
    epcis_with_places: int
    with_hours: int


def places_census_summary() -> CensusSummary:
    published = places_published()
    return CensusSummary(
        places=published.count(),
        communes_with_places=published.exclude(commune=None).values("commune").distinct().count(),
        territory_communes=communes_in_territory().count(),
        epcis_with_places=published.exclude(commune__epci=None).values("commune__epci").distinct().count(),
        with_hours=published.exclude(opening_hours="").count(),
    )


def places_recently_updated(*, limit: int) -> list[Place]:
    return list(places_published().order_by("-updated_on", "name")[:limit])
