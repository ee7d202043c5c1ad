"""The rest of the year of the network, written through each module's own services at the moment it
happens (a clock sets Django's `timezone.now`): loans of the kits `maillage demo` loads, event supports,
partnership requests routed, answered and closed, the directory, the annual gathering's sessions,
actions logged from a loan and from a request (letters and the watch: tests/reporting/letters_year.py).
Structures, people and addresses are fictitious examples and say so.

Every count the report test checks is computed from the specs below in plain Python
(tests/reporting/expected.py), never by the selectors under test.
"""

from __future__ import annotations

import contextlib
import datetime
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from unittest import mock

from maillage.accounts.models import Structure
from maillage.activity.domain.rules import source_parse
from maillage.activity.prefill import prefill_of
from maillage.activity.services import action_create
from maillage.agenda.models import Event
from maillage.lending.models import Booking, Kit
from maillage.lending.services.bookings import (
    booking_approve,
    booking_cancel,
    booking_refuse,
    booking_request,
)
from maillage.lending.services.handover import CheckLine, booking_checkin, booking_checkout
from maillage.lending.services.sample import sample_kits_load
from maillage.lending.services.support import support_plan, support_refuse, support_request
from maillage.network.models import Gathering, PartnershipRequest, Routing, Session
from maillage.network.services.directory import (
    ActorInput,
    actor_confirm,
    actor_signup,
    structure_profile_update,
)
from maillage.network.services.gathering import attendance_set, sessions_register
from maillage.network.services.requests import (
    Target,
    request_close,
    request_route,
    request_submit,
    routing_answer,
)
from maillage.network.services.tokens import actor_token, routing_token
from maillage.reporting.models import Mission
from maillage.territories.models import Commune

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
D = datetime.date


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), PARIS)


