"""Searching the published census: from the process's in-memory index (`search_index.py`), or from the
database (filters in SQL where SQL can, distance and opening hours in Python).

`places_search` serves the map, the list beside it, the orientation flow and `/api/v1/lieux`; they all
ask the same question with `SearchFilters` and get the same answer. `places_search_sql` and
`places_page_by_name_sql` are the database path, kept as the reference the index is proved against
(tests/places/test_search_index.py) and measured against (scripts/bench/search.py).
"""

from __future__ import annotations

import bisect
import datetime
import uuid
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Collate

from maillage.core.geo import Point, bbox_around, haversine_km
from maillage.places.domain.hours import is_open_at
from maillage.places.domain.search import FACET_PARAMETERS, FacetCounts, SearchFilters, query_words
from maillage.places.domain.search_index import columns_match, facet_counts
from maillage.places.models import Place
from maillage.places.search_index import search_index
from maillage.places.selectors import places_published

HEAVY_FIELDS = ("provenance", "field_choices", "search_text")
CHUNK = 500  # ids per `IN (…)` when reading the places a search kept


@dataclass(frozen=True)
class Hit:
    place: Place
    distance_km: float | None = None


@dataclass
class SearchResult:
    hits: list[Hit]
    facets: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.hits)


def _whole(queryset: QuerySet[Place]) -> QuerySet[Place]:
    """The place with its commune and EPCI, without the fields a search never shows."""
    return queryset.select_related("commune__epci").defer(
        *HEAVY_FIELDS, "commune__outline", "commune__epci__outline"
    )


def _filtered(filters: SearchFilters, queryset: QuerySet[Place] | None = None) -> QuerySet[Place]:
    """Published places (or `queryset`) narrowed by what SQL can check."""
    queryset = _whole(places_published()) if queryset is None else queryset
    for name, values in filters.list_filters().items():
        condition = Q(**{f"{name}__has_any": list(values)})
        if name == "publics" and filters.all_publics_match:
            condition |= Q(publics=[])
        queryset = queryset.filter(condition)
    if filters.insee_codes:
        queryset = queryset.filter(insee_code__in=filters.insee_codes)
    if filters.epcis:
        queryset = queryset.filter(commune__epci_id__in=filters.epcis)
    for word in query_words(filters.q):
        queryset = queryset.filter(search_text__contains=f" {word}")
    box = filters.bbox
    if filters.point is not None and filters.distance_km is not None:
        box = bbox_around(filters.point, filters.distance_km)
    if box is not None:
        queryset = queryset.filter(
            latitude__gte=box.south, latitude__lte=box.north, longitude__gte=box.west, longitude__lte=box.east
        )
    return queryset


def places_search(filters: SearchFilters, *, with_facets: bool = False) -> SearchResult:
    """Published places matching `filters`: nearest first when a point is given, else by name.

    With `open_at`, places whose hours are unknown are left out (nobody can say they are open).
    Answered from the in-memory index: the same answer as `places_search_sql`.
    """
    index = search_index()
    found, distances = columns_match(index.columns, filters)
    places = index.places
    result = SearchResult([Hit(places[i], d) for i, d in zip(found.tolist(), distances, strict=True)])
    if with_facets:
        result.facets = facet_counts(index.columns, found)
    return result


def places_search_sql(filters: SearchFilters, *, with_facets: bool = False) -> SearchResult:
    """`places_search` answered by the database (the reference path)."""
    order = ("name", "id") if filters.point is None else ("id",)
    if filters.point is None and filters.open_at is None:
        places = _filtered(filters).order_by(*order).iterator(chunk_size=2000)
        hits = [Hit(place) for place in places]
    else:
        hits = _hits_in_two_steps(filters, order)
    if filters.point is not None:
        hits.sort(key=lambda hit: (hit.distance_km is None, hit.distance_km or 0.0, hit.place.name))
    result = SearchResult(hits)
    if with_facets:
        counts = FacetCounts()
        for hit in hits:
            counts.add({name: getattr(hit.place, name) for name in FACET_PARAMETERS})
        result.facets = counts.as_dict()
    return result


@dataclass(frozen=True)
class NamePage:
    hits: list[Hit]
    total: int
    more: bool


