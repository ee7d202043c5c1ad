"""A year of real-shaped activity for the report tests: the actions the Loire hub reported for 2021
(seeds: dates, counts, partners), moved to 2026, plus a few in 2025 for the comparison; agenda events
(fictitious, titled so) with registrations; page counters. Every count the tests check is computed here
in plain Python from these lists, independently of the code under test."""

from __future__ import annotations

import datetime
import zoneinfo
from dataclasses import dataclass, field
from typing import Any

from maillage.accounts.models import Structure
from maillage.activity.services import action_create
from maillage.agenda.enums import EventStatus, Publication, RegistrationStatus
from maillage.agenda.models import Event, EventSlot, Registration
from maillage.reporting.counters import count_add
from maillage.reporting.models import Convention, Mission
from maillage.reporting.sample import convention_sample_load
from maillage.territories.models import Commune

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
D = datetime.date


@dataclass
class ActionSpec:
    title: str
    kind: str
    day: datetime.date
    mission: int | None  # position in the sample convention (1-based), None: no mission
    participants: int
    sessions: int = 1
    hours: float | None = None
    women: int | None = None
    men: int | None = None
    professionals: int | None = None
    partners: list[str] = field(default_factory=list)
    commune: str | None = None
    source: str = ""


ACTIONS = [
    ActionSpec("Journée au Fablab Roanne", "meeting", D(2026, 1, 19), 4, 7, hours=6, commune="42187"),
    ActionSpec(
        "Et si j'accompagnais : session de Roanne",
        "training",
        D(2026, 1, 22),
        7,
        12,
        sessions=2,
        hours=6,
        partners=["Ligue de l'enseignement Loire"],
        commune="42187",
        professionals=12,
    ),
    ActionSpec(
        "Et si j'accompagnais : session de Saint-Étienne",
        "training",
        D(2026, 2, 9),
        7,
        10,
        sessions=2,
        hours=6,
        partners=["Ligue de l'enseignement Loire"],
        commune="42218",
        professionals=10,
    ),
    ActionSpec("Webinaire : les métiers du numérique", "webinar", D(2026, 2, 4), 10, 40, hours=1.5),
    ActionSpec(
        "Cyberviolences avec le Planning Familial",
        "intervention",
        D(2026, 3, 11),
        16,
        14,
        partners=["Planning Familial"],
        professionals=14,
    ),
    ActionSpec(
        "Rencontre départementale des tiers-lieux numériques",
        "meeting",
        D(2026, 4, 27),
        4,
        9,
        commune="42218",
    ),
    ActionSpec(
        "Forum IMT for good", "event_support", D(2026, 4, 29), 10, 15, women=14, men=1, commune="42218"
    ),
    ActionSpec("Formation Inkscape des tiers-lieux", "training", D(2026, 6, 10), 4, 10, hours=7),
    ActionSpec(
        "Journée thématique, lycée professionnel Saint-Ennemond",
        "intervention",
        D(2026, 6, 16),
        16,
        25,
        commune="42207",
    ),
    ActionSpec(
        "Formation Aidants Connect des travailleurs sociaux",
        "training",
        D(2026, 9, 8),
        13,
        110,
        sessions=6,
        hours=42,
        professionals=110,
    ),
    ActionSpec(
        "Formation-action Numérique Responsable (DLA)", "training", D(2026, 10, 6), 19, 12, sessions=3
    ),
    ActionSpec(
        "CNFPT : accompagnement numérique et social",
        "training",
        D(2026, 11, 23),
        16,
        30,
        sessions=3,
        professionals=30,
        partners=["CNFPT"],
    ),
    ActionSpec(
        "Accompagnement du tiers-lieu jeunesse de Saint-Galmier",
        "accompaniment",
        D(2026, 5, 12),
        11,
        3,
        sessions=2,
        commune="42222",
    ),
    ActionSpec("Intervention BAFA", "intervention", D(2026, 7, 2), 16, 20, commune="42218"),
    ActionSpec("Réunion sans mission", "meeting", D(2026, 8, 25), None, 5),
    # 2025, for the comparison
    ActionSpec("Journée au Fablab Roanne", "meeting", D(2025, 1, 20), 4, 6, commune="42187"),
    ActionSpec("Formation Aidants Connect", "training", D(2025, 9, 9), 13, 80, sessions=4, professionals=80),
]


