"""Orientation rules in plain Python (no Django): the needs, a person's constraints, when they can go.

- A need, in plain words, maps to values of the standard's `services` enumeration (`data/needs.json`,
  our own editorial content); a place fits a need when it offers any of them.
- When the person can go is a set of half-day slots (lundi matin, mardi après-midi…). A place fits when
  one of its openings over the next `HORIZON_DAYS` days overlaps one of those slots by `MIN_OVERLAP` or
  more; places whose hours are unknown stay in the results, flagged "appeler avant".
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from pathlib import Path

from maillage.core.french import DAYS, MONTHS
from maillage.core.text import normalize
from maillage.interop.mediation_numerique.schema import ENUMERATIONS
from maillage.places.domain.hours import PARIS, RANGE, next_openings, validate_hours

NEEDS_FILE = Path(__file__).resolve().parent / "data" / "needs.json"
HORIZON_DAYS = 14
MIN_OVERLAP = timedelta(minutes=30)
MAX_OPENINGS = 120  # openings read ahead per place: enough for three a day over the horizon
POSITION_DECIMALS = 2  # a position kept in a URL is rounded to about a kilometre

PUBLICS: tuple[str, ...] = tuple(ENUMERATIONS["publics_specifiquement_adresses"])
SPECIFIC_SUPPORTS: tuple[str, ...] = tuple(ENUMERATIONS["prise_en_charge_specifique"])
# "Gratuit sous condition" counts as free: the condition is shown so that the professional can check it.
FREE_FEES = ("Gratuit", "Gratuit sous condition")
WALK_IN_MODE = "Se présenter"
BOOKING_MODES = (
    "Téléphoner",
    "Contacter par mail",
    "Prendre un RDV en ligne",
    "Envoyer un mail avec une fiche de prescription",
)
NO_PUBLIC_MODE = "Ce lieu n'accueille pas de public"
REMOTE_MODE = "À distance"
ITINERANT = "Itinérant"


# --- Needs --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Need:
    slug: str
    label: str
    hint: str
    services: tuple[str, ...]


@functools.cache
def needs_catalogue(path: Path = NEEDS_FILE) -> tuple[Need, ...]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(
        Need(item["slug"], item["label"], item["hint"], tuple(item["services"])) for item in data["needs"]
    )


def need_get(slug: str) -> Need | None:
    return next((need for need in needs_catalogue() if need.slug == slug), None)


def value_slug(value: str) -> str:
    """The URL form of an enumeration value: 'Familles et/ou enfants' -> 'familles-et-ou-enfants'."""
    return normalize(value).replace(" ", "-")


def slug_choices(values: Iterable[str]) -> dict[str, str]:
    return {value_slug(value): value for value in values}


# --- When the person can go ---------------------------------------------------------------------

DAY_CODES = ("lun", "mar", "mer", "jeu", "ven", "sam", "dim")
# Half-day code -> (start, end, French label). Shown on the form and on the results page.
HALF_DAYS: dict[str, tuple[time, time, str]] = {
    "matin": (time(8, 0), time(12, 30), "matin"),
    "apres-midi": (time(13, 30), time(18, 30), "après-midi"),
}


def clock(moment: time | datetime) -> str:
    """'9 h', '13 h 30'."""
    return f"{moment.hour} h {moment.minute:02d}" if moment.minute else f"{moment.hour} h"


def half_day_hours(code: str) -> str:
    start, end, _ = HALF_DAYS[code]
    return f"{clock(start)}{RANGE}{clock(end)}"


@dataclass(frozen=True, order=True)
class Slot:
    """A half-day of the week: weekday 0 (Monday) to 6 and a `HALF_DAYS` code."""

    weekday: int
    half_day: str

    @classmethod
    def parse(cls, code: str) -> Slot | None:
        day, _, half = code.partition("-")
        if day not in DAY_CODES or half not in HALF_DAYS:
            return None
        return cls(DAY_CODES.index(day), half)

    @property
    def code(self) -> str:
        return f"{DAY_CODES[self.weekday]}-{self.half_day}"

    @property
    def half_label(self) -> str:
        return HALF_DAYS[self.half_day][2]

    @property
    def label(self) -> str:
        return f"{DAYS[self.weekday]} {self.half_label}"


ALL_SLOTS = tuple(Slot(day, half) for day in range(7) for half in HALF_DAYS)


def slots_summary(slots: Collection[Slot]) -> str:
    """'lundi matin, mardi (toute la journée)'; no slot at all means any time."""
    if not slots:
        return "n'importe quel jour, aux heures d'ouverture"
    parts = []
    for day in range(7):
        halves = [half for half in HALF_DAYS if Slot(day, half) in slots]
        if len(halves) == len(HALF_DAYS):
            parts.append(f"{DAYS[day]} (matin et après-midi)")
        elif halves:
            parts.append(f"{DAYS[day]} {HALF_DAYS[halves[0]][2]}")
    return ", ".join(parts)


def availability_windows(
    slots: Collection[Slot], now: datetime, days: int = HORIZON_DAYS
) -> list[tuple[datetime, datetime]]:
    """The periods, from `now` to `days` days later, when the person can go (aware Paris times).

    No slot means any time. A period already mostly past (less than `MIN_OVERLAP` left) is dropped.
    """
    now = _paris(now)
    horizon = now + timedelta(days=days)
    if not slots:
        return [(now, horizon)]
    windows = []
    for offset in range(days + 1):
        day = now.date() + timedelta(days=offset)
        for slot in slots:
            if slot.weekday != day.weekday():
                continue
            start_time, end_time, _ = HALF_DAYS[slot.half_day]
            start = max(now, datetime.combine(day, start_time, tzinfo=PARIS))
            end = min(horizon, datetime.combine(day, end_time, tzinfo=PARIS))
            if end - start >= MIN_OVERLAP:
                windows.append((start, end))
    return sorted(windows)


class OpeningKind(StrEnum):
    FOUND = "found"
    NO_HOURS = "no-hours"
    UNREADABLE = "unreadable"
    NONE = "none"  # hours known, but no opening fits the person's slots within the horizon


@dataclass(frozen=True)
class CompatibleOpening:
    kind: OpeningKind
    text: str
    start: datetime | None = None
    end: datetime | None = None

    @property
    def fits(self) -> bool:
        """False only when the hours are known and rule the person's slots out."""
        return self.kind is not OpeningKind.NONE


