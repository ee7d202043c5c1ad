"""French formats for what a person reads: `{% load maillage_format %}`, then `{{ km|distance }}`."""

from __future__ import annotations

from django import template

from maillage.core.geo import format_distance_km

register = template.Library()


@register.filter
def distance(km: float | None) -> str:
    """« 1,2 km » (see `core.geo.format_distance_km`); nothing for an unknown distance."""
    return "" if km is None else format_distance_km(float(km))
