"""Choropleth maps of the communes drawn server-side as SVG (`core.svg_map`), for the pages and the PDF.

Each map comes with its classes for the legend; the pages put a table of the same figures beside it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from maillage.core.svg_map import Marker, Shape, svg_map
from maillage.territory.domain.classes import NO_DATA, PALETTE, ColourClass, class_of, quantile_classes

# Colours as CSS classes: the pages' stylesheet holds the same rules (the CSP refuses inline styles).
MAP_CSS = (
    "path{stroke:#fff;stroke-width:.25}"
    + "".join(f".c{i}{{fill:{colour}}}" for i, colour in enumerate(PALETTE))
    + f".cx{{fill:{NO_DATA}}}.cl{{fill:#eef0f3}}.dot{{fill:#c0392b;stroke:#fff;stroke-width:.4}}"
    ".dot-label{fill:#fff;font-family:'DejaVu Sans',sans-serif;font-weight:bold}"
)


@dataclass(frozen=True)
class Choropleth:
    svg: str
    classes: list[ColourClass]


def polygons_of(geometry: Mapping[str, object]) -> list[object]:
    coordinates = geometry.get("coordinates") or []
    if geometry.get("type") == "Polygon":
        return [coordinates]
    if geometry.get("type") == "MultiPolygon":
        return list(coordinates)  # type: ignore[call-overload]
    return []


def choropleth(
    outlines: Mapping[str, Mapping[str, object]],
    values: Mapping[str, float | None],
    *,
    title: str,
    markers: Sequence[Marker] = (),
    inline_css: bool = False,
) -> Choropleth:
    """The communes of `values` coloured by quintile of their value (grey when it is None)."""
    classes = quantile_classes([value for value in values.values() if value is not None])
    shapes = []
    for code, value in values.items():
        geometry = outlines.get(code)
        if geometry is None:
            continue
        found = class_of(value, classes)
        css_class = f"c{PALETTE.index(found.colour)}" if found else "cx"
        shapes.append(Shape(polygons_of(geometry), css_class))  # type: ignore[arg-type]
    svg = svg_map(
        shapes,
        markers,
        title=title,
        width=200,
        margin=2,
        marker_radius=3.2,
        css=MAP_CSS if inline_css else "",
    )
    return Choropleth(svg, classes)


def highlight_map(
    outlines: Mapping[str, Mapping[str, object]],
    codes: Sequence[str],
    highlighted: set[str],
    *,
    title: str,
    markers: Sequence[Marker] = (),
) -> str:
    """The communes of `codes`, those of `highlighted` dark, the others light grey; markers on top."""
    shapes = [
        Shape(polygons_of(outlines[code]), "c4" if code in highlighted else "cl")  # type: ignore[arg-type]
        for code in codes
        if code in outlines
    ]
    return svg_map(shapes, markers, title=title, width=200, margin=4, marker_radius=4.5)


def legend_rows(classes: Sequence[ColourClass], unit: str = "") -> list[tuple[str, str]]:
    """(css class, French text) for each class of the legend."""
    suffix = f" {unit}" if unit else ""
    return [
        (f"c{PALETTE.index(c.colour)}", f"de {c.low:.1f} à {c.high:.1f}{suffix}".replace(".", ","))
        for c in classes
    ]
