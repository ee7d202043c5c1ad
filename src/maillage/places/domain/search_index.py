"""The published census as columns in memory, and `SearchFilters` answered on them (pure Python + NumPy).

Every rule here mirrors `places.search.places_search_sql` (the database path, kept as the reference):
enumerated fields (any value of a field, every field), communes, EPCI, query words (each must begin a word
of the search text), the box (the one around point + distance when both are given, else `bbox`), the
distance by `core.geo.haversine_km`'s formula (NumPy only narrows the candidates: an exact float for every
hit, the same as the database path's), opening hours from a table of weekly spans where the hours are a
plain weekly rule, by the opening-hours library itself where they are not. The order: (name, id) as the
database orders them without a point; nearest first with a point, ties by name then id as Python orders
them. `tests/places/test_search_index.py` proves the two paths give the same answers.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from maillage.core.geo import EARTH_RADIUS_KM, Point, bbox_around, haversine_spherical, spherical
from maillage.places.domain.hours import PARIS, is_open_at, week_open_minutes
from maillage.places.domain.search import FACET_PARAMETERS, SearchFilters, query_words

WEEK = 7 * 24 * 60
_DAY = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_DAYS = rf"{_DAY}(?:-{_DAY})?(?:,{_DAY}(?:-{_DAY})?)*"
_TIMES = r"\d\d:\d\d-\d\d:\d\d(?:,\d\d:\d\d-\d\d:\d\d)*"
_RULE = rf"(?:(?:{_DAYS} )?(?:{_TIMES}|off|closed)|24/7)"
# Hours that are one weekly rule, the same every week of every year: weekdays and times only (no month,
# date, week number, public or school holiday, sun time, comment or fallback rule).
WEEKLY = re.compile(rf"\s*{_RULE}(?:\s*;\s*{_RULE})*\s*;?\s*")
# Mondays at midnight (Paris) of weeks with no clock change: winter, summer, Christmas, 1 May, 14 July.
CHECK_WEEKS = tuple(
    datetime.datetime(year, month, day, tzinfo=PARIS)
    for year, month, day in ((2026, 1, 5), (2026, 6, 15), (2025, 12, 22), (2028, 5, 1), (2030, 7, 8))
)
NO_HOURS, FALLBACK = -1, -2  # pattern of a place: never open at any time asked / asked of the library


@dataclass(frozen=True)
class IndexRow:
    """What the index keeps of one published place (the caller gives them in the database's (name, id)
    order)."""

    id_hex: str
    name: str
    latitude: float | None
    longitude: float | None
    lists: dict[str, Sequence[str]]  # every field of FACET_PARAMETERS → its values
    publics_empty: bool  # `publics` is the empty list, as the database sees it
    insee_code: str
    epci: str | None
    search_text: str
    opening_hours: str


@functools.lru_cache(maxsize=65536)  # the same strings come back at every build of the index
def weekly_spans(expr: str) -> tuple[tuple[int, int], ...] | None:
    """Open spans of a week in wall-clock minutes from Monday 0 h, when the hours are the same every week
    (checked on several weeks by the library), else None (those hours are asked of the library)."""
    if not WEEKLY.fullmatch(expr):
        return None
    weeks = {week_open_minutes(expr, monday) for monday in CHECK_WEEKS}
    if len(weeks) != 1:
        return None
    return weeks.pop()


class _Membership:
    """One enumerated field: a boolean column per value, and where each value comes when Python iterates
    `set(values)` of a place (for facet counts ordered exactly as `FacetCounts` orders them)."""

    def __init__(self, values: list[Sequence[str]]) -> None:
        self.vocabulary: dict[str, int] = {}
        cells: list[tuple[int, int, int]] = []
        for row, items in enumerate(values):
            for position, value in enumerate(set(items)):
                column = self.vocabulary.setdefault(value, len(self.vocabulary))
                cells.append((row, column, position))
        self.has = np.zeros((len(values), max(1, len(self.vocabulary))), dtype=np.bool_)
        self.position = np.zeros(self.has.shape, dtype=np.int32)
        for row, column, position in cells:
            self.has[row, column] = True
            self.position[row, column] = position
        self.names = list(self.vocabulary)

    def any_of(self, values: Sequence[str], rows: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Whether each of `rows` holds one of `values` at least."""
        columns = [self.vocabulary[value] for value in values if value in self.vocabulary]
        if not columns:
            return np.zeros(len(rows), dtype=np.bool_)
        if len(columns) == 1:
            return self.has[rows, columns[0]]  # type: ignore[no-any-return]
        return np.logical_or.reduce(self.has[np.ix_(rows, np.array(columns, dtype=np.int64))], axis=1)


