"""What the map of places needs: its page (results, counts per filter value) and its GeoJSON layers.

The layers are compact: coordinates rounded to 5 decimals (about a metre), short property names. The
territory's outlines are simplified along shared borders (`core.geo_simplify`), computed once and cached.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.core.cache import cache

from maillage.core.geo import Point
from maillage.core.geo_simplify import rounded_ring, simplify_shared_rings
from maillage.places.domain.listing import ListOrigin
from maillage.places.domain.search import SearchFilters
from maillage.places.search import Hit, SearchResult, places_map_points, places_page_by_name, places_search
from maillage.places.selectors import census_version
from maillage.publishing.facets import FACET_LABELS, PARAMETER_FIELDS, facet_choices
from maillage.territories.models import Commune, Department
from maillage.territories.selectors import communes_in_territory

DECIMALS = 5
# Douglas–Peucker tolerance for the outlines: invisible at the territory's scale, and it keeps the
# outlines and the points of the Loire under 30 KB gzipped.
OUTLINE_TOLERANCE_M = 600
OUTLINES_CACHE_SECONDS = 24 * 3600
POINTS_CACHE_SECONDS = 3600
# Communes named on the map at low zoom: label level by population (the rest are named when zoomed in).
LABEL_LEVELS = ((30_000, 1), (8_000, 2))
LIST_LIMIT = 500


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    checked: bool
    dom_id: str


@dataclass(frozen=True)
class FacetGroup:
    parameter: str
    label: str
    options: list[FacetOption]

    @property
    def checked(self) -> int:
        return sum(option.checked for option in self.options)


@dataclass(frozen=True)
class MapPage:
    result: SearchResult
    groups: list[FacetGroup]
    active_filters: int


def map_page(filters: SearchFilters) -> MapPage:
    """The places found and, for each enumerated field, how many of them carry each value.

    A field's own values are counted without its own filter (values of one field add up: "or"), so a
    count says how many places that value would show. Values no published place carries are left out.
    """
    result = places_search(filters, with_facets=True)
    census = result.facets if filters.is_empty() else places_search(SearchFilters(), with_facets=True).facets
    counts = dict(result.facets)
    for name in filters.list_filters():
        without_own = dataclasses.replace(filters, **cast(dict[str, Any], {name: ()}))
        counts[name] = places_search(without_own, with_facets=True).facets.get(name, {})
    groups = []
    for parameter, label in FACET_LABELS.items():
        name = PARAMETER_FIELDS[parameter]
        checked = set(getattr(filters, name))
        options = [
            FacetOption(
                value, text, counts.get(name, {}).get(value, 0), value in checked, f"f-{parameter}-{index}"
            )
            for index, (value, text) in enumerate(facet_choices(parameter))
            if value in checked or census.get(name, {}).get(value)
        ]
        groups.append(FacetGroup(parameter, label, options))
    active = sum(group.checked for group in groups) + sum(
        bool(value) for value in (filters.insee_codes, filters.epcis, filters.open_at)
    )
    return MapPage(result, groups, active)


# --- Pages of the search API ---------------------------------------------------------------------

CursorKey = tuple[str, str]
"""The last place of a page: its name and its id (hex), the keyset of the stable order."""


class PagingError(ValueError):
    """A page that cannot be read as asked: the parameter at fault and what is wrong, in French."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter, self.message = parameter, message


@dataclass(frozen=True)
class LieuxWindow:
    hits: list[Hit]
    total: int  # every place found, on every page
    start: int  # rank of the first hit
    next_key: CursorKey | None  # where the next page starts (order by name only); None on the last page


def _key(hit: Hit) -> CursorKey:
    return hit.place.name, hit.place.pk.hex


def lieux_window(
    filters: SearchFilters, *, cursor: bool, after: CursorKey | None, offset: int, limit: int
) -> LieuxWindow:
    """One page of the places `filters` find: nearest first around a point, else by (name, id hex) as
    Python compares them (the same order on every database); by offset or after the keyset `after`.

    Without point nor opening time every filter is checked in SQL and only the page is read; otherwise
    the search is read whole and cut here."""
    if cursor and filters.point is not None:
        raise PagingError("cursor", "la pagination par curseur suit l'ordre des noms : sans lat ni lon")
    if cursor and offset:
        raise PagingError("offset", "choisissez offset ou cursor, pas les deux")
    start = 0 if cursor else offset
    if filters.point is None and filters.open_at is None:
        found = places_page_by_name(filters, after=after, start=start, limit=limit)
        total, window, more = found.total, found.hits, found.more
    else:
        hits = places_search(filters).hits
        total = len(hits)
        if filters.point is None:
            hits = sorted(hits, key=_key)
        if after is not None:
            hits = [hit for hit in hits if _key(hit) > after]
        window = hits[start : start + limit]
        more = start + limit < len(hits)
    next_key = _key(window[-1]) if more and window and filters.point is None else None
    return LieuxWindow(window, total, start, next_key)


def list_origin(filters: SearchFilters) -> ListOrigin | None:
    """Where the list measures distances from: the point asked for, else the centre of the one commune
    chosen (none for several communes, or a commune whose centre is unknown)."""
    if filters.point is not None:
        return ListOrigin(filters.point, "la position indiquée")
    if len(filters.insee_codes) != 1:
        return None
    found = Commune.objects.filter(insee_code=filters.insee_codes[0]).exclude(latitude=None)
    commune = found.only("insee_code", "name", "latitude", "longitude").first()
    if commune is None or commune.latitude is None or commune.longitude is None:
        return None
    centre = Point(commune.latitude, commune.longitude)
    return ListOrigin(centre, f"le centre de {commune.name}", commune.insee_code)