@dataclass
class EventSpec:
    title: str
    day: datetime.date
    slots: int
    confirmed: int
    waiting: int
    status: str = EventStatus.PROGRAMMED
    publication: str = Publication.PUBLISHED


EVENTS = [
    EventSpec("Exemple fictif : atelier smartphone", D(2026, 2, 10), 2, 8, 1),
    EventSpec("Exemple fictif : démarches en ligne", D(2026, 3, 17), 1, 6, 0),
    EventSpec("Exemple fictif : rencontre du réseau", D(2026, 6, 23), 1, 20, 3),
    EventSpec("Exemple fictif : annulé", D(2026, 7, 7), 1, 4, 0, status=EventStatus.CANCELLED),
    EventSpec("Exemple fictif : brouillon", D(2026, 8, 4), 1, 0, 0, publication=Publication.DRAFT),
    EventSpec("Exemple fictif : décembre", D(2026, 12, 1), 3, 5, 0),
    EventSpec("Exemple fictif : l'an passé", D(2025, 6, 3), 1, 9, 0),
]

COUNTS = [
    ("map.page", D(2026, 1, 5), 3),
    ("map.page", D(2026, 7, 1), 2),
    ("map.place", D(2026, 3, 3), 4),
    ("opendata.page", D(2026, 4, 4), 2),
    ("opendata.download:lieux-csv", D(2026, 5, 5), 3),
    ("opendata.download:lieux-geojson", D(2026, 5, 6), 1),
    ("map.page", D(2025, 12, 31), 7),
]


def year_build(*, organiser: Structure) -> dict[str, Any]:
    """Store the year; return the sample convention and the events (title → Event)."""
    convention_sample_load()
    convention = Convention.objects.get(is_sample=True)
    convention.start_year, convention.end_year = 2025, 2027
    convention.save()
    missions = {m.position: m for m in Mission.objects.filter(convention=convention)}
    structures: dict[str, Structure] = {}
    events = {}
    for spec in EVENTS:
        event = Event.objects.create(
            title=spec.title, summary="Exemple fictif.", status=spec.status, publication=spec.publication,
            organiser=organiser, registration_kind="maillage",
        )  # fmt: skip
        for n in range(spec.slots):
            begin = datetime.datetime.combine(
                spec.day + datetime.timedelta(days=7 * n), datetime.time(10), PARIS
            )
            slot = EventSlot.objects.create(event=event, begin=begin, end=begin + datetime.timedelta(hours=2))
            if n == 0:
                people = [RegistrationStatus.CONFIRMED] * spec.confirmed + [
                    RegistrationStatus.WAITING
                ] * spec.waiting
                for position, status in enumerate(people, start=1):
                    Registration.objects.create(
                        slot=slot, name=f"Personne fictive {position}", status=status, position=position
                    )
        events[spec.title] = event
    # Two events logged as actions (attendance), one of them the year before; actions through the service.
    last_year = events["Exemple fictif : l'an passé"]
    logged = [
        ActionSpec("Exemple fictif : rencontre du réseau", "meeting", D(2026, 6, 23), 2, 18,
                   source=f"agenda.event:{events['Exemple fictif : rencontre du réseau'].pk}"),
        ActionSpec("Exemple fictif : l'an passé", "workshop", D(2025, 6, 3), 2, 7,
                   source=f"agenda.event:{last_year.pk}"),
    ]  # fmt: skip
    for spec in [*ACTIONS, *logged]:
        for name in spec.partners:
            structures.setdefault(name, Structure.objects.get_or_create(name=name)[0])
        action_create(
            author=None,
            data={
                "title": spec.title, "kind": spec.kind, "date_start": spec.day, "date_end": spec.day,
                "sessions": spec.sessions, "duration_hours": spec.hours, "participants": spec.participants,
                "women": spec.women, "men": spec.men, "professionals": spec.professionals,
                "commune": Commune.objects.get(pk=spec.commune) if spec.commune else None,
            },
            missions=[missions[spec.mission]] if spec.mission else [],
            partners=[structures[name] for name in spec.partners],
            source=spec.source,
        )  # fmt: skip
    for key, day, times in COUNTS:
        for _ in range(times):
            count_add(key, day=day)
    return {"convention": convention, "events": events, "actions": [*ACTIONS, *logged], "logged": logged}