class CensusColumns:
    """The columns of the published census, built once per census version."""

    def __init__(self, rows: Sequence[IndexRow]) -> None:
        self.size = len(rows)
        self.ids = [row.id_hex for row in rows]
        self.names = [row.name for row in rows]
        nan = float("nan")
        self.latitude = np.array([nan if r.latitude is None else r.latitude for r in rows], dtype=np.float64)
        self.longitude = np.array(
            [nan if r.longitude is None else r.longitude for r in rows], dtype=np.float64
        )
        self.points = [
            None if r.latitude is None or r.longitude is None else spherical(Point(r.latitude, r.longitude))
            for r in rows
        ]
        self.lists = {name: _Membership([row.lists[name] for row in rows]) for name in FACET_PARAMETERS}
        self.publics_empty = np.array([row.publics_empty for row in rows], dtype=np.bool_)
        self.insee = np.array([row.insee_code for row in rows], dtype=object)
        self.epci = np.array([row.epci for row in rows], dtype=object)
        self._text_starts, self._text = _joined([row.search_text for row in rows])
        keys = sorted(range(self.size), key=lambda i: (self.names[i], self.ids[i]))
        self.python_order = np.array(keys, dtype=np.int64)  # (name, id hex) as Python compares them
        self.python_keys = [(self.names[i], self.ids[i]) for i in keys]
        self.python_rank = np.empty(self.size, dtype=np.int64)
        self.python_rank[self.python_order] = np.arange(self.size)
        self._hours(rows)

    def _hours(self, rows: Sequence[IndexRow]) -> None:
        patterns: dict[tuple[tuple[int, int], ...], int] = {}
        by_expr: dict[str, int] = {}
        self.hours = [row.opening_hours for row in rows]
        self.pattern = np.full(self.size, NO_HOURS, dtype=np.int64)
        for index, expr in enumerate(self.hours):
            if not expr:
                continue
            if expr not in by_expr:
                spans = weekly_spans(expr)
                by_expr[expr] = FALLBACK if spans is None else patterns.setdefault(spans, len(patterns))
            self.pattern[index] = by_expr[expr]
        self.fallback = np.flatnonzero(self.pattern == FALLBACK)
        bounds = sorted({0, WEEK} | {minute for spans in patterns for span in spans for minute in span})
        self._bounds = np.array(bounds, dtype=np.int64)
        # segment of the week (between two consecutive bounds) × pattern: open during that segment.
        self._open = np.zeros((len(bounds), len(patterns) + 2), dtype=np.bool_)
        for spans, column in patterns.items():
            for start, end in spans:
                self._open[
                    np.searchsorted(self._bounds, start) : np.searchsorted(self._bounds, end), column
                ] = True

    def open_at(self, candidates: NDArray[np.int64], when: datetime.datetime) -> NDArray[np.int64]:
        """The candidates open at `when`, exactly as `is_open_at` says (unknown counts as closed)."""
        local = when.replace(tzinfo=PARIS) if when.tzinfo is None else when
        local = local.astimezone(datetime.UTC).astimezone(PARIS)
        midnight = datetime.datetime.combine(local.date(), datetime.time(), tzinfo=PARIS)
        pattern = self.pattern[candidates]
        if midnight.utcoffset() != (midnight + datetime.timedelta(days=1)).utcoffset():
            ask = np.ones(len(candidates), dtype=np.bool_)  # a clock change that day: the library decides
            keep = np.zeros(len(candidates), dtype=np.bool_)
        else:
            minute = local.weekday() * 24 * 60 + local.hour * 60 + local.minute
            segment = int(np.searchsorted(self._bounds, minute, side="right")) - 1
            ask = pattern == FALLBACK
            keep = (pattern >= 0) & self._open[segment][np.maximum(pattern, 0)]
        asked: dict[str, bool] = {}
        for position in np.flatnonzero(ask & (pattern != NO_HOURS)):
            expr = self.hours[candidates[position]]
            if expr not in asked:
                asked[expr] = is_open_at(expr, when) is True
            keep[position] = asked[expr]
        return candidates[keep]

    def words(self, words: Sequence[str]) -> NDArray[np.bool_]:
        """Places whose search text holds " word" for every word (the database's `contains`)."""
        mask = np.ones(self.size, dtype=np.bool_)
        for word in words:
            needle, found = f" {word}", np.zeros(self.size, dtype=np.bool_)
            at = self._text.find(needle)
            while at != -1:
                place = int(np.searchsorted(self._text_starts, at, side="right")) - 1
                found[place] = True
                # the next place's text: one hit per place is enough
                at = self._text.find(needle, int(self._text_starts[place + 1]))
            mask &= found
        return mask


