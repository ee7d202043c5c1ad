"""The figures of the modules (`period_figures` contract): checks, comparison with the period before,
and which mission each belongs to. Pure: dicts in, dicts out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

TOPICS = frozenset(
    {
        "census",
        "map",
        "opendata",
        "agenda",
        "lending",
        "network",
        "newsletters",
        "watch",
        "territory",
        "activity",
    }
)


class FigureError(ValueError):
    """A provider returned a figure outside the contract (the message names the provider and key)."""


def figure_checked(figure: Any, provider: str) -> dict[str, Any]:
    """A copy of `figure` as the report stores it, or FigureError saying what is wrong."""
    if not isinstance(figure, dict):
        raise FigureError(f"{provider} : un chiffre doit être un dictionnaire, reçu {type(figure).__name__}")
    key = figure.get("key")
    for field in ("key", "label", "topic"):
        if not isinstance(figure.get(field), str) or not figure[field]:
            raise FigureError(f"{provider} : le chiffre {key!r} n'a pas de champ « {field} » (texte)")
    if figure["topic"] not in TOPICS:
        raise FigureError(f"{provider} : le chiffre {key!r} a un thème inconnu « {figure['topic']} »")
    value = figure.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FigureError(f"{provider} : le chiffre {key!r} n'a pas de valeur numérique")
    rows = figure.get("rows") or []
    checked_rows = []
    for row in rows:
        if not (isinstance(row, list | tuple) and len(row) == 2 and isinstance(row[1], int | float)):
            raise FigureError(f"{provider} : une ligne du détail de {key!r} n'est pas [libellé, nombre]")
        checked_rows.append([str(row[0]), row[1]])
    checked = {
        "key": key,
        "label": figure["label"],
        "value": value,
        "unit": str(figure.get("unit") or ""),
        "topic": figure["topic"],
        "rows": checked_rows,
    }
    if figure.get("rows_unit"):  # the rows count something else than the value (days per structure...)
        checked["rows_unit"] = str(figure["rows_unit"])
    return checked


def figures_compared(
    current: Iterable[dict[str, Any]], previous: Iterable[dict[str, Any]]
) -> list[dict[str, Any]]:
    """`current` figures, each with `previous` (the value the period before, or None) and `change`."""
    before = {figure["key"]: figure["value"] for figure in previous}
    compared = []
    for figure in current:
        old = before.get(figure["key"])
        change = None if old is None else figure["value"] - old
        compared.append(figure | {"previous": old, "change": change})
    return compared


def figures_by_topic(figures: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for figure in figures:
        grouped.setdefault(figure["topic"], []).append(figure)
    return grouped
