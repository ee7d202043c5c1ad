"""What a place page and the list of places show, computed from places already read (no database access)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from maillage.census.formats import FORMAT_LABELS as SOURCE_NAMES
from maillage.core.geo import Point, haversine_km
from maillage.core.text import normalize
from maillage.interop.mediation_numerique.schema import TYPOLOGIES
from maillage.places.domain.hours import OpenStatus, describe_hours, open_status
from maillage.places.domain.listing import (
    ORDER_LABELS,
    ListOrder,
    ListOrigin,
    Placed,
    by_commune,
    by_distance,
    by_relevance,
    list_order,
    position_only_commune,
)
from maillage.places.domain.search import SearchFilters
from maillage.places.domain.typography import programme_label
from maillage.places.labels import PLACEHOLDER_PIVOT, field_label
from maillage.places.models import Place, SourceRecord
from maillage.places.search import Hit


@dataclass(frozen=True)
class Facet:
    label: str
    values: list[str]


@dataclass(frozen=True)
class PlaceCard:
    hours_lines: list[str]
    status: OpenStatus
    facets: list[Facet] = field(default_factory=list)
    typologies: list[str] = field(default_factory=list)
    siret: str = ""
    maps_query: str = ""
    programmes: list[str] = field(default_factory=list)  # national programmes, as each writes itself


def _typology_labels(codes: list[str]) -> list[str]:
    return [f"{TYPOLOGIES[code]} ({code})" if code in TYPOLOGIES else code for code in codes]


def place_card(place: Place, now: datetime) -> PlaceCard:
    facets = [
        Facet("Services proposés", place.services),
        Facet("Publics spécifiquement accueillis", place.publics),
        Facet("Prise en charge spécifique", place.specific_support),
        Facet("Frais à charge", place.fees),
        Facet("Modalités d'accès", place.access_modes),
        Facet("Modalités d'accompagnement", place.support_modes),
        Facet("Dispositifs et programmes nationaux", [programme_label(v) for v in place.national_programmes]),
        Facet("Formations et labels", place.training_labels),
        Facet("Itinérance", place.mobility),
    ]
    return PlaceCard(
        hours_lines=describe_hours(place.opening_hours) if place.opening_hours else [],
        status=open_status(place.opening_hours, now),
        facets=facets,
        typologies=_typology_labels(place.typologies),
        siret="" if place.pivot in ("", PLACEHOLDER_PIVOT) else place.pivot,
        programmes=[programme_label(value) for value in place.national_programmes],
    )


@dataclass(frozen=True)
class SourceLine:
    record: SourceRecord
    label: str
    gave: list[str]  # French labels of the fields this record's value is shown for


def place_sources(place: Place) -> list[SourceLine]:
    """The records feeding a place, each with the fields whose shown value it gave."""
    gave: dict[str, list[str]] = {}
    for name, origin in (place.provenance or {}).items():
        givers = origin.get("from")
        for key in givers if isinstance(givers, list) else [givers]:
            if key:
                gave.setdefault(key, []).append(field_label(name))
    records = sorted(place.source_records.all(), key=lambda r: (r.source, r.source_id))
    return [SourceLine(r, SOURCE_NAMES.get(r.source, r.source), gave.get(r.key, [])) for r in records]


# --- The list beside the map --------------------------------------------------------------------

MAIN_SERVICES = 3


@dataclass(frozen=True)
class ListRow:
    """One place of the list: what it is, what it offers, whether it is open now, how far it is."""

    place: Place
    kind: str  # the place's type (its first typology, in French), or ""
    services: list[str]  # its two or three main services (those asked for first)
    more_services: int  # how many more it offers
    status: OpenStatus
    distance_km: float | None = None
    in_commune: bool = False  # its position is only the origin commune's centre: « dans la commune »
    approximate: bool = False  # its position is only its own commune's centre


@dataclass(frozen=True)
class ListGroup:
    heading: str  # the commune's name; "" when the list is ordered by relevance or distance
    rows: list[ListRow]


@dataclass(frozen=True)
class PlaceList:
    order: ListOrder
    groups: list[ListGroup]
    origin: str = ""  # where distances are measured from, in French ("le centre de Feurs")

    @property
    def order_label(self) -> str:
        return ORDER_LABELS[self.order]

    @property
    def rows(self) -> list[ListRow]:
        return [row for group in self.groups for row in group.rows]


def _commune_centre(place: Place) -> Point | None:
    commune = place.commune
    if commune is None or commune.latitude is None or commune.longitude is None:
        return None
    return Point(commune.latitude, commune.longitude)


def _position(place: Place) -> Point | None:
    if place.latitude is None or place.longitude is None:
        return None
    return Point(place.latitude, place.longitude)


def _commune_name(place: Place) -> str:
    return place.commune.name if place.commune is not None else place.commune_name


def _main_services(place: Place, asked: tuple[str, ...]) -> tuple[list[str], int]:
    ordered = [s for s in place.services if s in asked] + [s for s in place.services if s not in asked]
    return ordered[:MAIN_SERVICES], max(0, len(ordered) - MAIN_SERVICES)


def place_list(
    hits: list[Hit], filters: SearchFilters, now: datetime, *, origin: ListOrigin | None, limit: int
) -> PlaceList:
    """The places found, ordered for reading (`places.domain.listing`), the first `limit` made rows."""
    order = list_order(q=filters.q, has_origin=origin is not None)
    facts: dict[int, Placed] = {}
    for index, hit in enumerate(hits):
        position = _position(hit.place)
        approximate = position_only_commune(
            flagged=hit.place.position_approximate,
            position=position,
            commune_centre=_commune_centre(hit.place),
        )
        distance = hit.distance_km
        if origin is not None and distance is None and position is not None:
            distance = haversine_km(origin.point, position)
        in_origin = bool(origin and origin.insee_code and hit.place.insee_code == origin.insee_code)
        area = hit.place.commune.area_km2 if hit.place.commune is not None else None
        facts[index] = Placed(distance, approximate, in_origin, area)
    indexes = list(range(len(hits)))
    if order is ListOrder.RELEVANCE:
        if origin is not None:
            indexes = by_distance(indexes, facts.__getitem__, lambda i: i)
        indexes = by_relevance(indexes, filters.q, lambda i: hits[i].place.name)
    elif order is ListOrder.DISTANCE:
        indexes = by_distance(indexes, facts.__getitem__, lambda i: normalize(hits[i].place.name))
    else:
        indexes = by_commune(indexes, lambda i: _commune_name(hits[i].place), lambda i: hits[i].place.name)
    groups: list[ListGroup] = []
    for index in indexes[:limit]:
        place, fact = hits[index].place, facts[index]
        services, more = _main_services(place, filters.services)
        kind = TYPOLOGIES.get(place.typologies[0], place.typologies[0]) if place.typologies else ""
        row = ListRow(
            place,
            kind,
            services,
            more,
            open_status(place.opening_hours, now),
            fact.distance_km,
            in_commune=fact.approximate and fact.in_origin_commune,
            approximate=fact.approximate,
        )
        heading = _commune_name(place) if order is ListOrder.COMMUNE else ""
        if groups and groups[-1].heading == heading:
            groups[-1].rows.append(row)
        else:
            groups.append(ListGroup(heading, [row]))
    return PlaceList(order, groups, origin.label if origin is not None else "")


@dataclass(frozen=True)
class PlaceLocation:
    """Where a place is, for its page: the small map's settings and the ways to get there. The
    coordinates go to the map and the links, never into the page's text."""

    map_config: dict[str, object]
    directions_url: str  # OpenStreetMap's route planner, the place as destination
    geo_uri: str  # RFC 5870: opens the phone's map application
    approximate: bool


def place_location(place: Place, *, map_settings: dict[str, object]) -> PlaceLocation | None:
    """The place's map (`map_settings`: outlines and tiles, as the site's maps use them) and directions."""
    if place.latitude is None or place.longitude is None:
        return None
    lat, lon = f"{place.latitude:.5f}", f"{place.longitude:.5f}"
    position = {
        "lat": float(lat),
        "lon": float(lon),
        "approximate": place.position_approximate,
        "commune": place.insee_code,
    }
    return PlaceLocation(
        map_config={**map_settings, **position},
        directions_url=f"https://www.openstreetmap.org/directions?route=%3B{lat}%2C{lon}#map=16/{lat}/{lon}",
        geo_uri=f"geo:{lat},{lon}",
        approximate=place.position_approximate,
    )
