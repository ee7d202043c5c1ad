"""How a list of places is ordered for a person to read (pure Python, no Django).

Three orders, chosen by what was asked:
- a text query: by relevance, the places whose *name* carries the words first, then the others in the
  order the search gave them (nearest first when a position is known);
- a position (a point, or a commune's centre): nearest first; a place whose position is only its
  commune's centre is not « 0,0 km » away but somewhere in the commune: when that commune is the
  origin's, it is ranked at the mean distance of a point of the commune from its centre
  (`uncertain_distance_km`), and at equal distance a precisely placed place always comes first;
- nothing: by commune, then by name (the list is grouped under each commune's name).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from maillage.core.geo import SAME_POINT_KM, Point, haversine_km
from maillage.core.text import normalize
from maillage.places.domain.search import query_words, search_text, text_matches

T = TypeVar("T")


class ListOrder(StrEnum):
    RELEVANCE = "relevance"
    DISTANCE = "distance"
    COMMUNE = "commune"


ORDER_LABELS = {
    ListOrder.RELEVANCE: "par pertinence",
    ListOrder.DISTANCE: "du plus proche au plus éloigné",
    ListOrder.COMMUNE: "par commune, puis par nom",
}


def list_order(*, q: str, has_origin: bool) -> ListOrder:
    if query_words(q):
        return ListOrder.RELEVANCE
    return ListOrder.DISTANCE if has_origin else ListOrder.COMMUNE


def name_tier(q: str, name: str) -> int:
    """0: the name begins with the query; 1: every word of the query begins a word of the name;
    2: some word does; 3: none (the place matched on another field, or by a forgiving match)."""
    words = query_words(q)
    if not words:
        return 3
    text = search_text([name])
    if text.startswith(" " + " ".join(words)):
        return 0
    if text_matches(words, text):
        return 1
    return 2 if any(f" {word}" in text for word in words) else 3


def position_only_commune(*, flagged: bool, position: Point | None, commune_centre: Point | None) -> bool:
    """True when a place's position says no more than its commune: flagged approximate by its source,
    or equal to the commune's centre (within `SAME_POINT_KM`)."""
    if flagged:
        return True
    if position is None or commune_centre is None:
        return False
    return haversine_km(position, commune_centre) <= SAME_POINT_KM


@dataclass(frozen=True)
class ListOrigin:
    """Where distances are measured from: a point, and the commune it is the centre of (if any)."""

    point: Point
    label: str  # in French, after « depuis » : « le centre de Feurs »
    insee_code: str = ""


@dataclass(frozen=True)
class Placed:
    """What ordering needs to know of one place of a list."""

    distance_km: float | None
    approximate: bool  # its position is only its commune's centre
    in_origin_commune: bool  # it lies in the commune the distance is measured from
    commune_area_km2: float | None = None  # its commune's area, when known


def uncertain_distance_km(area_km2: float | None) -> float:
    """How far from its commune's centre a place known only to be in the commune is, on average: the
    mean distance of a point of a disc of the commune's area from its centre (two thirds of its radius).
    Saint-Étienne (80 km²): 3.4 km; a village of 10 km²: 1.2 km; 0 when the area is unknown."""
    if not area_km2 or area_km2 <= 0:
        return 0.0
    return 2 / 3 * math.sqrt(area_km2 / math.pi)


def by_distance(items: Sequence[T], placed: Callable[[T], Placed], tie: Callable[[T], object]) -> list[T]:
    """`items` nearest first, honestly: a place placed only at the origin commune's centre counts as
    being at `uncertain_distance_km` of it, not at 0; at equal distance (to the tenth of a km, as shown)
    a precisely placed place comes first; unknown distances come last; `tie` orders what is left."""
    facts = [placed(item) for item in items]

    def key(pair: tuple[T, Placed]) -> tuple[bool, float, bool, object]:
        item, fact = pair
        distance = fact.distance_km
        if distance is None:
            return (True, 0.0, fact.approximate, tie(item))
        if fact.approximate and fact.in_origin_commune:
            distance = max(distance, uncertain_distance_km(fact.commune_area_km2))
        return (False, round(distance, 1), fact.approximate, tie(item))

    return [item for item, _ in sorted(zip(items, facts, strict=True), key=key)]


def by_relevance(items: Sequence[T], q: str, name: Callable[[T], str]) -> list[T]:
    """`items` with those whose name carries the query first; otherwise in the given order (stable)."""
    return sorted(items, key=lambda item: name_tier(q, name(item)))


def by_commune(items: Sequence[T], commune: Callable[[T], str], name: Callable[[T], str]) -> list[T]:
    """`items` by commune, then by name, accents and case ignored."""
    return sorted(items, key=lambda item: (normalize(commune(item)), normalize(name(item)), name(item)))
