"""The published census held in memory by each process, for `places_search` (see domain/search_index.py).

Built from the database on the first search, and again whenever the census changed: each search first
reads the census's version (published count and newest change, one aggregate query) and compares it with
the index's; a write made in this process (a save or delete of a place) drops the index at once. So a
search never answers from a census older than the database's, whichever process wrote it. The places it
returns are shared by every search of the process until the next build: read them, never change them.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Max, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from maillage.places.domain.search import FACET_PARAMETERS
from maillage.places.domain.search_index import CensusColumns, IndexRow
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from maillage.places.selectors import places_published

HEAVY_FIELDS = ("provenance", "field_choices", "search_text")


@dataclass(frozen=True)
class SearchIndex:
    version: tuple[object, ...]
    columns: CensusColumns
    places: list[Place]  # in the columns' order


_lock = threading.Lock()
_current: SearchIndex | None = None


def census_index_version() -> tuple[object, ...]:
    """What changes whenever the published census may have: the database, how many places are
    published and the newest change of any place (one aggregate query)."""
    row = Place.objects.aggregate(
        published=Count("pk", filter=Q(status=PlaceStatus.PUBLISHED)), latest=Max("updated_at")
    )
    return (connection.alias, connection.settings_dict.get("NAME"), row["published"], row["latest"])


def search_index() -> SearchIndex:
    """The index of the census as the database has it now (rebuilt when its version changed)."""
    global _current
    version = census_index_version()
    index = _current
    if index is not None and index.version == version:
        return index
    with _lock:
        index = _current
        if index is None or index.version != version:
            index = _build(version)
            _current = index
    return index


def search_index_forget() -> None:
    """Drop this process's index: the next search builds it again."""
    global _current
    _current = None


@receiver([post_save, post_delete], sender=Place, dispatch_uid="places-search-index")
def _place_written(**kwargs: object) -> None:
    search_index_forget()


def _build(version: tuple[object, ...]) -> SearchIndex:
    published = places_published()
    places = list(
        published.select_related("commune__epci")
        .defer(*HEAVY_FIELDS, "commune__outline", "commune__epci__outline")
        .order_by("name", "id")
    )
    texts: dict[uuid.UUID, str] = dict(published.values_list("id", "search_text"))
    empty_publics = set(published.filter(publics=[]).values_list("id", flat=True))
    rows = [
        IndexRow(
            id_hex=place.pk.hex,
            name=place.name,
            latitude=place.latitude,
            longitude=place.longitude,
            lists={name: getattr(place, name) or [] for name in FACET_PARAMETERS},
            publics_empty=place.pk in empty_publics,
            insee_code=place.insee_code,
            epci=place.commune.epci_id if place.commune is not None else None,
            search_text=texts.get(place.pk, ""),
            opening_hours=place.opening_hours,
        )
        for place in places
    ]
    return SearchIndex(version, CensusColumns(rows), places)
