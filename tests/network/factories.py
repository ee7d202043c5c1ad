"""Made-up network data for tests: every person and organisation says it is a fictitious example."""

from __future__ import annotations

from typing import Any

from maillage.accounts.models import Structure
from maillage.network.models import Actor, PartnershipRequest, StructureProfile
from maillage.network.services.directory import ActorInput, actor_confirm, actor_signup
from maillage.network.services.requests import request_submit
from maillage.network.services.tokens import actor_token
from maillage.territories.models import Commune

THEME = "Aide aux démarches administratives"


def actor_listed(
    name: str = "Exemple fictif : Camille", email: str = "camille@example.org", **extra: Any
) -> Actor:
    data = ActorInput(name=name, email=email, role=extra.pop("role", "conseiller"), **extra)
    actor = actor_signup(data=data)
    return actor_confirm(token=actor_token(actor_id=actor.pk, email=actor.email))


def structure_listed(
    name: str = "Exemple fictif : structure", email: str = "structure@example.org"
) -> Structure:
    structure = Structure.objects.create(name=name, email=email)
    StructureProfile.objects.create(structure=structure, themes=[THEME], department_wide=True)
    return structure


def request_filed(insee: str | None = "42187", **fields: Any) -> PartnershipRequest:
    values: dict[str, Any] = {
        "organisation": "Exemple fictif : association",
        "contact_name": "Exemple fictif",
        "contact_email": "demande@example.org",
        "commune": Commune.objects.get(pk=insee) if insee else None,
        "theme": THEME,
        "description": "Exemple fictif : ateliers de démarches en ligne.",
    } | fields
    return request_submit(fields=values)


def gathering_make(author: Any, *, capacity: int | None = 2) -> Any:
    """A fictitious annual gathering in 20 days with two parallel sessions and a later one."""
    import datetime

    from django.utils import timezone

    from maillage.network.models import Gathering, Session
    from tests.agenda.factories import event_make

    event = event_make(author=author, organiser=None, title="Exemple fictif : rencontre annuelle", days=20)
    gathering = Gathering.objects.create(event=event, fictitious=True)
    day = (timezone.now() + datetime.timedelta(days=20)).replace(minute=0, second=0, microsecond=0)
    for title, room, hours in (
        ("Exemple fictif : atelier robotique", "Salle A", 0),
        ("Exemple fictif : table ronde", "Salle B", 0),
        ("Exemple fictif : plénière", "Amphithéâtre", 2),
    ):
        begin = day + datetime.timedelta(hours=hours)
        Session.objects.create(
            gathering=gathering,
            title=title,
            speakers="Exemple fictif",
            room=room,
            begin=begin,
            end=begin + datetime.timedelta(hours=1, minutes=30),
            capacity=capacity,
        )
    return gathering
