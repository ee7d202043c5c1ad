"""Read API of the territory analysis, mounted at `/api/v1/territoire/`."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from ninja import Query, Router
from ninja.responses import Status

from maillage.core.api_errors import MessageOut, ValidationErrorOut
from maillage.territory import planning, selectors
from maillage.territory.domain.ranking import Weights
from maillage.territory.schemas import (
    AnalysisQuery,
    FamilyIndicatorsOut,
    PlanOut,
    PlanQuery,
    RankingOut,
    ShareOut,
    ThresholdQuery,
)

router = Router(tags=["territoire"])
FORMULA = "score = 100 × (a·F + b·P + c·D) / (a + b + c) ; voir /territoire/"


def indicators_out(row: selectors.CommuneRow) -> dict[str, Any]:
    return {
        "code_insee": row.insee_code,
        "nom": row.name,
        "epci": row.epci_siren,
        "epci_nom": row.epci_name,
        "population": row.population,
        "indice_fragilite_numerique": row.ifn,
        "lieu_le_plus_proche": row.nearest_place,
        "lieu_le_plus_proche_id": row.nearest_place_id,
        "distance_vol_oiseau_km": row.crow_km,
        "distance_route_estimee_km": row.road_km,
        "lieux_5km": row.places_5km,
        "lieux_10km": row.places_10km,
        "lieux_20km": row.places_20km,
        "heures_hebdomadaires_10km": row.hours_10km,
    }


@router.get(
    "/communes",
    response={200: RankingOut, 422: ValidationErrorOut},
    url_name="territory-communes",
    summary="Indicateurs et classement des communes",
)
def communes(request: HttpRequest, query: Query[AnalysisQuery]) -> dict[str, Any]:
    """Toutes les communes du territoire, de la moins bien couverte à la mieux couverte, avec leurs
    indicateurs (lieu le plus proche, lieux à 5/10/20 km, heures d'ouverture hebdomadaires à 10 km) et les
    trois parts du score."""
    weights = Weights(query.poids_fragilite, query.poids_population, query.poids_distance)
    ranked = selectors.underserved(selectors.territory_analysis(), query.service, weights, epci=query.epci)
    items = [
        {
            **indicators_out(item.row),
            "rang": item.rank,
            "score": item.scored.score,
            "part_fragilite": round(item.scored.fragility_part, 4),
            "part_population": round(item.scored.population_part, 4),
            "part_distance": round(item.scored.distance_part, 4),
        }
        for item in ranked
    ]
    return {"formule": FORMULA, "service": query.service, "count": len(items), "items": items}


@router.get(
    "/communes/{insee_code}",
    response={200: list[FamilyIndicatorsOut], 404: MessageOut, 422: ValidationErrorOut},
    url_name="territory-commune",
    summary="Indicateurs d'une commune, pour chaque service",
)
def commune(request: HttpRequest, insee_code: str) -> Any:
    """Les indicateurs d'une commune du territoire pour chaque service (le premier : tous services)."""
    analysis = selectors.territory_analysis()
    try:
        index = analysis.index_of(insee_code)
    except Http404:
        return Status(404, {"detail": f"Aucune commune du territoire n'a le code INSEE « {insee_code} »."})
    return [
        {**indicators_out(selectors.commune_indicators(analysis, family)[index]), "service": family}
        for family, _ in selectors.FAMILIES
    ]


@router.get(
    "/population-eloignee",
    response={200: list[ShareOut], 422: ValidationErrorOut},
    url_name="territory-population-far",
    summary="Population à plus de N km d'un lieu",
)
def population_far(request: HttpRequest, query: Query[ThresholdQuery]) -> list[dict[str, Any]]:
    """La part de la population à plus de `seuil` km (route, estimée) d'un lieu offrant le service : le
    territoire entier d'abord, puis chaque EPCI."""
    rows = selectors.population_beyond(selectors.territory_analysis(), query.service, query.seuil)
    return [
        {
            "code": r.code,
            "nom": r.name,
            "habitants_eloignes": r.far,
            "habitants": r.total,
            "part": round(r.share, 4),
        }
        for r in rows
    ]


@router.get(
    "/tournee",
    response={200: PlanOut, 422: ValidationErrorOut},
    url_name="territory-plan",
    summary="Arrêts proposés pour l'unité mobile",
)
def plan(request: HttpRequest, query: Query[PlanQuery]) -> dict[str, Any]:
    """Les arrêts qui couvrent le plus de population fragile (population × IFN ÷ 10) encore à plus de
    `distance` km d'un lieu (choix glouton, au moins 1 − 1/e de l'optimum)."""
    analysis = selectors.territory_analysis()
    communes = {a.insee_code for a in analysis.areas if a.epci == query.epci} if query.epci else set()
    found = planning.stops_plan(
        analysis, stops=query.arrets, max_km=query.distance, family=query.service, communes=communes
    )
    return {
        "arrets": [
            {
                "ordre": s.order,
                "code_insee": s.candidate.insee_code,
                "lieu": s.candidate.label,
                "a_la_mairie": s.candidate.at_town_hall,
                "latitude": s.candidate.latitude,
                "longitude": s.candidate.longitude,
                "jour": s.weekday,
                "demi_journee": s.half_day,
                "population_fragile_gagnee": s.gain,
                "habitants_gagnes": s.population,
                "communes_couvertes": list(s.commune_codes),
            }
            for s in found.stops
        ],
        "population_fragile_gagnee": round(found.gained, 1),
        "population_fragile_non_couverte": found.weight_total,
        "communes_deja_couvertes": found.already_covered,
        "candidats": found.candidates,
        "garantie": "glouton : au moins 1 − 1/e ≈ 63 % de l'optimum (Nemhauser, Wolsey et Fisher, 1978)",
    }
