"""Orientation rules without a database: the needs catalogue, slots, next compatible opening, fit."""

from __future__ import annotations

from datetime import datetime

import pytest

from maillage.interop.mediation_numerique.schema import ENUMERATIONS
from maillage.orientation.domain import (
    ALL_SLOTS,
    Appointment,
    Constraints,
    Need,
    Offer,
    OpeningKind,
    Slot,
    SupportMode,
    availability_windows,
    match_reasons,
    need_get,
    needs_catalogue,
    next_compatible_opening,
    offer_fits,
    phone_display,
    query_key,
    round_position,
    slots_summary,
    value_slug,
)
from maillage.places.domain.hours import PARIS

# Monday 1 December 2025, a week without public holidays.
MONDAY_8H = datetime(2025, 12, 1, 8, 0, tzinfo=PARIS)
# Real hours strings of the Loire census (Hinaura 2022, France services 2024).
ESTIVAREILLES = "Th 11:00-12:30,14:00-19:00"  # AFR Estivareilles
AMBIERLE = "Tu-Th 08:30-12:00,14:00-17:00; Mo 10:00-12:00,14:00-18:00; Fr 08:30-12:00"  # AFR Ambierle
PACAUDIERE = "Mo-Fr 09:00-12:00,14:00-17:00; We off"  # AFR de La Pacaudière
VERRIERES = "We 14:00-17:00; Th 09:00-12:00; Fr 18:00-19:30"  # AFR de Verrières-en-Forez
BUS = "Mo-Fr 09:00-12:00,13:30-16:30"  # Bus France services UDAF de la Loire


def slots(*codes: str) -> tuple[Slot, ...]:
    parsed = tuple(Slot.parse(code) for code in codes)
    assert None not in parsed
    return parsed  # type: ignore[return-value]


# --- The needs catalogue -------------------------------------------------------------------------


def test_the_catalogue_holds_12_to_16_needs_with_unique_slugs() -> None:
    needs = needs_catalogue()
    assert 12 <= len(needs) <= 16
    assert len({need.slug for need in needs}) == len(needs)
    for need in needs:
        assert need.slug == value_slug(need.slug), need.slug
        assert all((need.label, need.hint, need.services)), need.slug


def test_every_mapped_service_exists_in_the_standard() -> None:
    allowed = set(ENUMERATIONS["services"])
    unknown = {(need.slug, s) for need in needs_catalogue() for s in need.services if s not in allowed}
    assert not unknown


def test_every_service_of_the_standard_is_reachable_from_a_need() -> None:
    mapped = {service for need in needs_catalogue() for service in need.services}
    assert mapped == set(ENUMERATIONS["services"])


def test_a_need_is_found_by_its_slug() -> None:
    need = need_get("demarche-en-ligne")
    assert need is not None
    assert need.label == "Faire une démarche en ligne (CAF, impôts, ANTS, retraite…)"
    assert need.services == ("Aide aux démarches administratives",)
    assert need_get("inconnu") is None


# --- Slots and availability windows --------------------------------------------------------------


def test_slots_parse_and_speak_french() -> None:
    slot = Slot.parse("mar-apres-midi")
    assert slot == Slot(1, "apres-midi")
    assert slot is not None
    assert slot.label == "mardi après-midi"
    assert slot.code == "mar-apres-midi"
    assert Slot.parse("mardi-matin") is None
    assert Slot.parse("lun-soir") is None
    assert Slot.parse("") is None
    assert len(ALL_SLOTS) == 14
    assert slots_summary(slots("lun-matin", "mar-matin", "mar-apres-midi")) == (
        "lundi matin, mardi (matin et après-midi)"
    )
    assert slots_summary(()) == "n'importe quel jour, aux heures d'ouverture"


def test_windows_cover_the_next_14_days_from_now() -> None:
    now = datetime(2025, 12, 1, 10, 0, tzinfo=PARIS)  # Monday, 10 h
    windows = availability_windows(slots("lun-matin"), now)
    assert [(start.isoformat(), end.isoformat()) for start, end in windows] == [
        ("2025-12-01T10:00:00+01:00", "2025-12-01T12:30:00+01:00"),  # this morning, what is left of it
        ("2025-12-08T08:00:00+01:00", "2025-12-08T12:30:00+01:00"),
        ("2025-12-15T08:00:00+01:00", "2025-12-15T10:00:00+01:00"),  # cut at the horizon
    ]
    assert availability_windows((), now) == [(now, datetime(2025, 12, 15, 10, 0, tzinfo=PARIS))]


