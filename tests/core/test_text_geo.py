import math
import random

from maillage.core.geo import (
    EARTH_RADIUS_KM,
    BBox,
    Point,
    bbox_around,
    haversine_km,
    haversine_spherical,
    in_france,
    point_in_geometry,
    spherical,
)
from maillage.core.text import normalize, normalize_commune


def test_normalize_folds_accents_case_and_punctuation() -> None:
    assert normalize("Médiathèque  L'Équipée — Saint-Étienne") == "mediatheque l equipee saint etienne"


def test_normalize_commune_expands_saint_abbreviations() -> None:
    assert normalize_commune("St-Étienne") == normalize_commune("SAINT ETIENNE") == "saint etienne"
    assert normalize_commune("Ste-Croix-en-Jarez") == "sainte croix en jarez"


def test_haversine_saint_etienne_to_roanne() -> None:
    # Centres of Saint-Étienne (42218) and Roanne (42187) from the shipped commune file.
    distance = haversine_km(Point(45.430254, 4.378615), Point(46.045235, 4.079856))
    assert 71 < distance < 73


def test_bbox_around_contains_every_point_within_radius() -> None:
    centre = Point(45.43, 4.39)
    box = bbox_around(centre, 10)
    assert isinstance(box, BBox)
    assert box.contains(Point(45.43 + 0.089, 4.39))  # ~9.9 km north
    assert not box.contains(Point(45.43 + 0.1, 4.39))  # ~11 km north


def test_in_france() -> None:
    assert in_france(Point(45.43, 4.39))
    assert in_france(Point(-21.1, 55.5))  # La Réunion
    assert not in_france(Point(4.39, 45.43))  # latitude and longitude swapped: Somalia


def test_point_in_polygon_with_hole() -> None:
    square = [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0], [0.0, 0.0]]
    hole = [[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0], [4.0, 4.0]]
    geometry = {"type": "Polygon", "coordinates": [square, hole]}
    assert point_in_geometry(Point(2, 2), geometry)
    assert not point_in_geometry(Point(5, 5), geometry)
    assert not point_in_geometry(Point(12, 5), geometry)


def test_prepared_points_give_haversine_km_bit_for_bit() -> None:
    """The search index measures from prepared points: the same floats as the database path's."""
    rng = random.Random(7)  # noqa: S311 - reproducible points
    for _ in range(20_000):
        a = Point(rng.uniform(-90, 90), rng.uniform(-180, 180))
        b = Point(rng.uniform(41, 51.5), rng.uniform(-5.5, 10))
        lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
        h = (
            math.sin((lat2 - lat1) / 2) ** 2
            + math.cos(lat1) * math.cos(lat2) * math.sin(math.radians(b.longitude - a.longitude) / 2) ** 2
        )
        textbook = 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
        assert haversine_spherical(spherical(a), spherical(b)) == haversine_km(a, b) == textbook
