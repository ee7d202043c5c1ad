"""Opening hours: validation, French weekly description and status line, on real Loire strings."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maillage.places.domain.hours import (
    OpenStatus,
    describe_hours,
    is_open_at,
    next_openings,
    open_status,
    validate_hours,
)

PARIS = ZoneInfo("Europe/Paris")
REPO = Path(__file__).resolve().parents[2]
HINAURA = REPO / "tests" / "data" / "mediation_numerique" / "lieux-mediation-numerique-hinaura-loire-42.json"
MAIRIES = REPO / "tests" / "data" / "loire" / "mairies_42_horaires.csv"

HINAURA_HOURS = sorted({p["horaires"] for p in json.loads(HINAURA.read_text()) if p.get("horaires")})
# A few town halls of the Loire (mairies_42.csv, column horaires_osm), kept here so the suite runs alone.
MAIRIE_SAMPLES = [
    "Mo 09:00-12:00,14:00-16:00; Tu 14:00-18:00; Th 09:00-12:00,13:00-18:00; Sa 09:00-11:00",
    "Mo 10:00-12:00,14:00-16:00; Fr 10:00-12:00,14:00-16:00",
    "Mo-Tu 08:30-12:30; Th-Fr 08:30-12:30",
    "Mo 10:00-12:30,13:30-17:00; Tu 09:00-12:30,12:30-17:00; We 09:00-12:00; "
    "Th-Fr 09:00-12:30,13:30-17:00; Sa 09:30-12:00",
    "Mo 08:30-14:00; Tu 08:30-12:30,13:00-16:30; Th 13:00-18:30; Fr 08:30-12:30; Fr 08:30-12:30,13:00-16:30",
]
REAL_SAMPLES = [*HINAURA_HOURS, *MAIRIE_SAMPLES]
YEAR = 2026


def _mairies() -> list[dict[str, str]]:
    with MAIRIES.open(encoding="utf-8", newline="") as file:
        return [row for row in csv.DictReader(file) if row["horaires_osm"]]


# --- Real strings ---------------------------------------------------------------------------------


@pytest.mark.parametrize("expr", REAL_SAMPLES)
def test_real_hours_validate_describe_and_give_a_status(expr: str) -> None:
    assert validate_hours(expr) is None
    lines = describe_hours(expr, year=YEAR)
    assert lines
    assert not any("variables" in line or "non reconnus" in line for line in lines)
    assert open_status(expr, datetime(2026, 3, 4, 11)).is_open is not None


def test_every_town_hall_validates_and_describes() -> None:
    rows = _mairies()
    assert len(rows) == 320
    for row in rows:
        expr = row["horaires_osm"]
        assert validate_hours(expr) is None, expr
        assert describe_hours(expr, year=YEAR), expr


def test_town_hall_status_matches_the_source_timetable() -> None:
    """Every quarter hour of a week, the OSM string agrees with the structured hours it was built from."""
    days = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
    monday = datetime(2026, 3, 2)
    for row in _mairies():
        timetable = json.loads(row["horaires_source_json"])
        for step in range(7 * 96):
            when = monday + timedelta(minutes=15 * step)
            clock = when.strftime("%H:%M:%S")
            expected = any(
                days.index(first) <= when.weekday() <= days.index(last) and start <= clock < end
                for first, last, spans in timetable
                for start, end in spans
            )
            assert is_open_at(row["horaires_osm"], when) is expected, (row["horaires_osm"], when)


@pytest.mark.parametrize(
    ("expr", "lines"),
    [
        ("Mo-Fr 09:00-12:00,13:30-17:30", ["Du lundi au vendredi : 9 h – 12 h et 13 h 30 – 17 h 30"]),
        ("Th 11:00-12:30,14:00-19:00", ["Jeudi : 11 h – 12 h 30 et 14 h – 19 h"]),
        (
            "Mo-Fr 09:00-12:00,13:30-17:00; We off",
            ["Lundi, mardi, jeudi et vendredi : 9 h – 12 h et 13 h 30 – 17 h"],
        ),
        (
            "Tu-Sa 09:30-12:30; Mo 09:30-12:30,13:30-19:00; Fr 09:30-13:30",
            [
                "Lundi : 9 h 30 – 12 h 30 et 13 h 30 – 19 h",
                "Du mardi au jeudi : 9 h 30 – 12 h 30",
                "Vendredi : 9 h 30 – 13 h 30",
                "Samedi : 9 h 30 – 12 h 30",
            ],
        ),
        (
            MAIRIE_SAMPLES[0],
            [
                "Lundi : 9 h – 12 h et 14 h – 16 h",
                "Mardi : 14 h – 18 h",
                "Jeudi : 9 h – 12 h et 13 h – 18 h",
                "Samedi : 9 h – 11 h",
            ],
        ),
        (MAIRIE_SAMPLES[1], ["Lundi et vendredi : 10 h – 12 h et 14 h – 16 h"]),
        (MAIRIE_SAMPLES[2], ["Lundi, mardi, jeudi et vendredi : 8 h 30 – 12 h 30"]),
        (
            MAIRIE_SAMPLES[3],  # "09:00-12:30,12:30-17:00" is one opening
            [
                "Lundi : 10 h – 12 h 30 et 13 h 30 – 17 h",
                "Mardi : 9 h – 17 h",
                "Mercredi : 9 h – 12 h",
                "Jeudi et vendredi : 9 h – 12 h 30 et 13 h 30 – 17 h",
                "Samedi : 9 h 30 – 12 h",
            ],
        ),
        (
            MAIRIE_SAMPLES[4],  # the second Friday rule replaces the first
            [
                "Lundi : 8 h 30 – 14 h",
                "Mardi : 8 h 30 – 12 h 30 et 13 h – 16 h 30",
                "Jeudi : 13 h – 18 h 30",
                "Vendredi : 8 h 30 – 12 h 30 et 13 h – 16 h 30",
            ],
        ),
    ],
)
def test_real_descriptions(expr: str, lines: list[str]) -> None:
    assert describe_hours(expr, year=YEAR) == lines


# --- Description rules ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "lines"),
    [
        (
            "Mo 09:00-12:00; We 14:00-18:00; Sa 09:00-12:00",
            ["Lundi : 9 h – 12 h", "Mercredi : 14 h – 18 h", "Samedi : 9 h – 12 h"],
        ),
        ("Mo-We,Fr 9:00-12:00", ["Du lundi au mercredi et vendredi : 9 h – 12 h"]),
        ("Mo,We,Fr 09:00-12:00", ["Lundi, mercredi et vendredi : 9 h – 12 h"]),
        ("Mo-Su 10:00-18:00", ["Tous les jours : 10 h – 18 h"]),
        (
            "Mo-Fr 09:00-12:00,13:30-17:00,18:00-19:00",
            ["Du lundi au vendredi : 9 h – 12 h, 13 h 30 – 17 h et 18 h – 19 h"],
        ),
        ("24/7", ["Ouvert 24 h/24, 7 j/7"]),
        ("Mo-Su 00:00-24:00; PH off", ["Ouvert 24 h/24, 7 j/7", "Fermé les jours fériés"]),
        ("Mo-Fr 09:00-12:00; PH off", ["Du lundi au vendredi : 9 h – 12 h", "Fermé les jours fériés"]),
        (
            "Mo-Fr 09:00-12:00; PH 10:00-11:00",
            ["Du lundi au vendredi : 9 h – 12 h", "Jours fériés : 10 h – 11 h"],
        ),
        ("Fr-Sa 22:00-02:00", ["Vendredi et samedi : 22 h – 2 h"]),
        ("Mo-Su 18:00-02:00", ["Tous les jours : 18 h – 2 h"]),  # no artefact at the clock changes
        ("Mo-Fr 18:00-24:00", ["Du lundi au vendredi : 18 h – minuit"]),
        ("Sa 00:00-24:00", ["Samedi : 24 h/24"]),
        ('Mo-Fr 09:00-12:00 "sur rendez-vous"', ["Du lundi au vendredi : 9 h – 12 h (sur rendez-vous)"]),
        ("Mo-Fr 09:00-12:00; SH off", ["Du lundi au vendredi : 9 h – 12 h"]),  # school holidays: not known
        ("off", ["Fermé"]),
        ("", []),
    ],
)
def test_description_rules(expr: str, lines: list[str]) -> None:
    assert describe_hours(expr, year=YEAR) == lines


@pytest.mark.parametrize(
    ("expr", "first"),
    [
        ("Mo-Fr 09:00-12:00; Jul-Aug off", "Du lundi au vendredi : 9 h – 12 h"),
        ("week 1-53/2 Mo 09:00-12:00", "Lundi : 9 h – 12 h"),
        ("Mo[1] 09:00-12:00", "Lundi : 9 h – 12 h"),
        ("Jul-Aug Mo-Fr 10:00-12:00", "Du lundi au vendredi : 10 h – 12 h"),
        ("Mo-Fr 09:00-12:00; Dec 24 off", "Du lundi au vendredi : 9 h – 12 h"),
        ("Mo-Fr 09:00-12:00; 2026 Mar 02-2026 Mar 06 off", "Du lundi au vendredi : 9 h – 12 h"),
    ],
)
def test_variable_hours_describe_a_typical_week_and_quote_the_expression(expr: str, first: str) -> None:
    assert describe_hours(expr, year=YEAR) == [first, f"Horaires variables selon la période : {expr}"]


def test_unknown_and_unreadable_hours_are_described_without_raising() -> None:
    assert describe_hours("Mo-Fr 09:00-12:00 unknown", year=YEAR) == [
        "Horaires à confirmer : Mo-Fr 09:00-12:00 unknown"
    ]
    assert describe_hours("Mo-Fr 09:00-12:00 || unknown", year=YEAR)[-1].startswith("Horaires à confirmer")
    assert describe_hours("lundi 9h-12h") == ["Horaires non reconnus : lundi 9h-12h"]


# --- Validation -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "fragment"),
    [
        ("Mo-Fr 9h-12h", "erreur au caractère 7 (« 9h-12h »), écrivez les heures au format 09:00"),
        ("lundi 9:00-12:00", "écrivez les jours en abrégé anglais : Mo, Tu, We, Th, Fr, Sa, Su"),
        ("Mo-Fx 09:00-12:00", "un jour de la semaine est attendu"),
        ("Mo-Fr 09:00-12:00,", "le texte s'arrête trop tôt, une plage horaire est attendue"),
        ("Mo-Fr 09:00-12:00;;", "point-virgule en trop"),
    ],
)
def test_invalid_hours_get_a_french_message(expr: str, fragment: str) -> None:
    message = validate_hours(expr)
    assert message is not None
    assert message.startswith("Horaires illisibles : ")
    assert fragment in message
    assert message.endswith("« Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00 ».")


@pytest.mark.parametrize("expr", ["", "  ", "24/7", "Mo-Fr 09:00-12:00; PH off", "Jul-Aug off"])
def test_valid_hours(expr: str) -> None:
    assert validate_hours(expr) is None


# --- Status line ----------------------------------------------------------------------------------

HINAURA_WEEK = "Mo-Fr 09:00-12:00,13:30-17:30"


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=PARIS)


@pytest.mark.parametrize(
    ("expr", "now", "is_open", "text", "change"),
    [
        (HINAURA_WEEK, "2026-03-04 10:00", True, "Ouvert · ferme à 12 h", "2026-03-04 12:00"),
        (HINAURA_WEEK, "2026-03-04 17:15", True, "Ouvert · ferme à 17 h 30", "2026-03-04 17:30"),
        (HINAURA_WEEK, "2026-03-04 12:30", False, "Fermé · ouvre à 13 h 30", "2026-03-04 13:30"),
        (HINAURA_WEEK, "2026-03-04 18:00", False, "Fermé · ouvre demain à 9 h", "2026-03-05 09:00"),
        (HINAURA_WEEK, "2026-03-06 18:00", False, "Fermé · ouvre lundi à 9 h", "2026-03-09 09:00"),
        (
            "Th 11:00-12:30,14:00-19:00",
            "2026-03-06 10:00",
            False,
            "Fermé · ouvre jeudi à 11 h",
            "2026-03-12 11:00",
        ),
        (
            "Mo-Fr 09:00-12:00; PH off",
            "2026-12-25 10:00",
            False,
            "Fermé · ouvre lundi à 9 h",
            "2026-12-28 09:00",
        ),
        (
            "Mo-Fr 09:00-12:00; PH off",
            "2026-05-01 10:00",
            False,
            "Fermé · ouvre lundi à 9 h",
            "2026-05-04 09:00",
        ),
        (
            "Mo-Fr 09:00-12:00; PH off",
            "2026-05-14 10:00",
            False,
            "Fermé · ouvre demain à 9 h",
            "2026-05-15 09:00",
        ),
        ("Mo-Fr 09:00-12:00", "2026-12-25 10:00", True, "Ouvert · ferme à 12 h", "2026-12-25 12:00"),
        (
            "Mo 09:00-12:00; Jul-Aug off",
            "2026-12-31 12:00",
            False,
            "Fermé · ouvre lundi à 9 h",
            "2027-01-04 09:00",
        ),
        (
            "Mo 09:00-12:00; Aug off",
            "2026-07-28 12:00",
            False,
            "Fermé · ouvre le 7 septembre à 9 h",
            "2026-09-07 09:00",
        ),
        (
            "Jan 01 09:00-12:00",
            "2026-12-01 09:00",
            False,
            "Fermé · ouvre le 1er janvier à 9 h",
            "2027-01-01 09:00",
        ),
        ("Fr 22:00-02:00", "2026-03-06 23:00", True, "Ouvert · ferme demain à 2 h", "2026-03-07 02:00"),
        ("Mo-Fr 18:00-24:00", "2026-03-06 23:00", True, "Ouvert · ferme à minuit", "2026-03-07 00:00"),
        (
            "Mo-Su 00:00-24:00; PH off",
            "2026-07-10 08:00",
            True,
            "Ouvert · ferme lundi à minuit",
            "2026-07-14 00:00",
        ),
        (
            'Mo-Fr 09:00-12:00 "sur rendez-vous"',
            "2026-03-04 10:00",
            True,
            "Ouvert (sur rendez-vous) · ferme à 12 h",
            "2026-03-04 12:00",
        ),
        ("Mo-Fr 09:00-12:00 unknown", "2026-03-04 10:00", None, "Ouverture à confirmer", "2026-03-04 12:00"),
        ("24/7", "2026-03-04 10:00", True, "Ouvert 24 h/24", None),
        ("off", "2026-03-04 10:00", False, "Fermé", None),
        ("", "2026-03-04 10:00", None, "Horaires non renseignés", None),
        ("lundi 9h-12h", "2026-03-04 10:00", None, "Horaires non reconnus", None),
    ],
)
def test_open_status(expr: str, now: str, is_open: bool | None, text: str, change: str | None) -> None:
    expected = OpenStatus(is_open, text, _at(change) if change else None)
    assert open_status(expr, datetime.fromisoformat(now)) == expected


def test_status_reads_aware_times_in_paris_and_answers_in_paris() -> None:
    status = open_status(HINAURA_WEEK, datetime(2026, 7, 1, 7, 30, tzinfo=UTC))  # 9 h 30 in Paris
    assert status.text == "Ouvert · ferme à 12 h"
    assert status.next_change is not None
    assert status.next_change.tzinfo == PARIS
    assert status.next_change == datetime(2026, 7, 1, 10, tzinfo=UTC)
    assert is_open_at(HINAURA_WEEK, datetime(2026, 7, 1, 7, 30, tzinfo=UTC)) is True
    assert is_open_at(HINAURA_WEEK, datetime(2026, 7, 1, 7, 30)) is False  # naive: Paris wall clock


def test_status_accepts_a_time_skipped_by_the_clock_change() -> None:
    status = open_status("Mo-Su 01:00-04:00", datetime(2026, 3, 29, 2, 30))  # does not exist in Paris
    assert status == OpenStatus(True, "Ouvert · ferme à 4 h", _at("2026-03-29 04:00"))


def test_is_open_at() -> None:
    assert is_open_at("Mo-Fr 09:00-12:00; PH off", datetime(2026, 12, 25, 10)) is False
    assert is_open_at("Mo-Fr 09:00-12:00; PH off", datetime(2026, 12, 24, 10)) is True
    assert is_open_at("Mo-Fr 09:00-12:00 || unknown", datetime(2026, 12, 26, 10)) is None
    assert is_open_at("", datetime(2026, 12, 24, 10)) is None
    assert is_open_at("Mo-Fr 9h", datetime(2026, 12, 24, 10)) is None


def test_next_openings() -> None:
    openings = next_openings("Mo-Fr 09:00-12:00,13:30-17:30; PH off", datetime(2026, 12, 24, 11))
    assert openings == [
        (_at("2026-12-24 11:00"), _at("2026-12-24 12:00")),
        (_at("2026-12-24 13:30"), _at("2026-12-24 17:30")),
        (_at("2026-12-28 09:00"), _at("2026-12-28 12:00")),
    ]
    assert next_openings("Mo-Fr 09:00-12:00", datetime(2026, 3, 2), limit=1) == [
        (_at("2026-03-02 09:00"), _at("2026-03-02 12:00"))
    ]
    assert next_openings("off", datetime(2026, 3, 2)) == []
    assert next_openings("", datetime(2026, 3, 2)) == []


# --- Properties -----------------------------------------------------------------------------------

DAY_CODES = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
_times = st.integers(min_value=0, max_value=47).map(lambda half: f"{half // 2:02d}:{half % 2 * 30:02d}")
_ranges = st.tuples(_times, _times).filter(lambda pair: pair[0] != pair[1]).map("-".join)
_rules = st.builds(
    lambda days, spans, suffix: f"{days} {','.join(spans)}{suffix}",
    st.sampled_from(
        [*DAY_CODES, "Mo-Fr", "Tu-Sa", "Sa-Su", "Mo,We,Fr", "PH", "Jul-Aug Mo-Fr", "week 2-52/2 Sa"]
    ),
    st.lists(_ranges, min_size=1, max_size=3),
    st.sampled_from(["", " off", " unknown", ' "sur rendez-vous"']),
)
_generated = st.lists(_rules, min_size=1, max_size=4).map("; ".join)
_mutated = st.tuples(
    st.sampled_from(REAL_SAMPLES),
    st.sampled_from(
        ["", "; PH off", "; Aug off", "; Sa 22:00-03:00", " || unknown", "; We off", ", Su 10:00-12:00"]
    ),
).map("".join)
_moments = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31))


@settings(max_examples=150, deadline=None)
@given(expr=st.one_of(_generated, _mutated), now=_moments)
def test_readable_hours_never_break_the_description_or_status(expr: str, now: datetime) -> None:
    if validate_hours(expr) is not None:
        return
    assert describe_hours(expr, year=now.year)
    status = open_status(expr, now)
    assert status.text
    assert status.next_change is None or status.next_change > now.replace(tzinfo=PARIS)
    assert status.is_open == is_open_at(expr, now) or status.is_open is None


_typos = st.tuples(
    st.sampled_from(REAL_SAMPLES), st.integers(0, 60), st.sampled_from(list('h;,-:x9 "|'))
).map(lambda t: t[0][: t[1]] + t[2] + t[0][t[1] :])


@settings(max_examples=150, deadline=None)
@given(expr=st.one_of(st.text(max_size=40), _typos))
def test_any_text_gets_an_answer(expr: str) -> None:
    message = validate_hours(expr)
    assert message is None or message.startswith("Horaires illisibles : ")
    assert isinstance(describe_hours(expr, year=YEAR), list)
    assert open_status(expr, datetime(2026, 3, 4, 11)).text
