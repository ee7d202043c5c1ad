"""Free-text daily hours of the France Services list → one OpenStreetMap `opening_hours` string.

The list gives one column per day, Monday to Saturday (h_lundi … h_samedi). In the 2024-08-01 national
file every filled cell has one shape, « 09:00 - 12:00 / 13:30 - 17:00 » (one or more slots joined by
« / »), with two quirks this module deals with:

- « 00:00 - 00:00 » slots (in 67 cells) are empty placeholders of the ANCT form: they are ignored, and a
  day holding only such slots is closed;
- duplicated or overlapping slots (« 09:00 - 12:30 / 09:00 - 17:00 / 14:00 - 17:00 »; 79 cells of 32
  rows, often structures with several sites) are merged into their union (09:00-17:00).

Other usual French spellings are read too, should a later list use them: « 9h00-12h00 », « 9h-12h »,
« 08:30-12:30 et 13:30-17:00 », slots separated by « , » or « ; », and « Fermé » for a closed day. An
empty cell is a closed day. Days with the same slots are grouped: consecutive runs of three days or more
with a range (« Mo-Fr »), others with commas (« Mo,We », « We,Th »).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from maillage.core.runs import consecutive_runs

Slot = tuple[int, int]  # minutes from midnight: (start, end)

DAY_COLUMNS: Final[tuple[tuple[str, str], ...]] = (
    ("h_lundi", "Mo"),
    ("h_mardi", "Tu"),
    ("h_mercredi", "We"),
    ("h_jeudi", "Th"),
    ("h_vendredi", "Fr"),
    ("h_samedi", "Sa"),
)
"""France Services columns, in week order, with their OSM day abbreviations."""

_TIME: Final = r"(\d{1,2})\s*(?:[:hH.]\s*(\d{2})?)?"
_SLOT: Final = re.compile(_TIME + r"\s*(?:-|–|—|à|a)\s*" + _TIME)
_SEPARATORS: Final = re.compile(r"(?:[\s/;,&+]|\bet\b)*", re.IGNORECASE)
_CLOSED: Final = frozenset({"fermé", "fermée", "ferme", "fermee", "fermés", "closed", "-"})
_MIDNIGHT: Final = 24 * 60


@dataclass(frozen=True, slots=True)
class UnreadableDay:
    column: str
    text: str


def parse_day(text: str) -> tuple[Slot, ...] | None:
    """The opening slots of one day, merged and sorted (empty: closed); None when the text is unreadable."""
    cleaned = " ".join(text.split())
    if not cleaned or cleaned.casefold() in _CLOSED:
        return ()
    slots: list[Slot] = []
    position = 0
    for match in _SLOT.finditer(cleaned):
        if not _SEPARATORS.fullmatch(cleaned[position : match.start()]):
            return None
        position = match.end()
        slot = _slot(match)
        if slot is None:
            return None
        if slot != (0, 0):  # « 00:00 - 00:00 »: an empty placeholder
            slots.append(slot)
    if position == 0 or not _SEPARATORS.fullmatch(cleaned[position:]):
        return None
    return _merge(slots)


def _slot(match: re.Match[str]) -> Slot | None:
    start_hour, start_minute, end_hour, end_minute = (int(group or 0) for group in match.groups())
    if start_minute > 59 or end_minute > 59:
        return None
    start, end = start_hour * 60 + start_minute, end_hour * 60 + end_minute
    if (start, end) == (0, 0):
        return (0, 0)
    if start >= end or end > _MIDNIGHT:
        return None
    return (start, end)


def _merge(slots: list[Slot]) -> tuple[Slot, ...]:
    """The union of the slots: overlapping or touching slots become one."""
    merged: list[Slot] = []
    for start, end in sorted(slots):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def daily_hours_to_osm(cells: Sequence[tuple[str, str, str]]) -> tuple[str | None, list[UnreadableDay]]:
    """Turn (column, OSM day, text) triples, in week order, into one OSM `opening_hours` string.

    Returns (None, []) when no day is open, and (None, unreadable days) when some day cannot be read:
    the hours are then dropped whole, as partial hours would wrongly show that day closed.
    """
    days: list[tuple[str, tuple[Slot, ...]]] = []
    unreadable: list[UnreadableDay] = []
    for column, day, cell in cells:
        slots = parse_day(cell)
        if slots is None:
            unreadable.append(UnreadableDay(column, " ".join(cell.split())))
        else:
            days.append((day, slots))
    if unreadable:
        return None, unreadable
    order = [day for _column, day, _text in cells]
    groups: dict[tuple[Slot, ...], list[int]] = {}
    for day, slots in days:
        if slots:
            groups.setdefault(slots, []).append(order.index(day))
    if not groups:
        return None, []
    rules = [f"{_days(order, indexes)} {_slots(slots)}" for slots, indexes in groups.items()]
    return "; ".join(rules), []


def _days(order: list[str], indexes: list[int]) -> str:
    parts: list[str] = []
    for run in consecutive_runs(indexes):
        if len(run) >= 3:
            parts.append(f"{order[run[0]]}-{order[run[-1]]}")
        else:
            parts.extend(order[index] for index in run)
    return ",".join(parts)


def _slots(slots: tuple[Slot, ...]) -> str:
    return ",".join(f"{_time(start)}-{_time(end)}" for start, end in slots)


def _time(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
