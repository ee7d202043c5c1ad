from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def figure_number(value: Any) -> str:
    """A figure as French text: thin-space thousands, a decimal comma, a dash when missing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", "\u202f").replace(".", ",")
    return f"{int(value):,}".replace(",", "\u202f")


@register.filter
def plural_fr(value: Any) -> str:
    """« s » from two on: in French, 0 and 1 take the singular (« 0 action », « 1 séance »)."""
    try:
        return "s" if abs(float(value)) >= 2 else ""
    except (TypeError, ValueError):
        return ""


@register.filter
def day_fr(value: Any) -> str:
    """An ISO day of a snapshot ("2026-05-04") as a French reader writes it ("04/05/2026")."""
    text = str(value or "")
    if len(text) == 10 and text[4] == text[7] == "-":
        return f"{text[8:10]}/{text[5:7]}/{text[0:4]}"
    return text


@register.filter
def signed(value: Any) -> str:
    if value is None:
        return "—"
    text = figure_number(abs(value))
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else "=")


@register.filter
def chart_svg(chart: Any) -> SafeString:
    """The chart's SVG, built and escaped by `domain.charts.bar_chart`."""
    return mark_safe(chart.svg)  # noqa: S308 - every text in it is escaped by bar_chart
