"""The one French formatter of distances (`core.geo.format_distance_km`) and its template filter."""

from __future__ import annotations

import math

import pytest
from django.template import Context, Template

from maillage.core.geo import format_distance_km

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("km", "shown"),
    [
        (0.0, "moins de 100 m"),
        (0.04, "moins de 100 m"),
        (0.1, "100 m"),
        (0.34, "350 m"),
        (0.96, "950 m"),
        (0.98, "1,0 km"),  # 980 m rounds to 1 000 m: said in km
        (1.23, "1,2 km"),
        (1.25001, "1,3 km"),
        (9.94, "9,9 km"),
        (9.96, "10 km"),
        (12.4, "12 km"),
        (130.0, "130 km"),
    ],
)
def test_distances_read_the_french_way(km: float, shown: str) -> None:
    number, unit = shown.rsplit(" ", 1)
    assert format_distance_km(km) == f"{number}{NBSP}{unit}"


@pytest.mark.parametrize("km", [-0.1, math.nan, math.inf])
def test_a_value_that_is_no_distance_is_refused_by_name(km: float) -> None:
    with pytest.raises(ValueError, match="is not a distance in km"):
        format_distance_km(km)


def test_the_template_filter_uses_it_and_says_nothing_for_an_unknown_distance() -> None:
    template = Template("{% load maillage_format %}[{{ a|distance }}][{{ b|distance }}]")
    assert template.render(Context({"a": 2.345, "b": None})) == f"[2,3{NBSP}km][]"