def places_page_by_name(
    filters: SearchFilters, *, after: tuple[str, str] | None, start: int, limit: int
) -> NamePage:
    """One page of `places_search(filters)` ordered by (name, id hex) as Python compares them, after the
    keyset `after`, from `start`; `total` counts every place found. From the in-memory index: the same
    page as `places_page_by_name_sql`."""
    if filters.point is not None or filters.open_at is not None:
        raise ValueError("places_page_by_name: filters that SQL cannot check whole")
    index = search_index()
    columns = index.columns
    found, _ = columns_match(columns, filters)
    order = columns.python_order
    if after is not None:
        after_key = (after[0], uuid.UUID(after[1]).hex)
        order = order[bisect.bisect_right(columns.python_keys, after_key) :]
    member = np.zeros(columns.size, dtype=np.bool_)
    member[found] = True
    ranked = order[member[order]]
    window = ranked[start : start + limit + 1].tolist()
    return NamePage([Hit(index.places[i]) for i in window[:limit]], len(found), len(window) > limit)


def places_page_by_name_sql(
    filters: SearchFilters, *, after: tuple[str, str] | None, start: int, limit: int
) -> NamePage:
    """One page of `places_search(filters)` read from the database: ordered by (name, id hex) as Python
    compares them (code points: the same on every database), after the keyset `after`, from `start`.

    Only for filters SQL checks whole (no point, no `open_at`); `total` counts every place found."""
    if filters.point is not None or filters.open_at is not None:
        raise ValueError("places_page_by_name: filters that SQL cannot check whole")
    found = _filtered(filters)
    total = found.count()
    # PostgreSQL orders text by the database's locale; "C" orders it by code point, as Python does.
    # SQLite compares text byte by byte (BINARY), which is code-point order for UTF-8.
    name = Collate(F("name"), "C") if connection.vendor == "postgresql" else F("name")
    ordered = found.alias(sort_name=name).order_by("sort_name", "id")
    if after is not None:
        after_name, after_hex = after
        after_id = uuid.UUID(after_hex)
        ordered = ordered.filter(Q(sort_name__gt=after_name) | Q(sort_name=after_name, id__gt=after_id))
    window = list(ordered[start : start + limit + 1])
    return NamePage([Hit(place) for place in window[:limit]], total, len(window) > limit)


def _hits_in_two_steps(filters: SearchFilters, order: tuple[str, ...]) -> list[Hit]:
    """Distance and opening hours are checked in Python on narrow rows (id, position, hours); only the
    places that pass are then read whole (most rows of a box around a point do not: its corners, and the
    places closed at `open_at`)."""
    kept: list[tuple[uuid.UUID, float | None]] = []
    narrow = _filtered(filters, places_published()).order_by(*order)
    rows = narrow.values_list("id", "latitude", "longitude", "opening_hours")
    for pk, latitude, longitude, hours in rows.iterator(chunk_size=2000):
        distance = _distance(filters.point, latitude, longitude)
        if filters.distance_km is not None and (distance is None or distance > filters.distance_km):
            continue
        if filters.open_at is not None and not _open(hours, filters.open_at):
            continue
        kept.append((pk, distance))
    places: dict[uuid.UUID, Place] = {}
    for start in range(0, len(kept), CHUNK):
        chunk = [pk for pk, _ in kept[start : start + CHUNK]]
        places.update((place.pk, place) for place in _whole(places_published().filter(pk__in=chunk)))
    return [Hit(places[pk], distance) for pk, distance in kept if pk in places]


def _distance(point: Point | None, latitude: float | None, longitude: float | None) -> float | None:
    if point is None or latitude is None or longitude is None:
        return None
    return haversine_km(point, Point(latitude, longitude))


def _open(hours: str, when: datetime.datetime) -> bool:
    return bool(hours) and is_open_at(hours, when) is True


def places_map_points() -> list[tuple[str, str, str, float, float]]:
    """(id, name, commune, latitude, longitude) of every published place with a position, for the map."""
    rows = (
        places_published()
        .exclude(latitude=None)
        .exclude(longitude=None)
        .order_by("name", "id")
        .values_list("id", "name", "commune_name", "latitude", "longitude")
    )
    return [
        (str(pk), name, commune, lat, lon)
        for pk, name, commune, lat, lon in rows
        if lat is not None and lon is not None
    ]
