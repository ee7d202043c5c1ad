"""The modules whose figures feed the reports: dotted paths imported lazily, when a report is built.

A module in the list that does not exist (yet), or lacks `period_figures`, contributes nothing; one
that exists answers `period_figures(start, end) -> list[dict]` (the contract in docs/architecture.md),
each figure checked by `domain.figures.figure_checked`.
"""

from __future__ import annotations

import datetime
import importlib
from collections.abc import Sequence
from typing import Any

from maillage.reporting.domain.figures import figure_checked

PROVIDERS: tuple[str, ...] = (
    "maillage.reporting.figures.census",
    "maillage.reporting.figures.audience",
    "maillage.reporting.figures.agenda",
    "maillage.lending.selectors",
    "maillage.network.selectors",
    "maillage.newsletters.selectors",
    "maillage.territory.selectors",
    "maillage.activity.selectors",
)


def provider_function(path: str) -> Any:
    """`period_figures` of module `path`, or None when the module or the function is missing."""
    try:
        module = importlib.import_module(path)
    except ModuleNotFoundError as error:
        if error.name is not None and path.startswith(error.name):
            return None  # the module (or its package) does not exist: nothing to report
        raise
    return getattr(module, "period_figures", None)


def figures_collect(
    start: datetime.date, end: datetime.date, providers: Sequence[str] = PROVIDERS
) -> list[dict[str, Any]]:
    """Every provider's figures for the inclusive period, in provider order, one per key."""
    figures: list[dict[str, Any]] = []
    seen: set[str] = set()
    for path in providers:
        function = provider_function(path)
        if function is None:
            continue
        for figure in function(start, end):
            checked = figure_checked(figure, path)
            if checked["key"] not in seen:
                seen.add(checked["key"])
                figures.append(checked)
    return figures
