"""API schemas of the territory analysis (`/api/v1/territoire/...`)."""

from __future__ import annotations

from ninja import Schema
from pydantic import Field, field_validator, model_validator

from maillage.territory.domain.ranking import WEIGHT_MAX
from maillage.territory.planning import MAX_STOPS
from maillage.territory.selectors import FAMILY_LABELS

SERVICE_HELP = "Valeur de `services` du Standard des lieux de médiation numérique ; vide : tous services"


def _service(value: str) -> str:
    if value not in FAMILY_LABELS:
        raise ValueError(
            f"service inconnu : « {value} » (valeurs : {', '.join(v for v in FAMILY_LABELS if v)})"
        )
    return value


class AnalysisQuery(Schema):
    service: str = Field("", description=SERVICE_HELP)
    poids_fragilite: int = Field(1, ge=0, le=WEIGHT_MAX, description="Poids a de la fragilité (F)")
    poids_population: int = Field(1, ge=0, le=WEIGHT_MAX, description="Poids b de la population (P)")
    poids_distance: int = Field(1, ge=0, le=WEIGHT_MAX, description="Poids c de la distance (D)")
    epci: str = Field("", max_length=9, description="SIREN d'un EPCI pour ne classer que ses communes")

    _check_service = field_validator("service")(_service)

    @model_validator(mode="after")
    def _some_weight(self) -> AnalysisQuery:
        if self.poids_fragilite + self.poids_population + self.poids_distance == 0:
            raise ValueError("au moins un poids doit être supérieur à 0")
        return self


class ThresholdQuery(Schema):
    service: str = Field("", description=SERVICE_HELP)
    seuil: float = Field(10.0, ge=1, le=60, description="Distance seuil en km (route, estimée)")

    _check_service = field_validator("service")(_service)


class PlanQuery(Schema):
    arrets: int = Field(5, ge=1, le=MAX_STOPS, description="Nombre d'arrêts par semaine")
    distance: float = Field(
        10.0, ge=1, le=60, description="Distance maximale d'un arrêt en km (route, estimée)"
    )
    service: str = Field("", description=SERVICE_HELP)
    epci: str = Field("", max_length=9, description="SIREN d'un EPCI : candidats limités à ses mairies")

    _check_service = field_validator("service")(_service)


class CommuneIndicatorsOut(Schema):
    code_insee: str
    nom: str
    epci: str
    epci_nom: str
    population: int
    indice_fragilite_numerique: float | None
    lieu_le_plus_proche: str
    lieu_le_plus_proche_id: str
    distance_vol_oiseau_km: float | None
    distance_route_estimee_km: float | None
    lieux_5km: int
    lieux_10km: int
    lieux_20km: int
    heures_hebdomadaires_10km: float


class RankedCommuneOut(CommuneIndicatorsOut):
    rang: int
    score: float
    part_fragilite: float = Field(description="F")
    part_population: float = Field(description="P")
    part_distance: float = Field(description="D")


class RankingOut(Schema):
    formule: str
    service: str
    count: int
    items: list[RankedCommuneOut]


class FamilyIndicatorsOut(CommuneIndicatorsOut):
    service: str


class ShareOut(Schema):
    code: str = Field(description="SIREN de l'EPCI ; vide pour le territoire entier")
    nom: str
    habitants_eloignes: int
    habitants: int
    part: float


class StopOut(Schema):
    ordre: int
    code_insee: str
    lieu: str
    a_la_mairie: bool
    latitude: float
    longitude: float
    jour: str
    demi_journee: str
    population_fragile_gagnee: float
    habitants_gagnes: int
    communes_couvertes: list[str]


class PlanOut(Schema):
    arrets: list[StopOut]
    population_fragile_gagnee: float
    population_fragile_non_couverte: float
    communes_deja_couvertes: int
    candidats: int
    garantie: str
