"""What a place page shows, computed once from a Place (no database access)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from maillage.census.formats import FORMAT_LABELS as SOURCE_NAMES
from maillage.core.geo import Point, haversine_km
from maillage.interop.mediation_numerique.schema import TYPOLOGIES
from maillage.places.domain.hours import OpenStatus, describe_hours, open_status
from maillage.places.models import MatchPair, Place, SourceRecord

PLACEHOLDER_PIVOT = "00000000000000"


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
        Facet("Dispositifs et programmes nationaux", place.national_programmes),
        Facet("Formations et labels", place.training_labels),
        Facet("Itinérance", place.mobility),
    ]
    return PlaceCard(
        hours_lines=describe_hours(place.opening_hours) if place.opening_hours else [],
        status=open_status(place.opening_hours, now),
        facets=facets,
        typologies=_typology_labels(place.typologies),
        siret="" if place.pivot in ("", PLACEHOLDER_PIVOT) else place.pivot,
    )


COMPARED_FIELDS = [
    "name", "address", "address_complement", "postal_code", "commune_name", "insee_code", "pivot", "latitude",
    "longitude", "phone", "emails", "websites", "opening_hours", "typologies", "services", "publics",
    "specific_support", "fees", "access_modes", "support_modes", "national_programmes", "training_labels",
    "summary", "description", "source_label", "updated_on",
]  # fmt: skip
LIST_DISPLAY_FIELDS = {
    "emails", "websites", "typologies", "services", "publics", "specific_support", "fees", "access_modes",
    "support_modes", "national_programmes", "training_labels",
}  # fmt: skip


def _display(name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return ""
    if name in LIST_DISPLAY_FIELDS:
        return " · ".join(str(item) for item in value)
    return str(value)


@dataclass(frozen=True)
class ComparedField:
    name: str
    label: str
    value_a: str
    value_b: str

    @property
    def differs(self) -> bool:
        return self.value_a != self.value_b

    @property
    def choosable(self) -> bool:
        """A person can pick a side only where both records say something different."""
        return self.differs and bool(self.value_a) and bool(self.value_b)


@dataclass(frozen=True)
class PairComparison:
    key_a: str
    key_b: str
    fields: list[ComparedField]
    distance_m: int | None

    @property
    def differing(self) -> int:
        return sum(field.differs for field in self.fields)


def field_label(name: str) -> str:
    return str(getattr(Place._meta.get_field(name), "verbose_name", name))


def pair_comparison(pair: MatchPair) -> PairComparison:
    a, b = pair.record_a, pair.record_b
    fa, fb = a.fields or {}, b.fields or {}
    fields = [
        ComparedField(name, field_label(name), _display(name, fa.get(name)), _display(name, fb.get(name)))
        for name in COMPARED_FIELDS
    ]
    distance = None
    if None not in (fa.get("latitude"), fb.get("latitude")) and not (
        a.position_approximate or b.position_approximate
    ):
        distance = round(
            haversine_km(Point(fa["latitude"], fa["longitude"]), Point(fb["latitude"], fb["longitude"]))
            * 1000
        )
    return PairComparison(a.key, b.key, fields, distance)


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
