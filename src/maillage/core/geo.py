"""Portable geometry on plain latitude/longitude (WGS84), no GeoDjango (pure Python)."""

from __future__ import annotations

import math
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088

# Metropolitan France and the overseas territories the national standard covers, as loose boxes.
FRANCE_BOXES: tuple[tuple[float, float, float, float], ...] = (
    (41.0, -5.8, 51.5, 10.0),  # metropolitan France and Corsica
    (15.6, -61.9, 16.6, -60.9),  # Guadeloupe
    (14.3, -61.3, 14.9, -60.7),  # Martinique
    (2.0, -54.7, 6.0, -51.5),  # Guyane
    (-21.5, 55.1, -20.8, 55.9),  # La Réunion
    (-13.1, 44.9, -12.5, 45.4),  # Mayotte
    (46.7, -56.5, 47.2, -56.0),  # Saint-Pierre-et-Miquelon
    (-23.0, 163.5, -19.5, 168.2),  # Nouvelle-Calédonie
    (-28.0, -155.0, -7.0, -134.0),  # Polynésie française
    (-14.5, -178.3, -13.1, -176.0),  # Wallis-et-Futuna
    (17.8, -63.2, 18.2, -62.7),  # Saint-Martin, Saint-Barthélemy
)


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class BBox:
    south: float
    west: float
    north: float
    east: float

    def contains(self, point: Point) -> bool:
        return self.south <= point.latitude <= self.north and self.west <= point.longitude <= self.east


Spherical = tuple[float, float, float]  # latitude in radians, its cosine, longitude in degrees


def spherical(point: Point) -> Spherical:
    """What `haversine_spherical` needs of a point, computed once for points measured many times."""
    latitude = math.radians(point.latitude)
    return latitude, math.cos(latitude), point.longitude


def haversine_spherical(a: Spherical, b: Spherical) -> float:
    """`haversine_km` of two prepared points (the same float, bit for bit)."""
    lat1, cos1, lon1 = a
    lat2, cos2, lon2 = b
    dlon = math.radians(lon2 - lon1)
    h = math.sin((lat2 - lat1) / 2) ** 2 + cos1 * cos2 * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def haversine_km(a: Point, b: Point) -> float:
    """Great-circle distance in kilometres."""
    return haversine_spherical(spherical(a), spherical(b))


def bbox_around(center: Point, radius_km: float) -> BBox:
    """A box that contains every point within radius_km of center (for a cheap SQL pre-filter)."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    cos_lat = max(math.cos(math.radians(center.latitude)), 1e-6)
    dlon = math.degrees(radius_km / (EARTH_RADIUS_KM * cos_lat))
    return BBox(
        center.latitude - dlat, center.longitude - dlon, center.latitude + dlat, center.longitude + dlon
    )


def in_france(point: Point) -> bool:
    return any(s <= point.latitude <= n and w <= point.longitude <= e for s, w, n, e in FRANCE_BOXES)


def point_in_ring(point: Point, ring: list[list[float]]) -> bool:
    """Ray casting on a GeoJSON ring of [lon, lat] pairs."""
    x, y = point.longitude, point.latitude
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / ((yj - yi) or 1e-300) + xi:
            inside = not inside
        j = i
    return inside


def point_in_geometry(point: Point, geometry: dict[str, object]) -> bool:
    """Whether a point lies in a GeoJSON Polygon or MultiPolygon (holes honoured)."""
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    polygons: list[list[list[list[float]]]]
    if kind == "Polygon":
        polygons = [coordinates]  # type: ignore[list-item]
    elif kind == "MultiPolygon":
        polygons = coordinates  # type: ignore[assignment]
    else:
        return False
    for rings in polygons:
        if rings and point_in_ring(point, rings[0]) and not any(point_in_ring(point, h) for h in rings[1:]):
            return True
    return False


NBSP = "\u00a0"
# Two positions this close are the same point: a place whose position equals its commune's centre was
# only placed at the commune (about 10 m at our latitudes).
SAME_POINT_KM = 0.01


def format_distance_km(km: float) -> str:
    """A distance as a French reader reads it: « 1,2 km », « 12 km », « 350 m », « moins de 100 m ».

    One decimal (decimal comma) under 10 km, whole kilometres beyond, metres rounded to 50 m under 1 km;
    the unit follows a non-breaking space. A negative or non-finite distance is an error, named."""
    if not math.isfinite(km) or km < 0:
        raise ValueError(f"format_distance_km: {km!r} is not a distance in km")
    if km < 0.1:
        return f"moins de 100{NBSP}m"
    metres = round(km * 20) * 50
    if metres < 1000:
        return f"{metres}{NBSP}m"
    tenths = round(km * 10)
    if tenths < 100:
        return f"{tenths // 10},{tenths % 10}{NBSP}km"
    return f"{round(km):d}{NBSP}km"
