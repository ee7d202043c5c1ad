"""The maps of the printed cards and booklets, drawn as inline SVG from the territory's commune outlines.

They reuse the map's simplified outlines (`map_data.territory_outlines`, cached), so a printed map and the
web map show the same communes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from maillage.core.svg_map import Marker, Shape, bounds_of, svg_map
from maillage.places.models import Place
from maillage.publishing.selectors import territory_outlines
from maillage.territories.models import Commune

MAP_CSS = (
    ".commune{fill:#f4f1ea;stroke:#b9b2a3;stroke-width:.25}"
    ".near{fill:#ebe6da;stroke:#9c9483;stroke-width:.3}"
    ".here{fill:#f5c542;stroke:#5b4a12;stroke-width:.5}"
    ".departement{fill:none;stroke:#3d3d3d;stroke-width:.7}"
    ".dot{fill:#b3261e;stroke:#fff;stroke-width:.35}"
    ".dot-label{fill:#fff;font-family:'DejaVu Sans',sans-serif;font-weight:bold}"
)


@dataclass(frozen=True)
class OutlineFeature:
    insee_code: str  # "" for the département
    name: str
    polygons: list[Any]

    @property
    def is_department(self) -> bool:
        return not self.insee_code


def _features() -> list[OutlineFeature]:
    collection = json.loads(territory_outlines().body)
    features = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        features.append(OutlineFeature(str(feature.get("id", "")), feature["properties"]["n"], polygons))
    return features


def locator_svg(place: Place) -> str:
    """The place's commune highlighted among the communes of its EPCI (or the département), a dot on it."""
    features = _features()
    communes = [feature for feature in features if not feature.is_department]
    if not any(feature.insee_code == place.insee_code for feature in communes):
        return ""
    epci_id = place.commune.epci_id if place.commune is not None else None
    if epci_id:
        same_epci = set(Commune.objects.filter(epci_id=epci_id).values_list("insee_code", flat=True))
        communes = [feature for feature in communes if feature.insee_code in same_epci]
    shapes = [
        Shape(feature.polygons, "here" if feature.insee_code == place.insee_code else "near")
        for feature in communes
    ]
    shapes.sort(key=lambda shape: shape.css_class == "here")  # the highlighted commune drawn last
    if not epci_id:
        shapes += [Shape(f.polygons, "departement") for f in features if f.is_department]
    markers = []
    if place.latitude is not None and place.longitude is not None:
        markers.append(Marker(place.longitude, place.latitude))
    title = f"Situation de {place.name} dans la commune de {place.commune_name}"
    return svg_map(shapes, markers, title=title, width=60, margin=1.5, marker_radius=1.2, css=MAP_CSS)


def booklet_map_svg(numbered: Sequence[tuple[int, Place]]) -> str:
    """Every commune of the territory and the département's outline, the places numbered as in the booklet."""
    features = _features()
    shapes = [Shape(f.polygons, "departement" if f.is_department else "commune") for f in features]
    shapes.sort(key=lambda shape: shape.css_class == "departement")
    markers = [
        Marker(place.longitude, place.latitude, str(number))
        for number, place in numbered
        if place.latitude is not None and place.longitude is not None
    ]
    # Around the territory, widened to the selection's places if some lie outside it.
    bounds = bounds_of(shapes, markers)
    return svg_map(
        shapes, markers, title="Carte des lieux numérotés", width=180, margin=3, bounds=bounds, css=MAP_CSS
    )
