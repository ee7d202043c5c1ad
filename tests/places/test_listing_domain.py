"""Ordering a list of places for a reader (`places.domain.listing`), without a database."""

from __future__ import annotations

from maillage.core.geo import Point
from maillage.places.domain.listing import (
    ListOrder,
    Placed,
    by_commune,
    by_distance,
    by_relevance,
    list_order,
    name_tier,
    position_only_commune,
    uncertain_distance_km,
)

# Made-up places for these tests: (name, distance km, position only the commune's centre, in origin).
ITEMS = [
    ("Centre social A", 0.8, False, True),
    ("Mairie", 0.0, True, True),
    ("Médiathèque B", 2.6, False, True),
    ("CCAS voisin", 1.5, False, False),
    ("Espace C", None, False, False),
    ("Maison D", 0.8, True, False),
]


def _placed(item: tuple[str, float | None, bool, bool]) -> Placed:
    return Placed(item[1], item[2], item[3], 16.0)  # a commune of 16 km² (Roanne): 1.5 km


def test_a_place_only_at_the_origin_centre_ranks_at_the_commune_mean_distance() -> None:
    assert round(uncertain_distance_km(16.0), 1) == 1.5
    assert uncertain_distance_km(None) == 0.0
    ordered = [name for name, *_ in by_distance(ITEMS, _placed, lambda item: item[0])]
    # Precise before approximate at equal distance (0.8 km), the « dans la commune » one at 1.5 km
    # after the precise one at 1.5 km; unknown distance last.
    assert ordered == ["Centre social A", "Maison D", "CCAS voisin", "Mairie", "Médiathèque B", "Espace C"]


def test_relevance_puts_names_carrying_the_words_first_and_keeps_the_rest_in_order() -> None:
    names = ["Espace numérique", "Médiathèque de Roanne", "Centre social", "Roanne Agglo EPN"]
    assert by_relevance(names, "roanne", lambda name: name) == [
        "Roanne Agglo EPN",
        "Médiathèque de Roanne",
        "Espace numérique",
        "Centre social",
    ]
    assert name_tier("st etienne", "Mairie de Saint-Étienne") == 1
    assert name_tier("", "Mairie") == 3


def test_without_query_or_origin_by_commune_then_name() -> None:
    rows = [("Roanne", "b"), ("Écotay-l'Olme", "z"), ("Roanne", "A"), ("Andrézieux", "m")]
    assert by_commune(rows, lambda r: r[0], lambda r: r[1]) == [
        ("Andrézieux", "m"),
        ("Écotay-l'Olme", "z"),
        ("Roanne", "A"),
        ("Roanne", "b"),
    ]
    assert list_order(q="", has_origin=False) is ListOrder.COMMUNE
    assert list_order(q="", has_origin=True) is ListOrder.DISTANCE
    assert list_order(q="mairie", has_origin=True) is ListOrder.RELEVANCE


def test_a_position_equal_to_the_commune_centre_says_only_the_commune() -> None:
    centre = Point(46.0361, 4.0683)
    assert position_only_commune(flagged=False, position=centre, commune_centre=centre)
    assert position_only_commune(flagged=True, position=None, commune_centre=None)
    near = Point(46.0400, 4.0683)  # about 430 m north
    assert not position_only_commune(flagged=False, position=near, commune_centre=centre)
