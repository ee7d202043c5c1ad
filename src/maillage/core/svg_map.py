"""Small printable maps drawn as inline SVG from GeoJSON outlines and points. Pure Python.

The projection is the simplest that looks right at a département's scale: equirectangular, longitudes
scaled by the cosine of the middle latitude. Positions are (longitude, latitude), as in GeoJSON.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from html import escape

Ring = Sequence[Sequence[float]]
Polygon = Sequence[Ring]


@dataclass(frozen=True)
class Shape:
    polygons: Sequence[Polygon]
    css_class: str = ""


@dataclass(frozen=True)
class Marker:
    longitude: float
    latitude: float
    label: str = ""  # drawn inside the dot (a number); a plain dot when empty


@dataclass(frozen=True)
class Projection:
    """Maps (longitude, latitude) to SVG units inside a `width` wide box, north up."""

    west: float
    north: float
    scale: float  # SVG units per degree of latitude
    cos_lat: float
    width: float
    height: float
    margin: float = field(default=0.0)

    @classmethod
    def fit(cls, bounds: tuple[float, float, float, float], *, width: float, margin: float) -> Projection:
        south, west, north, east = bounds
        cos_lat = math.cos(math.radians((south + north) / 2))
        span_x = max((east - west) * cos_lat, 1e-6)
        span_y = max(north - south, 1e-6)
        scale = (width - 2 * margin) / span_x
        return cls(west, north, scale, cos_lat, width, span_y * scale + 2 * margin, margin)

    def xy(self, longitude: float, latitude: float) -> tuple[float, float]:
        x = self.margin + (longitude - self.west) * self.cos_lat * self.scale
        y = self.margin + (self.north - latitude) * self.scale
        return x, y


def bounds_of(
    shapes: Iterable[Shape], markers: Iterable[Marker] = ()
) -> tuple[float, float, float, float] | None:
    """(south, west, north, east) around every outline and marker, or None when there is nothing."""
    lons: list[float] = []
    lats: list[float] = []
    for shape in shapes:
        for polygon in shape.polygons:
            for ring in polygon:
                lons += [position[0] for position in ring]
                lats += [position[1] for position in ring]
    for marker in markers:
        lons.append(marker.longitude)
        lats.append(marker.latitude)
    if not lons:
        return None
    return min(lats), min(lons), max(lats), max(lons)


def _path(polygons: Sequence[Polygon], projection: Projection) -> str:
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = [projection.xy(position[0], position[1]) for position in ring]
            if len(points) > 2:
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in points) + "Z")
    return "".join(parts)


def svg_map(
    shapes: Sequence[Shape],
    markers: Sequence[Marker],
    *,
    title: str,
    width: float = 180.0,
    margin: float = 4.0,
    marker_radius: float = 2.2,
    bounds: tuple[float, float, float, float] | None = None,
    css: str = "",
) -> str:
    """An <svg> element (viewBox units, sized by CSS): the outlines, then the markers on top."""
    box = bounds or bounds_of(shapes, markers)
    if box is None:
        return ""
    projection = Projection.fit(box, width=width, margin=margin)
    body = [f"<title>{escape(title)}</title>"] + ([f"<style>{css}</style>"] if css else [])
    for shape in shapes:
        d = _path(shape.polygons, projection)
        if d:
            body.append(f'<path class="{escape(shape.css_class)}" d="{d}"/>')
    for marker in markers:
        x, y = projection.xy(marker.longitude, marker.latitude)
        body.append(f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="{marker_radius}"/>')
        if marker.label:
            size = marker_radius * (1.1 if len(marker.label) < 3 else 0.85)
            body.append(
                f'<text class="dot-label" x="{x:.1f}" y="{y + size * 0.36:.2f}" font-size="{size:.2f}" '
                f'text-anchor="middle">{escape(marker.label)}</text>'
            )
    view_box = f"0 0 {projection.width:.1f} {projection.height:.1f}"
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{view_box}" role="img">{"".join(body)}</svg>'
