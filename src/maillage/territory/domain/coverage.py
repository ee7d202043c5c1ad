"""Coverage of each commune by the places of a service family, computed with NumPy.

Distances are measured from the commune's centre (the point of the shipped outline's centroid) to each
place, as the crow flies (great circle, the same formula as `core.geo.haversine_km`). Where people travel,
the analysis uses an approximation of road distance: the crow-flies distance times a detour coefficient
(`ROAD_DETOUR`), the ratio of road to straight-line distance. It is an approximation, said so on every page
that shows it; no road network is shipped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from maillage.core.geo import EARTH_RADIUS_KM

ROAD_DETOUR = 1.3  # road km per crow-flies km: the order of magnitude of rural road networks' circuity
RADII_KM = (5.0, 10.0, 20.0)
HOURS_RADIUS_KM = 10.0
ALL_SERVICES = ""  # the family "any service": every place counts
CHUNK = 256  # communes per block of the distance matrix (bounded memory on 35,000 communes)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def road_km(crow_km: float) -> float:
    """The approximate road distance for a crow-flies distance (km)."""
    return crow_km * ROAD_DETOUR


@dataclass(frozen=True)
class Area:
    """A commune as the analysis sees it."""

    insee_code: str
    name: str
    latitude: float
    longitude: float
    population: int
    fragility: float | None  # IFN total, 0 to 10, higher is more fragile
    epci: str = ""


@dataclass(frozen=True)
class Site:
    """A published place of the census (or any point that offers services)."""

    key: str
    name: str
    latitude: float
    longitude: float
    services: tuple[str, ...]
    weekly_hours: float = 0.0


@dataclass(frozen=True)
class FamilyCoverage:
    """Per commune (same order as the areas): the nearest site offering the family, counts, hours."""

    nearest: IntArray  # index into the sites, -1 when no site offers the family
    nearest_km: FloatArray  # crow-flies km, inf when none
    within: dict[float, IntArray]  # radius km -> number of sites within it
    hours_within: FloatArray  # weekly opening hours of the sites within HOURS_RADIUS_KM

    def road_km(self) -> FloatArray:
        return self.nearest_km * ROAD_DETOUR


def distance_matrix(lat_a: FloatArray, lon_a: FloatArray, lat_b: FloatArray, lon_b: FloatArray) -> FloatArray:
    """Great-circle km between every point of A (rows) and of B (columns)."""
    phi_a, phi_b = np.radians(lat_a)[:, None], np.radians(lat_b)[None, :]
    dphi = phi_b - phi_a
    dlmb = np.radians(lon_b)[None, :] - np.radians(lon_a)[:, None]
    h = np.sin(dphi / 2) ** 2 + np.cos(phi_a) * np.cos(phi_b) * np.sin(dlmb / 2) ** 2
    result: FloatArray = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    return result


def _offers(sites: Sequence[Site], family: str) -> npt.NDArray[np.bool_]:
    return np.array([family == ALL_SERVICES or family in site.services for site in sites], dtype=bool)


def coverage(
    areas: Sequence[Area], sites: Sequence[Site], families: Sequence[str]
) -> dict[str, FamilyCoverage]:
    """The coverage of every area for each family (ALL_SERVICES for any place)."""
    n = len(areas)
    lat_a = np.array([a.latitude for a in areas], dtype=np.float64)
    lon_a = np.array([a.longitude for a in areas], dtype=np.float64)
    lat_s = np.array([s.latitude for s in sites], dtype=np.float64)
    lon_s = np.array([s.longitude for s in sites], dtype=np.float64)
    hours = np.array([s.weekly_hours for s in sites], dtype=np.float64)
    columns = {family: np.flatnonzero(_offers(sites, family)) for family in families}
    result = {
        family: FamilyCoverage(
            nearest=np.full(n, -1, dtype=np.int64),
            nearest_km=np.full(n, np.inf),
            within={radius: np.zeros(n, dtype=np.int64) for radius in RADII_KM},
            hours_within=np.zeros(n),
        )
        for family in families
    }
    if not sites or not areas:
        return result
    for start in range(0, n, CHUNK):
        stop = min(n, start + CHUNK)
        block = distance_matrix(lat_a[start:stop], lon_a[start:stop], lat_s, lon_s)
        for family, cols in columns.items():
            if not cols.size:
                continue
            cover = result[family]
            sub = block if cols.size == len(sites) else block[:, cols]
            index = np.argmin(sub, axis=1)  # the first of equally near sites: deterministic
            cover.nearest[start:stop] = cols[index]
            cover.nearest_km[start:stop] = sub[np.arange(stop - start), index]
            for radius, counts in cover.within.items():
                counts[start:stop] = np.count_nonzero(sub <= radius, axis=1)
            near = sub <= HOURS_RADIUS_KM
            cover.hours_within[start:stop] = near.astype(np.float64) @ hours[cols]
    return result