def opening_text(start: datetime, end: datetime, now: datetime) -> str:
    """'mardi 2 décembre, 9 h – 12 h'; 'aujourd'hui, …' or 'demain, …' when it is that close."""
    day = start.date()
    number = "1er" if day.day == 1 else str(day.day)
    label = f"{DAYS[day.weekday()]} {number} {MONTHS[day.month - 1]}"
    gap = (day - _paris(now).date()).days
    prefix = {0: "aujourd'hui, ", 1: "demain, "}.get(gap, "")
    finish = "minuit" if end.date() > day and end.time() == time() else clock(end)
    return f"{prefix}{label}, {clock(start)}{RANGE}{finish}"


def next_compatible_opening(
    expr: str, slots: Collection[Slot], now: datetime, *, days: int = HORIZON_DAYS
) -> CompatibleOpening:
    """The earliest time, within `days` days, when the place is open and the person can go.

    The period given is the overlap of an opening and one of the person's slots (at least
    `MIN_OVERLAP` long): open 9 h – 17 h, free in the afternoon → 13 h 30 – 17 h.
    """
    if not expr.strip():
        return CompatibleOpening(OpeningKind.NO_HOURS, "Horaires non renseignés : appeler avant")
    if validate_hours(expr) is not None:
        return CompatibleOpening(OpeningKind.UNREADABLE, "Horaires non reconnus : appeler avant")
    now = _paris(now)
    horizon = now + timedelta(days=days)
    windows = availability_windows(slots, now, days)
    for start, end in next_openings(expr, now, limit=MAX_OPENINGS):
        if start >= horizon:
            break
        for window_start, window_end in windows:
            overlap_start, overlap_end = max(start, window_start), min(end, window_end)
            if overlap_end - overlap_start >= MIN_OVERLAP:
                text = opening_text(overlap_start, overlap_end, now)
                return CompatibleOpening(OpeningKind.FOUND, text, overlap_start, overlap_end)
    return CompatibleOpening(
        OpeningKind.NONE, f"Aucune ouverture sur ces créneaux dans les {days} prochains jours"
    )


def _paris(moment: datetime) -> datetime:
    return moment.replace(tzinfo=PARIS) if moment.tzinfo is None else moment.astimezone(PARIS)


# --- Constraints and how a place answers them ---------------------------------------------------


class Appointment(StrEnum):
    ANY = ""
    WALK_IN = "sans"
    BOOKED = "avec"


class SupportMode(StrEnum):
    ANY = ""
    ON_SITE = "sur-place"
    REMOTE = "a-distance"


@dataclass(frozen=True)
class Constraints:
    publics: tuple[str, ...] = ()
    specific_support: tuple[str, ...] = ()
    free_only: bool = False
    appointment: Appointment = Appointment.ANY
    support: SupportMode = SupportMode.ANY
    slots: tuple[Slot, ...] = ()

    def params(self) -> list[tuple[str, str]]:
        """The URL parameters that say these constraints (the order is stable)."""
        params = [("publics", value_slug(value)) for value in self.publics]
        params += [("accessibilite", value_slug(value)) for value in self.specific_support]
        if self.free_only:
            params.append(("gratuit", "1"))
        if self.appointment:
            params.append(("rdv", self.appointment.value))
        if self.support:
            params.append(("accompagnement", self.support.value))
        params += [("creneaux", slot.code) for slot in sorted(self.slots)]
        return params

    def summary(self) -> list[str]:
        """The constraints in French, one line each (nothing when none is set)."""
        lines = []
        if self.publics:
            lines.append("Public : " + ", ".join(self.publics))
        if self.specific_support:
            lines.append("Prise en charge : " + ", ".join(self.specific_support))
        if self.free_only:
            lines.append("Gratuit (y compris gratuit sous condition)")
        if self.appointment is Appointment.WALK_IN:
            lines.append("Sans rendez-vous")
        elif self.appointment is Appointment.BOOKED:
            lines.append("Sur rendez-vous")
        if self.support is SupportMode.REMOTE:
            lines.append("Accompagnement à distance")
        elif self.support is SupportMode.ON_SITE:
            lines.append("Accompagnement sur place")
        return lines


