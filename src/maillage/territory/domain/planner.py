"""Where the mobile unit should stop: maximum coverage of the fragile population not yet covered.

Each commune weighs its *fragile population*: population × IFN / 10 (a commune without IFN weighs 0). A
commune is already covered when a place offering the service is within the maximum road distance; a stop
covers the communes whose centre is within that distance of it. Choosing k stops that cover the most weight
is the maximum coverage problem (NP-hard). The greedy choice — each time, the stop that adds the most
uncovered weight — is guaranteed to reach at least (1 − 1/e) ≈ 63 % of the optimum (Nemhauser, Wolsey
and Fisher, 1978), and in practice often reaches it; `exhaustive` finds the optimum on small instances to
check it. Ties go to the candidate listed first, so the plan is the same on every run.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

GREEDY_GUARANTEE = 1 - 1 / math.e
EXHAUSTIVE_LIMIT = 200_000  # combinations: beyond this `exhaustive` refuses


@dataclass(frozen=True)
class Stop:
    candidate: int  # index into the candidates
    gain: float  # weight newly covered by this stop, in the order chosen
    communes: tuple[int, ...]  # indexes of the communes it newly covers


@dataclass(frozen=True)
class Plan:
    stops: tuple[Stop, ...]

    @property
    def total(self) -> float:
        return sum(stop.gain for stop in self.stops)


def fragile_population(population: int, fragility: float | None) -> float:
    return population * (fragility or 0.0) / 10.0


def covers_matrix(
    road_km: npt.NDArray[np.float64], max_km: float, already: npt.NDArray[np.bool_]
) -> npt.NDArray[np.bool_]:
    """candidates × communes: which uncovered communes each candidate reaches within `max_km`."""
    result: npt.NDArray[np.bool_] = (road_km <= max_km) & ~already[None, :]
    return result


def greedy(covers: npt.NDArray[np.bool_], weights: npt.NDArray[np.float64], stops: int) -> Plan:
    """Greedy maximum coverage: up to `stops` candidates, stopping early when none adds anything."""
    remaining = weights.astype(np.float64).copy()
    chosen: list[Stop] = []
    matrix = covers.astype(np.float64)
    for _ in range(min(stops, covers.shape[0])):
        gains = matrix @ remaining
        best = int(np.argmax(gains))  # first maximum: deterministic tie-break
        if gains[best] <= 0:
            break
        newly = np.flatnonzero(covers[best] & (remaining > 0))
        chosen.append(Stop(best, float(gains[best]), tuple(int(i) for i in newly)))
        remaining[newly] = 0.0
    return Plan(tuple(chosen))


def covered_weight(
    covers: npt.NDArray[np.bool_], weights: npt.NDArray[np.float64], picked: Sequence[int]
) -> float:
    if not picked:
        return 0.0
    reached = covers[list(picked)].any(axis=0)
    return float(weights[reached].sum())


def exhaustive(
    covers: npt.NDArray[np.bool_], weights: npt.NDArray[np.float64], stops: int
) -> tuple[tuple[int, ...], float]:
    """The optimum by trying every set of `stops` candidates (small instances only)."""
    n = covers.shape[0]
    k = min(stops, n)
    if math.comb(n, k) > EXHAUSTIVE_LIMIT:
        raise ValueError(f"{math.comb(n, k)} combinaisons : trop pour une recherche exhaustive.")
    best: tuple[tuple[int, ...], float] = ((), 0.0)
    for combination in itertools.combinations(range(n), k):
        value = covered_weight(covers, weights, combination)
        if value > best[1] + 1e-9:
            best = (combination, value)
    return best
