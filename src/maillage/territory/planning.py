"""The mobile unit's stop planner on the territory: candidates, the plan, its weekly schedule.

Candidates are the town halls of the territory (DILA's Annuaire), at their published point when it lies in
the commune, else at the commune's centre (said in the plan); the choice of communes can be narrowed.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from maillage.core.french import WORKING_DAYS as WEEKDAYS
from maillage.territories.reference_data import read_town_halls
from maillage.territory.domain import planner
from maillage.territory.domain.coverage import ROAD_DETOUR, distance_matrix
from maillage.territory.selectors import Analysis

HALF_DAYS = (
    ("matin", datetime.time(9, 30), datetime.time(12, 0)),
    ("après-midi", datetime.time(14, 0), datetime.time(17, 0)),
)
MAX_STOPS = len(WEEKDAYS) * len(HALF_DAYS)


@dataclass(frozen=True)
class Candidate:
    insee_code: str
    label: str
    latitude: float
    longitude: float
    at_town_hall: bool  # False: the town hall's point is unreliable, the commune's centre stands in


@dataclass(frozen=True)
class PlannedStop:
    order: int
    candidate: Candidate
    gain: float  # fragile population newly covered
    population: int  # inhabitants of the communes newly covered
    communes: tuple[str, ...]  # names
    commune_codes: tuple[str, ...]
    weekday: str
    half_day: str
    begins: datetime.time
    ends: datetime.time


@dataclass(frozen=True)
class StopPlan:
    stops: tuple[PlannedStop, ...]
    max_km: float
    family: str
    already_covered: int  # communes with a place of the family within max_km
    weight_total: float  # fragile population of the communes not yet covered
    candidates: int

    @property
    def gained(self) -> float:
        return sum(stop.gain for stop in self.stops)


@functools.cache
def _town_halls() -> dict[str, dict[str, object]]:
    return {row["insee_code"]: row for row in read_town_halls()}


def candidates_for(analysis: Analysis, communes: Collection[str] = ()) -> list[Candidate]:
    halls = _town_halls()
    result = []
    for area in analysis.areas:
        if communes and area.insee_code not in communes:
            continue
        hall = halls.get(area.insee_code)
        if hall and hall["position_reliable"]:
            lat, lon = float(hall["latitude"]), float(hall["longitude"])  # type: ignore[arg-type]
            result.append(Candidate(area.insee_code, str(hall["name"]), lat, lon, True))
        else:
            result.append(
                Candidate(
                    area.insee_code,
                    f"{area.name} (centre de la commune)",
                    area.latitude,
                    area.longitude,
                    False,
                )
            )
    return result


def slot_of(order: int) -> tuple[str, str, datetime.time, datetime.time]:
    """Stop n° order (from 0) of the week: Monday morning, Tuesday morning… then the afternoons."""
    weekday = WEEKDAYS[order % len(WEEKDAYS)]
    half_day, begins, ends = HALF_DAYS[(order // len(WEEKDAYS)) % len(HALF_DAYS)]
    return weekday, half_day, begins, ends


def stops_plan(
    analysis: Analysis, *, stops: int, max_km: float, family: str, communes: Collection[str] = ()
) -> StopPlan:
    """Greedy maximum coverage of the fragile population not yet within `max_km` (road) of a place."""
    candidates = candidates_for(analysis, communes)
    areas = analysis.areas
    already = analysis.families[family].road_km() <= max_km
    weights = np.array([planner.fragile_population(a.population, a.fragility) for a in areas])
    weights[already] = 0.0
    road = ROAD_DETOUR * distance_matrix(
        np.array([c.latitude for c in candidates]),
        np.array([c.longitude for c in candidates]),
        np.array([a.latitude for a in areas]),
        np.array([a.longitude for a in areas]),
    )
    plan = planner.greedy(planner.covers_matrix(road, max_km, already), weights, stops)
    planned = []
    for order, stop in enumerate(plan.stops):
        weekday, half_day, begins, ends = slot_of(order)
        planned.append(
            PlannedStop(
                order + 1,
                candidates[stop.candidate],
                round(stop.gain, 1),
                sum(areas[i].population for i in stop.communes),
                tuple(areas[i].name for i in stop.communes),
                tuple(areas[i].insee_code for i in stop.communes),
                weekday,
                half_day,
                begins,
                ends,
            )
        )
    return StopPlan(
        tuple(planned), max_km, family, int(already.sum()), round(float(weights.sum()), 1), len(candidates)
    )