@dataclass(frozen=True)
class Offer:
    """What a place offers, as far as orientation is concerned (the standard's values)."""

    services: Sequence[str] = ()
    publics: Sequence[str] = ()
    specific_support: Sequence[str] = ()
    fees: Sequence[str] = ()
    access_modes: Sequence[str] = ()
    support_modes: Sequence[str] = ()
    booking_url: str = ""


def offer_fits(need: Need, constraints: Constraints, offer: Offer) -> bool:
    """Whether a place answers the need and every constraint.

    A place that names no public welcomes everyone; unknown access or support modes don't exclude a
    place (the results say to check by phone); every specific support asked for must be offered.
    """
    c = constraints
    access, support = set(offer.access_modes), set(offer.support_modes)
    if not set(need.services) & set(offer.services):
        return False
    if c.publics and offer.publics and not set(c.publics) & set(offer.publics):
        return False
    if not set(c.specific_support) <= set(offer.specific_support):
        return False
    if c.free_only and not set(FREE_FEES) & set(offer.fees):
        return False
    if c.support is SupportMode.REMOTE:
        return REMOTE_MODE in support
    receives_nobody = NO_PUBLIC_MODE in access or bool(support and support <= {REMOTE_MODE})
    if receives_nobody and (c.support is SupportMode.ON_SITE or REMOTE_MODE not in support):
        return False
    if c.appointment is Appointment.WALK_IN and access and WALK_IN_MODE not in access:
        return False
    return not (
        c.appointment is Appointment.BOOKED
        and access
        and not (access & set(BOOKING_MODES) or offer.booking_url)
    )


def _among(wanted: Iterable[str], offered: Sequence[str]) -> list[str]:
    return [value for value in wanted if value in offered]


def match_reasons(need: Need, constraints: Constraints, offer: Offer) -> list[str]:
    """Why a place is proposed, in French: the need's services it offers, then each constraint met."""
    c = constraints
    reasons = []
    services = _among(need.services, offer.services)
    if services:
        reasons.append("Propose : " + ", ".join(services))
    if c.publics:
        matched = _among(c.publics, offer.publics)
        reasons.append(f"Accueille : {', '.join(matched)}" if matched else "Tout public")
    if c.specific_support:
        reasons.append("Prise en charge : " + ", ".join(c.specific_support))
    if c.free_only and "Gratuit" in offer.fees:
        reasons.append("Gratuit")
    elif c.free_only and "Gratuit sous condition" in offer.fees:
        reasons.append("Gratuit sous condition : demander laquelle")
    if c.appointment is Appointment.WALK_IN:
        walk_in = WALK_IN_MODE in offer.access_modes
        reasons.append("Sans rendez-vous" if walk_in else "Sans rendez-vous ? Non précisé : appeler avant")
    elif c.appointment is Appointment.BOOKED:
        booking = _among(BOOKING_MODES, offer.access_modes)
        if offer.booking_url and "Prendre un RDV en ligne" not in booking:
            booking.append("Prendre un RDV en ligne")
        reasons.append("Sur rendez-vous : " + ", ".join(booking) if booking else "Rendez-vous : appeler")
    if c.support is SupportMode.REMOTE:
        reasons.append("Accompagnement à distance")
    return reasons


def phone_display(phone: str) -> str:
    """'+33477557272' -> '04 77 55 72 72'; anything else as given."""
    digits = phone.replace(" ", "").replace(".", "")
    if digits.startswith("+33") and len(digits) == 12 and digits[3:].isdigit():
        digits = "0" + digits[3:]
    if len(digits) == 10 and digits.isdigit() and digits.startswith("0"):
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    return phone


def access_summary(offer: Offer) -> str:
    if not offer.access_modes:
        return "Modalités d'accès non renseignées : téléphoner avant de se déplacer."
    return "Modalités d'accès : " + ", ".join(offer.access_modes) + "."


# --- The query in the URL -----------------------------------------------------------------------


def round_position(latitude: float, longitude: float) -> tuple[float, float]:
    """A position rounded to about a kilometre: enough to rank places, not enough to find a home."""
    return round(latitude, POSITION_DECIMALS), round(longitude, POSITION_DECIMALS)


def query_key(params: Iterable[tuple[str, str]], *, day: str) -> str:
    """A short fingerprint of a query on a day (what a session remembers having counted)."""
    text = "&".join(f"{name}={value}" for name, value in sorted(params)) + f"@{day}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]
