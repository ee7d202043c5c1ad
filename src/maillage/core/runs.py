"""Grouping sorted integers into runs of consecutive values (pure Python): [0, 1, 2, 4] → [[0, 1, 2], [4]].

Used to write days of the week as ranges, in OSM syntax ("Mo-We,Fr") and in French ("du lundi au
mercredi et vendredi").
"""

from __future__ import annotations

from collections.abc import Iterable


def consecutive_runs(values: Iterable[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for value in values:
        if runs and value == runs[-1][-1] + 1:
            runs[-1].append(value)
        else:
            runs.append([value])
    return runs
