"""Made-up agenda data for tests: every event title says it is a fictitious example."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.utils import timezone

from maillage.accounts.models import Membership, Structure
from maillage.agenda.domain.rules import SlotInput
from maillage.agenda.models import Event
from maillage.agenda.services.events import event_create

PASSWORD = "Lampe-Verte-Cactus-42"  # noqa: S105 (test accounts)


def user_make(email: str, *, structure: Structure | None = None, **extra: Any) -> User:
    user = get_user_model().objects.create_user(email, email=email, password=PASSWORD, **extra)
    if structure is not None:
        Membership.objects.create(user=user, structure=structure)
    return user


def event_make(
    *,
    author: Any,
    organiser: Structure | None,
    title: str = "Exemple fictif : atelier messagerie",
    days: int = 3,
    capacity: int | None = 10,
    slots: int = 1,
    **fields: Any,
) -> Event:
    begin = (timezone.now() + datetime.timedelta(days=days)).replace(microsecond=0)
    values: dict[str, Any] = {
        "title": title,
        "summary": "Exemple fictif pour les tests.",
        "organiser": organiser,
        "online_url": "https://visio.example.org/atelier",
        "registration_kind": "maillage",
    } | fields
    return event_create(
        author=author,
        fields=values,
        slots=[
            SlotInput(
                begin=begin + datetime.timedelta(days=7 * n),
                end=begin + datetime.timedelta(days=7 * n, hours=2),
                capacity=capacity,
            )
            for n in range(slots)
        ],
    )