# --- GeoJSON layers -----------------------------------------------------------------------------


def _dumps(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _etag(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:24]


def places_version() -> str:
    """Changes whenever a published place is added, changed or withdrawn (cached, see census_version)."""
    return census_version().tag


def points_etag(filters: SearchFilters, query: Sequence[tuple[str, str]], now: datetime.datetime) -> str:
    # "Open now" changes with the clock: such an answer is only good for the minute.
    minute = now.strftime("%Y%m%d%H%M") if filters.open_at is not None else ""
    return _etag("points", places_version(), sorted(query), minute)


def points_geojson(filters: SearchFilters) -> bytes:
    """Published places with a position: [lon, lat], `n` name, `c` commune; the feature id is the place's.

    Without filters (the map's first request, `/api/v1/lieux.geojson`) the layer is cached for the census
    version it was built from: a new version is a new key."""
    if not filters.is_empty():
        return _points_geojson(filters)
    key = f"maillage:map-points:v1:{places_version()}"
    body: bytes | None = cache.get(key)
    if body is None:
        body = _points_geojson(filters)
        cache.set(key, body, POINTS_CACHE_SECONDS)
    return body


def _points_geojson(filters: SearchFilters) -> bytes:
    if filters.is_empty():
        rows = places_map_points()
    else:
        rows = [
            (
                str(hit.place.pk),
                hit.place.name,
                hit.place.commune_name,
                hit.place.latitude,
                hit.place.longitude,
            )
            for hit in places_search(filters).hits
            if hit.place.latitude is not None and hit.place.longitude is not None
        ]
    features = [
        {
            "type": "Feature",
            "id": pk,
            "geometry": {"type": "Point", "coordinates": [round(lon, DECIMALS), round(lat, DECIMALS)]},
            "properties": {"n": name, "c": commune},
        }
        for pk, name, commune, lat, lon in rows
    ]
    return _dumps({"type": "FeatureCollection", "features": features})


@dataclass(frozen=True)
class Outlines:
    body: bytes
    etag: str
    bounds: tuple[float, float, float, float] | None  # south, west, north, east


def _polygons(geometry: dict[str, Any] | None) -> list[list[list[list[float]]]]:
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return list(geometry["coordinates"])
    return []


def _label_level(population: int | None) -> int | None:
    return next((level for floor, level in LABEL_LEVELS if (population or 0) >= floor), None)


def _bounds(rings: Iterable[Sequence[Sequence[float]]]) -> tuple[float, float, float, float] | None:
    positions = [position for ring in rings for position in ring]
    if not positions:
        return None
    lons, lats = [position[0] for position in positions], [position[1] for position in positions]
    return (
        round(min(lats), DECIMALS),
        round(min(lons), DECIMALS),
        round(max(lats), DECIMALS),
        round(max(lons), DECIMALS),
    )


def _build_outlines() -> Outlines:
    communes = list(
        communes_in_territory()
        .exclude(outline=None)
        .order_by("insee_code")
        .values_list("insee_code", "name", "population", "outline")
    )
    department = Department.objects.filter(code=settings.MAILLAGE_TERRITORY_CODE).first()
    shapes: list[tuple[dict[str, Any], list[list[list[list[float]]]]]] = [
        (
            {"id": code, "properties": {"n": name} | ({"l": level} if (level := _label_level(pop)) else {})},
            _polygons(outline),
        )
        for code, name, pop, outline in communes
    ]
    if department is not None and department.outline:
        shapes.append(
            ({"properties": {"n": department.name, "k": "departement"}}, _polygons(department.outline))
        )
    rings = [ring for _, polygons in shapes for polygon in polygons for ring in polygon]
    simplified = iter(simplify_shared_rings(rings, OUTLINE_TOLERANCE_M))
    features = []
    for feature, polygons in shapes:
        parts = [[rounded_ring(next(simplified), DECIMALS) for _ in polygon] for polygon in polygons]
        geometry = (
            {"type": "Polygon", "coordinates": parts[0]}
            if len(parts) == 1
            else {"type": "MultiPolygon", "coordinates": parts}
        )
        features.append({"type": "Feature", **feature, "geometry": geometry})
    body = _dumps({"type": "FeatureCollection", "features": features})
    outer = _polygons(department.outline) if department is not None else []
    bounds = _bounds(ring for polygon in (outer or [p for _, ps in shapes for p in ps]) for ring in polygon)
    return Outlines(body, _etag("outlines", hashlib.sha256(body).hexdigest()), bounds)


def territory_outlines() -> Outlines:
    """The communes of the territory (`n` name, `l` label level) and the département (`k`), cached."""
    key = (
        f"maillage:map-outlines:v1:{settings.MAILLAGE_TERRITORY_CODE}:{OUTLINE_TOLERANCE_M}:"
        f"{communes_in_territory().exclude(outline=None).count()}"
    )
    outlines = cache.get(key)
    if outlines is None:
        outlines = _build_outlines()
        cache.set(key, outlines, OUTLINES_CACHE_SECONDS)
    return outlines
