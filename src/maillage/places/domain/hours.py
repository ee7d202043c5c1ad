"""Opening hours written in the OpenStreetMap `opening_hours` syntax, explained in French.

Pure Python (no Django). Parsing and evaluation are done by opening-hours-py, with the
French public-holiday calendar (``country="FR"``, metropolitan holidays) and wall-clock
times in Europe/Paris. Functions that read hours never raise on user data: an empty
string means "no hours known", an unreadable one is reported as such.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import opening_hours
from opening_hours import OpeningHours, State, validate

from maillage.core.french import DAYS, MONTHS
from maillage.core.runs import consecutive_runs

ParserError: type[Exception] = opening_hours.ParserError  # type: ignore[attr-defined]  # not in the stubs
PARIS = ZoneInfo("Europe/Paris")
COUNTRY = "FR"
HORIZON = timedelta(days=366)  # how far ahead status and next openings look
MIDNIGHT = 24 * 60
RANGE = " \u2013 "  # en dash between spaces, as in "9 h - 12 h" typeset

EXAMPLE = "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00"

# One opening within a day: start and end in minutes from midnight (the end goes past 1440 when
# the opening runs past midnight) and the OSM comment attached to it.
Slot = tuple[int, int, str]
Day = tuple[Slot, ...]
Week = tuple[Day, ...]


@dataclass(frozen=True)
class OpenStatus:
    """The one-line status shown beside a place ("Ouvert · ferme à 17 h 30")."""

    is_open: bool | None  # None: no hours, unreadable hours, or the state is unknown
    text: str
    next_change: datetime | None  # aware Europe/Paris time quoted in `text`, if any


@functools.lru_cache(maxsize=4096)
def _parse(expr: str, country: str | None = COUNTRY) -> OpeningHours | None:
    """The parsed expression (cached: the same strings come back for thousands of places).

    Without a country, the library knows no public holiday: `PH` rules then never apply.
    """
    if not validate(expr):
        return None
    return OpeningHours(expr, timezone=PARIS, country=country, auto_country=False, auto_timezone=False)


def _panicked(error: BaseException) -> bool:
    """opening-hours-py accepts some expressions it then cannot evaluate: its Rust code panics
    (`pyo3_runtime.PanicException`, a BaseException), e.g. on "(sunset+07:30)-(sunset+07:30)" (found by
    tests/fuzz). Such hours are treated as unreadable."""
    return type(error).__name__ == "PanicException"


@functools.lru_cache(maxsize=4096)
def _evaluates(expr: str) -> bool:
    """Whether the hours compute over the coming week (cheap enough for every imported row: a full year's
    description cost ~8 ms a row). A panic tied to a rarer date is still caught where hours are shown."""
    oh = _parse(expr)
    if oh is None:
        return False
    start = datetime.now(PARIS).replace(hour=0, minute=0, second=0, microsecond=0)
    try:
        for _ in oh.intervals(start, start + timedelta(days=8)):
            pass
    except BaseException as error:
        if not _panicked(error):
            raise
        return False
    return True


# --- Validation ---------------------------------------------------------------------------------

_PARSER_HINTS = {
    "expected wday": "un jour de la semaine est attendu (Mo, Tu, We, Th, Fr, Sa, Su)",
    "expected timespan": "une plage horaire est attendue, par exemple 09:00-12:00",
    "unexpected normal_rule_separator": "point-virgule en trop",
    "expected EOI, any_rule_separator, rules_modifier, timespan": "heure mal écrite (format 09:00)",
}
_FRENCH_DAY = re.compile(r"\b(lun|mardi|mer|jeu|ven|sam|dim)[a-z]*\b", re.IGNORECASE)
_FRENCH_TIME = re.compile(r"\d\s*h(\s*\d|\b)", re.IGNORECASE)


def validate_hours(expr: str) -> str | None:
    """None when `expr` is readable (an empty string is: no hours known), else a French message."""
    if not expr.strip() or (_parse(expr) is not None and _evaluates(expr)):
        return None
    if _parse(expr) is not None:
        return (
            "Horaires illisibles : ces horaires ne se calculent pas (une heure sort de la journée ?). "
            f"Format OpenStreetMap attendu, par exemple « {EXAMPLE} »."
        )
    try:
        OpeningHours(expr)
    except ParserError as error:
        details = str(error)
    else:  # pragma: no cover - the cached parse and this one agree
        return None
    position = re.search(r"--> \d+:(\d+)", details)
    column = int(position.group(1)) if position else 0
    if not column:
        where = "texte non reconnu"
    elif column > len(expr.rstrip()):
        where = "le texte s'arrête trop tôt"
    else:
        where = f"erreur au caractère {column} (« {expr[column - 1 : column + 9].strip()} »)"
    hint = next((text for key, text in _PARSER_HINTS.items() if key in details), None)
    if _FRENCH_DAY.search(expr):
        hint = "écrivez les jours en abrégé anglais : Mo, Tu, We, Th, Fr, Sa, Su"
    elif _FRENCH_TIME.search(expr):
        hint = "écrivez les heures au format 09:00 ou 13:30"
    return (
        f"Horaires illisibles : {where}{f', {hint}' if hint else ''}. "
        f"Format OpenStreetMap attendu, par exemple « {EXAMPLE} »."
    )


# --- Weekly description -------------------------------------------------------------------------


def _minutes(moment: datetime, day_start: datetime) -> int:
    return (moment - day_start) // timedelta(minutes=1)


def _day_slots(oh: OpeningHours, first: date, count: int) -> tuple[list[Day], bool]:
    """Open slots of `count` days from `first`, and whether any time there has an unknown state.

    An opening that runs past midnight for less than a day stays on the day it starts
    ("Fr 22:00-02:00" is a Friday opening ending at 2 h).
    """
    origin = datetime.combine(first - timedelta(days=1), time())
    days: list[list[Slot]] = [[] for _ in range(count + 2)]
    unknown = False
    for start, end, state, comment in oh.intervals(origin, origin + timedelta(days=count + 2)):
        unknown = unknown or state is State.UNKNOWN
        if state is not State.OPEN:
            continue
        cursor, end = start.replace(tzinfo=None), end.replace(tzinfo=None)
        while cursor < end:
            day_start = datetime.combine(cursor.date(), time())
            stop = min(end, day_start + timedelta(days=1))
            slots = days[(day_start - origin).days]
            slot = (_minutes(cursor, day_start), _minutes(stop, day_start), comment)
            if slots and slots[-1][1] == slot[0] and slots[-1][2] == comment:
                slot = (slots.pop()[0], slot[1], comment)
            slots.append(slot)
            cursor = stop
    for before, slots in itertools.pairwise(days):
        if slots and slots[0][0] == 0 and slots[0][1] < MIDNIGHT and before:
            last = before[-1]
            if slots[0][1] < last[0] and last[1] == MIDNIGHT and last[2] == slots[0][2]:
                before[-1] = (last[0], MIDNIGHT + slots.pop(0)[1], last[2])
    return [tuple(slots) for slots in days[1 : count + 1]], unknown


def _dst_days(first: date, count: int) -> set[date]:
    """Days next to a clock change, where wall-clock openings may look one hour off."""
    dates = [first + timedelta(days=i) for i in range(count)]
    return {d for d in dates if _offset(d) != _offset(d + timedelta(days=2))}


def _offset(day: date) -> timedelta | None:
    return datetime.combine(day, time(), tzinfo=PARIS).utcoffset()


def _clock(minutes: int) -> str:
    if minutes > 0 and minutes % MIDNIGHT == 0:
        return "minuit"
    hours, rest = divmod(minutes % MIDNIGHT, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} et {items[-1]}"


def _slots_text(slots: Day) -> str:
    texts = []
    for start, end, comment in slots:
        text = "24 h/24" if (start, end) == (0, MIDNIGHT) else f"{_clock(start)}{RANGE}{_clock(end)}"
        texts.append(f"{text} ({comment})" if comment else text)
    return _join(texts)


def _days_label(indexes: list[int]) -> str:
    if len(indexes) == 7:
        return "Tous les jours"
    parts: list[str] = []
    for run in consecutive_runs(indexes):
        if len(run) >= 3:
            parts.append(f"du {DAYS[run[0]]} au {DAYS[run[-1]]}")
        else:
            parts.extend(DAYS[index] for index in run)
    label = _join(parts)
    return label[0].upper() + label[1:]


def _week_lines(week: Week) -> list[str]:
    """One line per run of open days sharing the same hours (closed days between them don't break a run)."""
    if all(day == ((0, MIDNIGHT, ""),) for day in week):
        return ["Ouvert 24 h/24, 7 j/7"]
    groups: list[tuple[Day, list[int]]] = []
    for index, day in enumerate(week):
        if day and groups and groups[-1][0] == day:
            groups[-1][1].append(index)
        elif day:
            groups.append((day, [index]))
    return [f"{_days_label(indexes)} : {_slots_text(day)}" for day, indexes in groups]


def _holiday_line(with_holidays: list[Day], without: list[Day]) -> str | None:
    """What public holidays change, from the days where the French calendar alters the hours."""
    changed = [day for day, usual in zip(with_holidays, without, strict=True) if day != usual]
    if not changed:
        return None
    if not any(changed):
        return "Fermé les jours fériés"
    if len(set(changed)) == 1:
        return f"Jours fériés : {_slots_text(changed[0])}"
    return "Horaires particuliers certains jours fériés"


@functools.lru_cache(maxsize=4096)
def _describe(expr: str, year: int) -> tuple[str, ...]:
    oh = _parse(expr)
    if oh is None:
        return (f"Horaires non reconnus : {expr}",)
    first = date(year, 1, 1) - timedelta(days=date(year, 1, 1).weekday())  # a Monday
    count = ((date(year, 12, 31) - first).days // 7 + 1) * 7
    days, unknown = _day_slots(oh, first, count)
    blind = _parse(expr, None) if "PH" in expr.upper() else None  # the same hours, blind to public holidays
    usual = _day_slots(blind, first, count)[0] if blind else days
    weeks = Counter(tuple(usual[i : i + 7]) for i in range(0, count, 7) if any(usual[i : i + 7]))
    lines: list[str] = []
    variable = False
    if weeks:
        typical = weeks.most_common(1)[0][0]  # on a tie, the earliest in the year
        lines = _week_lines(typical)
        skip = _dst_days(first, count)
        dates = (first + timedelta(days=i) for i in range(count))
        variable = any(
            slots != typical[d.weekday()] for d, slots in zip(dates, usual, strict=True) if d not in skip
        )
    holiday_line = _holiday_line(days, usual)
    if holiday_line:
        lines.append(holiday_line)
    if not lines and not unknown:
        lines = ["Fermé"]
    if variable:
        lines.append(f"Horaires variables selon la période : {expr}")
    elif unknown:
        lines.append(f"Horaires à confirmer : {expr}")
    return tuple(lines)


def describe_hours(expr: str, *, year: int | None = None) -> list[str]:
    """The weekly schedule in plain French, one line per group of days sharing the same hours.

    The schedule shown is the most frequent open week of `year` (default: the current one), public
    holidays set aside; a line says what public holidays change, and one quotes the expression when
    the hours vary across the year or are partly unknown. An empty `expr` gives [], an unreadable
    one a single line quoting it.
    """
    if not expr.strip():
        return []
    try:
        return list(_describe(expr, year if year is not None else datetime.now(PARIS).year))
    except BaseException as error:
        if not _panicked(error):
            raise
        return [f"Horaires non reconnus : {expr}"]


# --- Status at a given time ---------------------------------------------------------------------


def _paris(moment: datetime) -> datetime:
    """`moment` as aware Europe/Paris time (a naive datetime is read as Paris wall-clock time).

    Going through UTC moves a wall-clock time skipped by the spring clock change one hour on, as
    the library rejects such times.
    """
    aware = moment.replace(tzinfo=PARIS) if moment.tzinfo is None else moment
    return aware.astimezone(UTC).astimezone(PARIS)


def _periods(oh: OpeningHours, after: datetime) -> Iterator[tuple[datetime, datetime, State, str]]:
    """Successive periods of one state from `after` up to the horizon (a run keeps its first comment)."""
    current: tuple[datetime, datetime, State, str] | None = None
    for start, end, state, comment in oh.intervals(after, _paris(after + HORIZON)):
        if current is not None and current[2] is state:
            current = (current[0], end, state, current[3])
            continue
        if current is not None:
            yield current
        current = (start, end, state, comment)
    if current is not None:
        yield current


def _when(now: datetime, moment: datetime, *, closing: bool = False) -> str:
    """'à 9 h', 'demain à 9 h', 'lundi à 9 h', 'le 1er mai à 9 h'; closing at 0 h is 'à minuit' the eve."""
    day, clock = moment.date(), _clock(moment.hour * 60 + moment.minute)
    if closing and moment.time() == time() and day > now.date():
        day, clock = day - timedelta(days=1), "minuit"
    days = (day - now.date()).days
    if days == 0:
        return f"à {clock}"
    if days == 1:
        return f"demain à {clock}"
    if days < 7:
        return f"{DAYS[day.weekday()]} à {clock}"
    number = "1er" if day.day == 1 else str(day.day)
    year = f" {day.year}" if days > 300 else ""
    return f"le {number} {MONTHS[day.month - 1]}{year} à {clock}"


def open_status(expr: str, now: datetime) -> OpenStatus:
    """Whether the place is open at `now`, and until when (or from when), in French."""
    try:
        return _open_status(expr, now)
    except BaseException as error:
        if not _panicked(error):
            raise
        return OpenStatus(None, "Horaires non reconnus", None)


def _open_status(expr: str, now: datetime) -> OpenStatus:
    if not expr.strip():
        return OpenStatus(None, "Horaires non renseignés", None)
    oh = _parse(expr)
    if oh is None:
        return OpenStatus(None, "Horaires non reconnus", None)
    now = _paris(now)
    periods = _periods(oh, now)
    first = next(periods, None)
    if first is None:  # pragma: no cover - the library always yields the interval containing `now`
        return OpenStatus(None, "Horaires non reconnus", None)
    _, end, state, comment = first
    note = f" ({comment})" if comment else ""
    change = end if end < _paris(now + HORIZON) else None
    if state is State.OPEN:
        if change is None:
            return OpenStatus(True, f"Ouvert 24 h/24{note}", None)
        return OpenStatus(True, f"Ouvert{note} · ferme {_when(now, change, closing=True)}", change)
    if state is State.UNKNOWN:
        return OpenStatus(None, f"Ouverture à confirmer{note}", change)
    opening = next((period[0] for period in periods if period[2] is State.OPEN), None)
    if opening is None:
        return OpenStatus(False, f"Fermé{note}", None)
    return OpenStatus(False, f"Fermé{note} · ouvre {_when(now, opening)}", opening)


def is_open_at(expr: str, when: datetime) -> bool | None:
    """True or False, or None when hours are missing or unreadable or the state is unknown."""
    oh = _parse(expr) if expr.strip() else None
    if oh is None:
        return None
    try:
        state, _ = oh.state(_paris(when))
    except BaseException as error:
        if not _panicked(error):
            raise
        return None
    return None if state is State.UNKNOWN else state is State.OPEN


def next_openings(expr: str, after: datetime, limit: int = 3) -> list[tuple[datetime, datetime]]:
    """The next `limit` opening periods within a year (aware Paris times).

    An opening under way at `after` comes first, starting at `after`; one lasting beyond the
    one-year horizon is cut there.
    """
    oh = _parse(expr) if expr.strip() else None
    if oh is None or limit <= 0:
        return []
    openings: list[tuple[datetime, datetime]] = []
    try:
        for start, end, state, _ in _periods(oh, _paris(after)):
            if state is State.OPEN:
                openings.append((start, end))
                if len(openings) == limit:
                    break
    except BaseException as error:
        if not _panicked(error):
            raise
        return []
    return openings


def week_open_minutes(expr: str, week_start: datetime) -> tuple[tuple[int, int], ...] | None:
    """The open spans of the week beginning at `week_start` (aware Paris midnight, a Monday), as minutes
    of wall-clock time from it, cut to the week; None when a state is unknown or the hours panic."""
    oh = _parse(expr) if expr.strip() else None
    if oh is None:
        return ()
    week = 7 * MIDNIGHT
    naive = week_start.replace(tzinfo=None)
    spans: list[tuple[int, int]] = []
    try:
        for start, end, state, _ in oh.intervals(week_start, _paris(week_start + timedelta(days=7))):
            if state is State.UNKNOWN:
                return None
            if state is State.OPEN:
                first = _minutes(start.replace(tzinfo=None), naive)
                last = _minutes(end.replace(tzinfo=None), naive)
                spans.append((max(0, first), min(week, last)))
    except BaseException as error:
        if not _panicked(error):
            raise
        return None
    return tuple(spans)
