"""Colour classes of the choropleth maps: five quantile classes on the viridis scale.

Viridis varies in lightness from end to end, so it reads in grey and for every common colour-vision
deficiency; the legend and the table beside every map say the same thing in words and figures.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

PALETTE = ("#fde725", "#5ec962", "#21918c", "#3b528b", "#440154")  # light (low) to dark (high)
NO_DATA = "#d9d9d9"


@dataclass(frozen=True)
class ColourClass:
    index: int
    low: float
    high: float
    colour: str


def quantile_classes(values: Sequence[float], count: int = len(PALETTE)) -> list[ColourClass]:
    """`count` classes cut at the quantiles of `values` (fewer when values repeat); empty without values."""
    ordered = sorted(values)
    if not ordered:
        return []
    cuts = [ordered[min(len(ordered) - 1, (len(ordered) * i) // count)] for i in range(count)] + [ordered[-1]]
    bounds: list[tuple[float, float]] = []
    for low, high in itertools.pairwise(cuts):
        if bounds and low <= bounds[-1][1]:
            low = bounds[-1][1]
        if high > low or not bounds:
            bounds.append((low, high))
    bounds = bounds or [(ordered[0], ordered[-1])]
    step = (len(PALETTE) - 1) / max(1, len(bounds) - 1)
    return [ColourClass(i, low, high, PALETTE[round(i * step)]) for i, (low, high) in enumerate(bounds)]


def class_of(value: float | None, classes: Sequence[ColourClass]) -> ColourClass | None:
    """The class a value falls in (a class holds values above its low bound up to its high bound; the
    first one also holds its low bound)."""
    if value is None or not classes:
        return None
    for colour_class in classes:
        if value <= colour_class.high:
            return colour_class
    return classes[-1]
