"""The lower bound of a search: the same question answered by a plain NumPy scan over arrays in memory.

`/api/v1/lieux` with a point, a distance, one service and `ouvert_a` answers: the published places within
the distance that offer the service and are open at that moment, nearest first (ties by name, then id),
and how many there are. Here the census is loaded once into arrays (positions, a bit per service, and for
each place whether it is open in each half-hour of the benchmarked week, from the same opening-hours
library the application uses); each query is then one vectorised scan: box, service, open, distance,
top k. No HTTP, no JSON, no database: what the answer costs at the very least.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from maillage.core.geo import EARTH_RADIUS_KM, Point, bbox_around
from maillage.places.domain.hours import next_openings
from maillage.places.selectors import places_published

SLOT_MINUTES = 30
SLOTS = 7 * 24 * 60 // SLOT_MINUTES


@dataclass
class Census:
    ids: list[str]
    latitude: NDArray[np.float64]
    longitude: NDArray[np.float64]
    services: NDArray[np.int64]  # bit i: offers the i-th service
    open_slots: NDArray[np.bool_]  # places × half-hours of the week from `week_start`
    order: NDArray[np.int64]  # rank of each place by (name, id): the tie-break after distance
    service_bits: dict[str, int]
    week_start: datetime.datetime


def _open_slots(expr: str, week_start: datetime.datetime) -> NDArray[np.bool_]:
    slots = np.zeros(SLOTS, dtype=np.bool_)
    if not expr.strip():
        return slots
    minutes = np.arange(SLOTS) * SLOT_MINUTES
    for begin, end in next_openings(expr, week_start, limit=7 * 24):
        first, last = ((moment - week_start).total_seconds() / 60 for moment in (begin, end))
        if first >= SLOTS * SLOT_MINUTES:
            break
        slots |= (minutes >= first) & (minutes < last)
    return slots


def load(week_start: datetime.datetime, services: list[str]) -> Census:
    """The published census as arrays; `week_start` (aware) begins the week `ouvert_a` may ask about."""
    rows = list(
        places_published()
        .order_by("id")
        .values_list("id", "name", "latitude", "longitude", "services", "opening_hours")
    )
    bits = {name: 1 << index for index, name in enumerate(services)}
    by_expr: dict[str, NDArray[np.bool_]] = {}
    open_slots = np.zeros((len(rows), SLOTS), dtype=np.bool_)
    for index, (_, _, _, _, _, expr) in enumerate(rows):
        if expr not in by_expr:
            by_expr[expr] = _open_slots(expr, week_start)
        open_slots[index] = by_expr[expr]
    keys = sorted(range(len(rows)), key=lambda i: (rows[i][1], rows[i][0].hex))
    order = np.empty(len(rows), dtype=np.int64)
    order[keys] = np.arange(len(rows))
    return Census(
        ids=[str(row[0]) for row in rows],
        latitude=np.array([np.nan if r[2] is None else r[2] for r in rows], dtype=np.float64),
        longitude=np.array([np.nan if r[3] is None else r[3] for r in rows], dtype=np.float64),
        services=np.array([sum(bits.get(s, 0) for s in set(r[4] or [])) for r in rows], dtype=np.int64),
        open_slots=open_slots,
        order=order,
        service_bits=bits,
        week_start=week_start,
    )


def search(
    census: Census, lat: float, lon: float, distance_km: float, service: str, when: datetime.datetime, k: int
) -> tuple[int, list[str]]:
    """(how many places answer, the ids of the first k): the API's count and its first page."""
    slot = int((when - census.week_start).total_seconds() // (SLOT_MINUTES * 60))
    box = bbox_around(Point(lat, lon), distance_km)
    la, lo = census.latitude, census.longitude
    mask = (la >= box.south) & (la <= box.north) & (lo >= box.west) & (lo <= box.east)
    mask &= (census.services & census.service_bits[service]) != 0
    mask &= census.open_slots[:, slot]
    candidates = np.flatnonzero(mask)
    lat1, lat2 = np.radians(lat), np.radians(la[candidates])
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin(np.radians(lo[candidates] - lon) / 2) ** 2
    )
    distance = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))
    keep = distance <= distance_km
    found, distance = candidates[keep], distance[keep]
    first = np.lexsort((census.order[found], distance))[:k]
    return len(found), [census.ids[i] for i in found[first]]
