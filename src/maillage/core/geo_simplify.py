"""Simplifying outlines that share borders (the communes of a territory) without opening gaps between them.

Pure Python. Rings are sequences of (longitude, latitude) positions, as in GeoJSON. The rings are cut at
their junctions (vertices where more than two distinct neighbours meet: three communes, or two communes
and the territory's edge) into arcs; each arc is simplified once (Douglas–Peucker, tolerance in metres)
and every ring running along it reuses the same simplified arc, so neighbours stay glued.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

Position = tuple[float, float]
Ring = list[Position]
Arc = tuple[Position, ...]

METRES_PER_DEGREE = 111_320.0


def _open_ring(ring: Iterable[Sequence[float]]) -> list[Position]:
    """The ring without its closing position and without repeated consecutive positions."""
    positions: list[Position] = []
    for coordinates in ring:
        position = (float(coordinates[0]), float(coordinates[1]))
        if not positions or positions[-1] != position:
            positions.append(position)
    if len(positions) > 1 and positions[0] == positions[-1]:
        positions.pop()
    return positions


def _junctions(rings: list[list[Position]]) -> set[Position]:
    neighbours: dict[Position, set[Position]] = defaultdict(set)
    for ring in rings:
        count = len(ring)
        for index, position in enumerate(ring):
            neighbours[position].update((ring[index - 1], ring[(index + 1) % count]))
    return {position for position, around in neighbours.items() if len(around) > 2}


def _arcs(ring: list[Position], junctions: set[Position]) -> list[Arc]:
    """The ring cut at its junctions (a ring with none is one closed arc from its smallest position)."""
    cuts = [index for index, position in enumerate(ring) if position in junctions]
    if not cuts:
        cuts = [ring.index(min(ring))]
    start = cuts[0]
    rotated = ring[start:] + ring[:start]
    cuts = [index - start for index in cuts] + [len(ring)]
    rotated.append(rotated[0])
    return [tuple(rotated[a : b + 1]) for a, b in itertools.pairwise(cuts)]


def _canonical(arc: Arc) -> tuple[Arc, bool]:
    """One key for an arc whichever way a ring runs along it, and whether `arc` is reversed from it."""
    reverse = arc[::-1]
    return (arc, False) if arc <= reverse else (reverse, True)


def douglas_peucker(arc: Sequence[Position], tolerance_m: float) -> list[Position]:
    """The arc with its ends kept and the inner positions that stand out by more than `tolerance_m`."""
    if len(arc) < 3 or tolerance_m <= 0:
        return list(arc)
    scale_x = math.cos(math.radians(arc[0][1]))
    points = [(lon * scale_x, lat) for lon, lat in arc]
    limit = (tolerance_m / METRES_PER_DEGREE) ** 2
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    if points[0] == points[-1]:  # a closed arc: keep its farthest point so that it stays a shape
        keep[max(range(len(points)), key=lambda i: _distance2(points[i], points[0], points[0]))] = True
    stack = _kept_spans(keep)
    while stack:
        first, last = stack.pop()
        farthest, distance = first, -1.0
        for index in range(first + 1, last):
            candidate = _distance2(points[index], points[first], points[last])
            if candidate > distance:
                farthest, distance = index, candidate
        if distance > limit:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [position for position, kept in zip(arc, keep, strict=True) if kept]


def _kept_spans(keep: list[bool]) -> list[tuple[int, int]]:
    kept = [index for index, value in enumerate(keep) if value]
    return list(itertools.pairwise(kept))


def _distance2(point: Position, start: Position, end: Position) -> float:
    """Squared distance from `point` to the segment start–end (plane coordinates)."""
    dx, dy = end[0] - start[0], end[1] - start[1]
    length2 = dx * dx + dy * dy
    t = 0.0
    if length2 > 0:
        t = max(0.0, min(1.0, ((point[0] - start[0]) * dx + (point[1] - start[1]) * dy) / length2))
    ex, ey = point[0] - start[0] - t * dx, point[1] - start[1] - t * dy
    return ex * ex + ey * ey


def simplify_shared_rings(rings: Sequence[Iterable[Sequence[float]]], tolerance_m: float) -> list[Ring]:
    """Each ring simplified, closed (first position repeated last), in the order given.

    A ring that simplification would shrink below a triangle keeps its arcs as they were (and so do the
    neighbours sharing them).
    """
    opened = [_open_ring(ring) for ring in rings]
    junctions = _junctions([ring for ring in opened if len(ring) >= 3])
    ring_arcs = [_arcs(ring, junctions) if len(ring) >= 3 else [] for ring in opened]
    simplified: dict[Arc, list[Position]] = {}
    for arcs in ring_arcs:
        for arc in arcs:
            key, _ = _canonical(arc)
            if key not in simplified:
                simplified[key] = douglas_peucker(key, tolerance_m)
    for arcs in ring_arcs:
        if arcs and sum(len(simplified[_canonical(arc)[0]]) - 1 for arc in arcs) < 3:
            for arc in arcs:
                key, _ = _canonical(arc)
                simplified[key] = list(key)
    result: list[Ring] = []
    for ring, arcs in zip(opened, ring_arcs, strict=True):
        if not arcs:
            result.append([*ring, ring[0]] if ring else [])
            continue
        positions: Ring = [arcs[0][0]]
        for arc in arcs:
            key, reversed_ = _canonical(arc)
            part = simplified[key][::-1] if reversed_ else simplified[key]
            positions.extend(part[1:])
        result.append(positions)
    return result


def rounded_ring(ring: Iterable[Position], decimals: int) -> list[list[float]]:
    """GeoJSON positions rounded to `decimals`, without the repeats rounding may create."""
    positions: list[list[float]] = []
    for lon, lat in ring:
        position = [round(lon, decimals), round(lat, decimals)]
        if not positions or positions[-1] != position:
            positions.append(position)
    return positions