def test_windows_are_wall_clock_across_the_clock_change() -> None:
    # Sunday 29 March 2026: clocks go forward at 2 h; the morning is still 8 h - 12 h 30 local time.
    now = datetime(2026, 3, 27, 9, 0, tzinfo=PARIS)
    (start, end), *_ = availability_windows(slots("dim-matin"), now)
    assert (start.hour, end.hour, end.minute) == (8, 12, 30)
    assert start.utcoffset() != now.utcoffset()


# --- Next compatible opening on real hours -------------------------------------------------------


@pytest.mark.parametrize(
    ("expr", "codes", "expected"),
    [
        (ESTIVAREILLES, ["jeu-matin"], "jeudi 4 décembre, 11 h – 12 h 30"),
        (ESTIVAREILLES, ["jeu-apres-midi"], "jeudi 4 décembre, 14 h – 18 h 30"),  # cut at the half-day's end
        (AMBIERLE, ["ven-matin", "ven-apres-midi"], "vendredi 5 décembre, 8 h 30 – 12 h"),
        (AMBIERLE, ["lun-matin"], "aujourd'hui, lundi 1er décembre, 10 h – 12 h"),
        (AMBIERLE, ["mar-apres-midi"], "demain, mardi 2 décembre, 14 h – 17 h"),
        (VERRIERES, ["ven-apres-midi"], "vendredi 5 décembre, 18 h – 18 h 30"),  # exactly the minimum overlap
        (
            PACAUDIERE,
            ["mer-matin", "jeu-apres-midi"],
            "jeudi 4 décembre, 14 h – 17 h",
        ),  # closed on Wednesdays
        (BUS, [], "aujourd'hui, lundi 1er décembre, 9 h – 12 h"),  # no slot: any time
    ],
)
def test_next_compatible_opening_on_real_hours(expr: str, codes: list[str], expected: str) -> None:
    opening = next_compatible_opening(expr, slots(*codes), MONDAY_8H)
    assert opening.kind is OpeningKind.FOUND
    assert opening.text == expected
    assert opening.fits


def test_an_opening_under_way_starts_now() -> None:
    now = datetime(2025, 12, 2, 10, 15, tzinfo=PARIS)  # Tuesday, 10 h 15
    opening = next_compatible_opening(PACAUDIERE, slots("mar-matin"), now)
    assert opening.text == "aujourd'hui, mardi 2 décembre, 10 h 15 – 12 h"


def test_an_overlap_shorter_than_half_an_hour_does_not_count() -> None:
    now = datetime(2025, 12, 1, 11, 45, tzinfo=PARIS)  # Monday, 11 h 45: 15 minutes of opening left
    opening = next_compatible_opening(PACAUDIERE, slots("lun-matin"), now)
    assert opening.text == "lundi 8 décembre, 9 h – 12 h"


def test_hours_that_rule_the_slots_out() -> None:
    for expr, codes in [
        (ESTIVAREILLES, ["lun-matin"]),
        (PACAUDIERE, ["mer-matin"]),
        (AMBIERLE, ["ven-apres-midi"]),
    ]:
        opening = next_compatible_opening(expr, slots(*codes), MONDAY_8H)
        assert opening.kind is OpeningKind.NONE
        assert not opening.fits
        assert opening.text == "Aucune ouverture sur ces créneaux dans les 14 prochains jours"
    # Thursday is three days away: beyond a two-day horizon.
    assert (
        next_compatible_opening(ESTIVAREILLES, slots("jeu-matin"), MONDAY_8H, days=2).kind is OpeningKind.NONE
    )


def test_unknown_or_unreadable_hours_keep_the_place_with_a_warning() -> None:
    missing = next_compatible_opening("", slots("lun-matin"), MONDAY_8H)
    assert (missing.kind, missing.text, missing.fits) == (
        OpeningKind.NO_HOURS,
        "Horaires non renseignés : appeler avant",
        True,
    )
    unreadable = next_compatible_opening("lundi 9h-12h", slots("lun-matin"), MONDAY_8H)
    assert unreadable.kind is OpeningKind.UNREADABLE
    assert unreadable.fits


# --- How a place answers the need and the constraints --------------------------------------------

NEED = Need("demarche-en-ligne", "Faire une démarche en ligne", "", ("Aide aux démarches administratives",))
DEMARCHES = ("Aide aux démarches administratives",)


