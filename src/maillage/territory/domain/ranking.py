"""The underserved-communes ranking, its formula written out, and the share of people far from help.

    score = 100 × (a·F + b·P + c·D) / (a + b + c)

- F = IFN / 10: the commune's digital fragility index (0 to 10) brought to 0–1;
- P = ln(1 + population) / ln(1 + largest population among the ranked communes): how many people live
  there, on a log scale so that one city does not flatten every village;
- D = min(road distance to the nearest place of the service, D_MAX) / D_MAX, with D_MAX = 30 km: how far
  help is (road distance approximated, see `coverage.ROAD_DETOUR`);
- a, b, c: the weights, whole numbers from 0 to 5 chosen on the page (1, 1, 1 by default).

A commune without an IFN score counts F = 0 and is flagged; a score ranks, it decides nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

DISTANCE_CAP_KM = 30.0
WEIGHT_MAX = 5


@dataclass(frozen=True)
class Weights:
    fragility: int = 1
    population: int = 1
    distance: int = 1

    def __post_init__(self) -> None:
        for name, value in (("fragilité", self.fragility), ("population", self.population)):
            if not 0 <= value <= WEIGHT_MAX:
                raise ValueError(f"Le poids « {name} » doit être entre 0 et {WEIGHT_MAX}.")
        if not 0 <= self.distance <= WEIGHT_MAX:
            raise ValueError(f"Le poids « distance » doit être entre 0 et {WEIGHT_MAX}.")
        if self.fragility + self.population + self.distance == 0:
            raise ValueError("Au moins un poids doit être supérieur à 0.")


@dataclass(frozen=True)
class Scored:
    insee_code: str
    score: float
    fragility_part: float  # F
    population_part: float  # P
    distance_part: float  # D
    fragility_missing: bool


def score_parts(
    *, fragility: float | None, population: int, road_km: float, largest_population: int
) -> tuple[float, float, float]:
    f = (fragility or 0.0) / 10.0
    p = math.log1p(population) / math.log1p(largest_population) if largest_population > 0 else 0.0
    d = min(road_km, DISTANCE_CAP_KM) / DISTANCE_CAP_KM  # inf (no place at all) caps at 1
    return f, p, d


def rank(rows: Sequence[tuple[str, float | None, int, float]], weights: Weights) -> list[Scored]:
    """(insee_code, IFN, population, road km to the nearest place) -> scored, most underserved first.

    Ties keep the INSEE code order, so the ranking is the same on every run.
    """
    largest = max((population for _, _, population, _ in rows), default=0)
    total = weights.fragility + weights.population + weights.distance
    scored = []
    for code, fragility, population, road in rows:
        f, p, d = score_parts(
            fragility=fragility, population=population, road_km=road, largest_population=largest
        )
        value = 100 * (weights.fragility * f + weights.population * p + weights.distance * d) / total
        scored.append(Scored(code, round(value, 2), f, p, d, fragility is None))
    return sorted(scored, key=lambda item: (-item.score, item.insee_code))


def share_beyond(rows: Sequence[tuple[int, float]], threshold_km: float) -> tuple[int, int, float]:
    """(population, road km) rows -> (people beyond the threshold, all people, share 0–1)."""
    total = sum(population for population, _ in rows)
    far = sum(population for population, km in rows if km > threshold_km)
    return far, total, (far / total if total else 0.0)