@contextlib.contextmanager
def clock(moment: datetime.datetime) -> Iterator[None]:
    """Django's `timezone.now` (hence `localdate`, `auto_now_add`) answers `moment` inside the block."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


# --- Lending ---------------------------------------------------------------------------------------

STRUCTURES = ("Exemple fictif : MJC", "Exemple fictif : centre social", "Exemple fictif : médiathèque")


@dataclass(frozen=True)
class LoanSpec:
    kit: str  # slug of a demo kit (lending/services/sample.py)
    structure: int  # index into STRUCTURES
    start: datetime.date
    end: datetime.date
    out: datetime.date | None = None  # handed over that day (None: never)
    back: datetime.date | None = None  # returned that day
    fate: str = "loan"  # loan (approved), cancelled, refused


LOANS = [
    LoanSpec("mallette-robotique", 0, D(2026, 3, 2), D(2026, 3, 13), D(2026, 3, 2), D(2026, 3, 11)),  # early
    LoanSpec("centre-multimedia-itinerant", 1, D(2026, 5, 4), D(2026, 5, 29), D(2026, 5, 4), D(2026, 5, 29)),
    # over the new year: 10 days in 2025, 9 in 2026
    LoanSpec(
        "centre-multimedia-itinerant", 0, D(2025, 12, 22), D(2026, 1, 9), D(2025, 12, 22), D(2026, 1, 9)
    ),
    LoanSpec("materiel-video", 1, D(2026, 6, 1), D(2026, 6, 12), D(2026, 6, 1), D(2026, 6, 14)),  # late
    LoanSpec("kit-retrogaming", 2, D(2026, 9, 14), D(2026, 9, 17), D(2026, 9, 14), D(2026, 9, 17)),
    LoanSpec("pack-vr-ps4", 1, D(2025, 10, 6), D(2025, 10, 19), D(2025, 10, 6), D(2025, 10, 19)),
    LoanSpec("fablab", 2, D(2026, 2, 2), D(2026, 2, 6)),  # confirmed, never handed over: planned days
    LoanSpec("kit-votar", 0, D(2026, 4, 7), D(2026, 4, 8), fate="cancelled"),
    LoanSpec("fablab", 2, D(2026, 11, 16), D(2026, 11, 27), fate="refused"),
]


@dataclass(frozen=True)
class SupportSpec:
    title: str
    structure: int
    start: datetime.date
    end: datetime.date
    kit: str | None = None  # booked for the event's days (counts as a loan, never handed over)
    fate: str = "planned"  # planned, refused, requested


SUPPORTS = [
    SupportSpec(
        "Exemple fictif : forum de l'emploi", 1, D(2026, 11, 2), D(2026, 11, 5), kit="video-projecteur"
    ),
    SupportSpec("Exemple fictif : fête du numérique", 0, D(2026, 10, 10), D(2026, 10, 11)),
    SupportSpec("Exemple fictif : salon refusé", 2, D(2026, 8, 20), D(2026, 8, 20), fate="refused"),
    SupportSpec("Exemple fictif : salon sans réponse", 2, D(2026, 12, 12), D(2026, 12, 12), fate="requested"),
    SupportSpec("Exemple fictif : forum 2025", 2, D(2025, 9, 20), D(2025, 9, 21)),
]


def _lines(booking: Booking) -> list[CheckLine]:
    return [CheckLine(item.pk, item.quantity) for item in booking.kit.items.all()]


def lending_build(structures: list[Structure], animator: Any) -> dict[str, Any]:
    sample_kits_load()
    kits = {kit.slug: kit for kit in Kit.objects.all()}
    loans = {}
    for n, spec in enumerate(LOANS):
        kit = kits[spec.kit]
        with clock(at(spec.start - datetime.timedelta(days=20))):
            booking = booking_request(
                kit=kit, structure=structures[spec.structure], user=animator, start=spec.start, end=spec.end,
                purpose="Exemple fictif : atelier", audience="Exemple fictif : tout public",
            )  # fmt: skip
            if spec.fate == "cancelled":
                booking_cancel(booking=booking, by=animator)
            elif spec.fate == "refused":
                booking_refuse(booking=booking, by=animator, reason="Exemple fictif : kit en révision")
            else:
                booking = booking_approve(booking=booking, by=animator)
        if spec.out is not None:
            with clock(at(spec.out)):
                lines = _lines(booking)
                booking = booking_checkout(
                    booking=booking, by=animator, lines=lines, trainees="Personne fictive", today=spec.out
                )
        if spec.back is not None:
            with clock(at(spec.back, 17)):
                booking = booking_checkin(
                    booking=booking, by=animator, lines=_lines(booking), today=spec.back
                )
        loans[n] = booking
    supports = {}
    for spec in SUPPORTS:
        with clock(at(spec.start - datetime.timedelta(days=30))):
            support = support_request(
                structure=structures[spec.structure], user=animator, title=spec.title, start=spec.start,
                end=spec.end, needs=["animateur"], description="Exemple fictif : stand d'initiation",
            )  # fmt: skip
            if spec.fate == "planned":
                kit = kits[spec.kit] if spec.kit else None
                support = support_plan(support=support, by=animator, staff=[animator], kit=kit)
            elif spec.fate == "refused":
                support = support_refuse(support=support, by=animator, reason="Exemple fictif : équipe prise")
        supports[spec.title] = support
    return {"loans": loans, "supports": supports}


# --- Network ---------------------------------------------------------------------------------------

ACTORS = [  # (name, role, confirmed)
    ("Exemple fictif : Camille", "conseiller", True),
    ("Exemple fictif : Sacha", "mediateur", True),
    ("Exemple fictif : Noa", "mediateur", True),
    ("Exemple fictif : Alex", "animateur", False),  # never followed the e-mailed link: not listed
]
THEME = "Aide aux démarches administratives"
OTHER_THEME = "Loisirs et créations numériques"


@dataclass(frozen=True)
class AnswerSpec:
    to: int | str  # index into ACTORS, or "structure" (the listed structure)
    when: datetime.datetime | None = None  # None: no answer
    accept: bool = True


@dataclass(frozen=True)
class RequestSpec:
    organisation: str
    received: datetime.datetime
    theme: str = THEME
    commune: str | None = "42187"
    outside: str = ""
    routed: datetime.datetime | None = None
    answers: tuple[AnswerSpec, ...] = ()
    closed: datetime.datetime | None = None
    outcome: str = ""


REQUESTS = [
    RequestSpec(
        "Exemple fictif : association A", at(D(2026, 2, 3)), routed=at(D(2026, 2, 3), 11),
        answers=(AnswerSpec(0, at(D(2026, 2, 4))),), closed=at(D(2026, 3, 1)), outcome="partnership",
    ),
    RequestSpec(
        "Exemple fictif : association B", at(D(2026, 4, 14), 9), theme=OTHER_THEME, commune="42218",
        routed=at(D(2026, 4, 14), 10),
        answers=(
            AnswerSpec(1, at(D(2026, 4, 14), 15), accept=False), AnswerSpec("structure", at(D(2026, 4, 15)))
        ),
        closed=at(D(2026, 5, 2)), outcome="oriented",
    ),
    RequestSpec(
        "Exemple fictif : association C", at(D(2026, 6, 20)), commune=None, outside="Haute-Loire",
        routed=at(D(2026, 6, 21)), answers=(AnswerSpec(2),),
    ),
    RequestSpec("Exemple fictif : association D", at(D(2026, 9, 1))),
    RequestSpec(
        "Exemple fictif : indésirable", at(D(2026, 10, 5)), closed=at(D(2026, 10, 5), 11), outcome="spam"
    ),
    RequestSpec(
        "Exemple fictif : association E", at(D(2025, 11, 10)), routed=at(D(2025, 11, 10), 12),
        answers=(AnswerSpec(0, at(D(2025, 11, 12), 8)),), closed=at(D(2025, 12, 1)), outcome="no_match",
    ),
    RequestSpec("Exemple fictif : la veille du nouvel an", at(D(2025, 12, 31), 23, 30)),  # still 2025
]  # fmt: skip
# The annual gathering: its sessions on the day of the agenda's « rencontre du réseau » (tests/reporting/
# year.py); (title, hour, registered, present).
GATHERING_DAY = D(2026, 6, 23)
SESSIONS = [
    ("Exemple fictif : atelier robotique", 10, 4, 3),
    ("Exemple fictif : table ronde", 14, 2, 2),
]


def network_build(events: dict[str, Event], animator: Any) -> dict[str, Any]:
    actors = []
    for n, (name, role, confirmed) in enumerate(ACTORS):
        with clock(at(D(2026, 1, 5))):
            actor = actor_signup(data=ActorInput(name=name, email=f"acteur{n}@example.org", role=role))
            if confirmed:
                actor = actor_confirm(token=actor_token(actor_id=actor.pk, email=actor.email))
        actors.append(actor)
    listed = Structure.objects.create(name="Exemple fictif : structure de l'annuaire", email="s@example.org")
    structure_profile_update(
        structure=listed,
        data={"summary": "Exemple fictif.", "website": "", "themes": [THEME, OTHER_THEME],
              "department_wide": True, "listed": True, "communes": [], "epcis": []},
    )  # fmt: skip
    unlisted = Structure.objects.create(name="Exemple fictif : structure masquée", email="m@example.org")
    structure_profile_update(
        structure=unlisted,
        data={"summary": "", "website": "", "themes": [], "department_wide": False, "listed": False,
              "communes": [], "epcis": []},
    )  # fmt: skip
    requests = []
    for spec in REQUESTS:
        with clock(spec.received):
            request = request_submit(
                fields={
                    "organisation": spec.organisation, "contact_name": "Exemple fictif",
                    "contact_email": "demande@example.org", "theme": spec.theme,
                    "commune": Commune.objects.get(pk=spec.commune) if spec.commune else None,
                    "outside_territory": spec.outside, "description": "Exemple fictif : ateliers.",
                }
            )  # fmt: skip
        if spec.routed is not None:
            targets = [
                Target(structure=listed) if answer.to == "structure" else Target(actor=actors[int(answer.to)])
                for answer in spec.answers
            ]
            with clock(spec.routed):
                request_route(request=request, targets=targets, message="", author=animator)
        for answer in spec.answers:
            if answer.when is None:
                continue
            if answer.to == "structure":
                routing = Routing.objects.get(request=request, structure=listed)
            else:
                routing = Routing.objects.get(request=request, actor=actors[int(answer.to)])
            with clock(answer.when):
                token = routing_token(routing_id=routing.pk, email=routing.recipient_email)
                routing_answer(token=token, accept=answer.accept)
        if spec.closed is not None:
            with clock(spec.closed):
                request = request_close(
                    request=PartnershipRequest.objects.get(pk=request.pk), outcome=spec.outcome, note="",
                    author=animator,
                )  # fmt: skip
        requests.append(request)
    event = events["Exemple fictif : rencontre du réseau"]
    day = GATHERING_DAY
    assert day in {slot.begin.astimezone(PARIS).date() for slot in event.slots.all()}, "GATHERING_DAY"
    gathering = Gathering.objects.create(event=event, fictitious=True)
    present: set[int] = set()
    for title, hour, registered, came in SESSIONS:
        session = Session.objects.create(
            gathering=gathering, title=title, speakers="Exemple fictif", room="Salle A",
            begin=at(day, hour), end=at(day, hour + 2),
        )  # fmt: skip
        for n in range(registered):
            with clock(at(day - datetime.timedelta(days=10))):
                made = sessions_register(
                    gathering=gathering, session_ids=[session.pk], name=f"Personne fictive {n}",
                    email=f"personne{n}@example.org",
                )  # fmt: skip
            if n < came:
                present.update(r.pk for r in made)
    attendance_set(gathering=gathering, present_ids=present)
    return {"actors": actors, "requests": requests}


# --- Actions logged from a loan and from a request (the quick entry's prefill, then the service) ------


@dataclass(frozen=True)
class LoggedSpec:
    source: str  # "loan:<index into LOANS>" or "request:<index into REQUESTS>"
    mission: int  # position in the sample convention
    participants: int


# Missions: 8 is « Mutualisation de ressources matérielles », 11 the accompaniment of projects.
LOGGED = [LoggedSpec("loan:1", 8, 30), LoggedSpec("request:0", 11, 4), LoggedSpec("loan:5", 8, 12)]


def logged_build(built: dict[str, Any], missions: dict[int, Mission], animator: Any) -> list[dict[str, Any]]:
    """Each action as the quick entry prefills it, completed with its participants; returns what was
    logged (kind, dates, participants, mission, commune) for the independent counts."""
    logged = []
    for spec in LOGGED:
        what, index = spec.source.split(":")
        if what == "loan":
            ref = source_parse(f"lending.loan:{built['loans'][int(index)].pk}")
        else:
            ref = source_parse(f"network.request:{built['requests'][int(index)].pk}")
        initial = prefill_of(ref)
        commune = initial.get("commune_insee")
        data = {
            "title": initial["title"], "kind": initial["kind"], "date_start": initial["date_start"],
            "date_end": initial["date_end"], "participants": spec.participants,
            "narrative": initial["narrative"],
            "commune": Commune.objects.get(pk=commune) if commune else None,
        }  # fmt: skip
        action_create(
            author=animator, data=data, missions=[missions[spec.mission]],
            organisers=Structure.objects.filter(pk__in=initial["structure_ids"]), source=str(ref),
        )  # fmt: skip
        logged.append(data | {"mission": spec.mission, "source": str(ref)})
    return logged