def test_the_need_s_services_are_required() -> None:
    assert offer_fits(NEED, Constraints(), Offer(services=DEMARCHES))
    assert not offer_fits(NEED, Constraints(), Offer(services=("Loisirs et créations numériques",)))


def test_a_place_naming_no_public_welcomes_everyone() -> None:
    seniors = Constraints(publics=("Seniors",))
    assert offer_fits(NEED, seniors, Offer(services=DEMARCHES))
    assert offer_fits(NEED, seniors, Offer(services=DEMARCHES, publics=("Jeunes", "Seniors")))
    assert not offer_fits(NEED, seniors, Offer(services=DEMARCHES, publics=("Jeunes",)))
    assert match_reasons(NEED, seniors, Offer(services=DEMARCHES)) == [
        "Propose : Aide aux démarches administratives",
        "Tout public",
    ]


def test_every_specific_support_asked_for_is_required() -> None:
    both = Constraints(specific_support=("Surdité", "Illettrisme"))
    assert not offer_fits(NEED, both, Offer(services=DEMARCHES, specific_support=("Surdité",)))
    assert offer_fits(NEED, both, Offer(services=DEMARCHES, specific_support=("Illettrisme", "Surdité")))


def test_free_includes_free_under_condition_but_not_unknown_fees() -> None:
    free = Constraints(free_only=True)
    assert offer_fits(NEED, free, Offer(services=DEMARCHES, fees=("Gratuit",)))
    assert offer_fits(NEED, free, Offer(services=DEMARCHES, fees=("Gratuit sous condition",)))
    assert not offer_fits(NEED, free, Offer(services=DEMARCHES, fees=("Payant",)))
    assert not offer_fits(NEED, free, Offer(services=DEMARCHES))
    reasons = match_reasons(NEED, free, Offer(services=DEMARCHES, fees=("Gratuit sous condition",)))
    assert reasons[-1] == "Gratuit sous condition : demander laquelle"


def test_appointments_and_unknown_access_modes() -> None:
    walk_in = Constraints(appointment=Appointment.WALK_IN)
    booked = Constraints(appointment=Appointment.BOOKED)
    assert offer_fits(NEED, walk_in, Offer(services=DEMARCHES))  # unknown: kept, "appeler avant"
    assert offer_fits(NEED, walk_in, Offer(services=DEMARCHES, access_modes=("Se présenter",)))
    assert not offer_fits(NEED, walk_in, Offer(services=DEMARCHES, access_modes=("Téléphoner",)))
    assert offer_fits(NEED, booked, Offer(services=DEMARCHES, access_modes=("Téléphoner",)))
    assert not offer_fits(NEED, booked, Offer(services=DEMARCHES, access_modes=("Se présenter",)))
    assert offer_fits(
        NEED,
        booked,
        Offer(services=DEMARCHES, access_modes=("Se présenter",), booking_url="https://rdv.example"),
    )
    assert match_reasons(NEED, walk_in, Offer(services=DEMARCHES))[-1] == (
        "Sans rendez-vous ? Non précisé : appeler avant"
    )


def test_remote_support_and_places_that_receive_nobody() -> None:
    remote = Constraints(support=SupportMode.REMOTE)
    on_site = Constraints(support=SupportMode.ON_SITE)
    remote_only = Offer(services=DEMARCHES, support_modes=("À distance",))
    assert offer_fits(NEED, remote, remote_only)
    assert not offer_fits(NEED, remote, Offer(services=DEMARCHES))
    assert not offer_fits(NEED, on_site, remote_only)
    assert offer_fits(NEED, Constraints(), remote_only)
    closed_door = Offer(services=DEMARCHES, access_modes=("Ce lieu n'accueille pas de public",))
    assert not offer_fits(NEED, Constraints(), closed_door)


# --- Small helpers -------------------------------------------------------------------------------


def test_phone_numbers_are_shown_the_french_way() -> None:
    assert phone_display("+33477557272") == "04 77 55 72 72"
    assert phone_display("04.77.96.09.43") == "04 77 96 09 43"
    assert phone_display("3939") == "3939"


def test_positions_are_rounded_and_queries_fingerprinted() -> None:
    assert round_position(45.60082, 4.06541) == (45.6, 4.07)
    params = [("besoin", "demarche-en-ligne"), ("insee", "42147"), ("creneaux", "lun-matin")]
    key = query_key(params, day="2025-12-01")
    assert key == query_key(list(reversed(params)), day="2025-12-01")
    assert key != query_key(params, day="2025-12-02")
    assert len(key) == 16