def _joined(texts: list[str]) -> tuple[NDArray[np.int64], str]:
    """All texts in one string, each followed by a NUL (no query needle holds one: no match spans two)."""
    starts, cursor = [], 0
    for text in texts:
        starts.append(cursor)
        cursor += len(text) + 1
    starts.append(cursor)
    return np.array(starts, dtype=np.int64), "".join(f"{text}\0" for text in texts)


def columns_match(
    columns: CensusColumns, filters: SearchFilters
) -> tuple[NDArray[np.int64], list[float | None]]:
    """The places of `filters` in the order of the answer, with their distances (None without a point)."""
    candidates = _candidates(columns, filters)
    point = filters.point
    two_steps = point is not None or filters.open_at is not None
    if two_steps and filters.distance_km is not None:
        if point is None:
            return np.zeros(0, dtype=np.int64), []  # a distance without a point: nothing is within it
        near = _haversine(columns, point, candidates) <= filters.distance_km + 1e-6
        candidates = candidates[near]
    if filters.open_at is not None:
        candidates = columns.open_at(candidates, filters.open_at)
    if point is None:
        return candidates, [None] * len(candidates)
    distances: list[float | None] = []
    kept: list[int] = []
    origin = spherical(point)
    for index in candidates.tolist():
        place = columns.points[index]
        distance = None if place is None else haversine_spherical(origin, place)
        if filters.distance_km is not None and (distance is None or distance > filters.distance_km):
            continue
        kept.append(index)
        distances.append(distance)
    found = np.array(kept, dtype=np.int64)
    missing = np.array([d is None for d in distances], dtype=np.bool_)
    exact = np.array([0.0 if d is None else d for d in distances], dtype=np.float64)
    order = np.lexsort((columns.python_rank[found], exact, missing))
    return found[order], [distances[i] for i in order.tolist()]


def _candidates(columns: CensusColumns, filters: SearchFilters) -> NDArray[np.int64]:
    """The places (ascending) that pass every filter but distance and hours: the box first (the most
    selective with a point), then each filter on the places still in."""
    box = filters.bbox
    if filters.point is not None and filters.distance_km is not None:
        box = bbox_around(filters.point, filters.distance_km)
    if box is not None:
        la, lo = columns.latitude, columns.longitude
        rows = np.flatnonzero((la >= box.south) & (la <= box.north) & (lo >= box.west) & (lo <= box.east))
    else:
        rows = np.arange(columns.size, dtype=np.int64)
    for name, values in filters.list_filters().items():
        keep = columns.lists[name].any_of(values, rows)
        if name == "publics" and filters.all_publics_match:
            keep |= columns.publics_empty[rows]
        rows = rows[keep]
    if filters.insee_codes:
        rows = rows[np.isin(columns.insee[rows], list(filters.insee_codes))]
    if filters.epcis:
        rows = rows[np.isin(columns.epci[rows], list(filters.epcis))]
    words = query_words(filters.q)
    if words:
        rows = rows[columns.words(words)[rows]]
    return rows


def _haversine(columns: CensusColumns, point: Point, candidates: NDArray[np.int64]) -> NDArray[np.float64]:
    """`haversine_km` over arrays (NaN where a place has no position: compares false)."""
    lat1, lat2 = np.radians(point.latitude), np.radians(columns.latitude[candidates])
    dlon = np.radians(columns.longitude[candidates] - point.longitude)
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(h)))  # type: ignore[no-any-return]


def facet_counts(columns: CensusColumns, found: NDArray[np.int64]) -> dict[str, dict[str, int]]:
    """`FacetCounts` of the places `found` (in that order), values ordered as `Counter.most_common` does:
    by count, ties in the order values were first met."""
    if not len(found):
        return {}
    facets: dict[str, dict[str, int]] = {}
    for name, membership in columns.lists.items():
        has = membership.has[found]
        counts = has.sum(axis=0)
        first = has.argmax(axis=0)
        present = np.flatnonzero(counts)
        position = membership.position[found[first[present]], present]
        order = np.lexsort((position, first[present], -counts[present]))
        facets[name] = {membership.names[present[i]]: int(counts[present[i]]) for i in order.tolist()}
    return facets
