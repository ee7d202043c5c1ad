"""Simplifying outlines along shared borders (pure Python, no database)."""

from __future__ import annotations

import itertools
import math

from maillage.core.geo_simplify import douglas_peucker, rounded_ring, simplify_shared_rings


def _wiggly(start: tuple[float, float], end: tuple[float, float], steps: int) -> list[tuple[float, float]]:
    """A border from start to end with bumps of 0 to 22 m."""
    return [
        (
            start[0] + (end[0] - start[0]) * i / steps,
            start[1] + (end[1] - start[1]) * i / steps + (0.0002 * math.sin(i) if 0 < i < steps else 0),
        )
        for i in range(steps + 1)
    ]


def _edges(ring: list[tuple[float, float]]) -> set[frozenset[tuple[float, float]]]:
    return {frozenset(pair) for pair in itertools.pairwise(ring)}


def test_douglas_peucker_keeps_the_ends_and_what_stands_out() -> None:
    almost_straight = [(4.0, 45.0), (4.001, 45.00001), (4.002, 45.0), (4.003, 45.0)]
    assert douglas_peucker(almost_straight, 50) == [(4.0, 45.0), (4.003, 45.0)]
    assert douglas_peucker(almost_straight, 0) == almost_straight
    spike = [(4.0, 45.0), (4.00075, 45.005), (4.0015, 45.01), (4.003, 45.0)]
    assert douglas_peucker(spike, 50) == [(4.0, 45.0), (4.0015, 45.01), (4.003, 45.0)]


def test_neighbours_keep_one_border_after_simplification() -> None:
    # Two squares side by side (about 800 m wide) sharing a wiggly border.
    border = _wiggly((4.01, 45.0), (4.01, 45.01), 40)
    left = [(4.0, 45.0), *border, (4.0, 45.01), (4.0, 45.0)]
    right = [(4.02, 45.0), (4.02, 45.01), *border[::-1], (4.02, 45.0)]
    simplified_left, simplified_right = simplify_shared_rings([left, right], tolerance_m=15)
    assert 4 < len(simplified_left) < len(left)
    assert simplified_left[0] == simplified_left[-1]
    assert simplified_right[0] == simplified_right[-1]
    # The border is the same chain of edges on both sides: no gap, no overlap.
    kept = set(border) & set(simplified_left)
    assert kept == set(border) & set(simplified_right)
    assert len(_edges(simplified_left) & _edges(simplified_right)) == len(kept) - 1


def test_a_ring_too_small_to_simplify_is_kept_whole() -> None:
    tiny = [(4.0, 45.0), (4.0001, 45.0), (4.0001, 45.0001), (4.0, 45.0001), (4.0, 45.0)]
    assert simplify_shared_rings([tiny], tolerance_m=500) == [tiny]


def test_rounding_drops_the_repeats_it_creates() -> None:
    assert rounded_ring([(4.000001, 45.0), (4.000002, 45.0), (4.1, 45.1)], 5) == [[4.0, 45.0], [4.1, 45.1]]
