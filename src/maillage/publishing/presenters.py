"""What a place page shows, computed once from a Place (no database access)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from maillage.census.formats import FORMAT_LABELS as SOURCE_NAMES
from maillage.interop.mediation_numerique.schema import TYPOLOGIES
from maillage.places.domain.hours import OpenStatus, describe_hours, open_status
from maillage.places.domain.typography import programme_label
from maillage.places.labels import PLACEHOLDER_PIVOT, field_label
from maillage.places.models import Place, SourceRecord


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
