"""What a place page shows, computed once from a Place (no database access)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from maillage.interop.mediation_numerique.schema import TYPOLOGIES
from maillage.places.domain.hours import OpenStatus, describe_hours, open_status
from maillage.places.models import Place

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
