"""Writes of the activity log: create, update, delete an action (inside a transaction)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from maillage.accounts.models import Structure
from maillage.activity.models import Action
from maillage.reporting.models import Mission

SCALARS = (
    "title", "kind", "date_start", "date_end", "sessions", "duration_hours", "place", "commune", "online",
    "audience", "participants", "women", "men", "professionals", "age_range", "links", "narrative",
)  # fmt: skip


def _relations_set(
    action: Action,
    missions: Iterable[Mission],
    organisers: Iterable[Structure],
    partners: Iterable[Structure],
) -> None:
    action.missions.set(list(missions))
    action.organisers.set(list(organisers))
    action.partners.set(list(partners))


@transaction.atomic
def action_create(
    *,
    author: Any,
    data: dict[str, Any],
    missions: Iterable[Mission] = (),
    organisers: Iterable[Structure] = (),
    partners: Iterable[Structure] = (),
    structure: Structure | None = None,
    source: str = "",
) -> Action:
    action = Action(
        **{name: data[name] for name in SCALARS if name in data},
        source=source,
        structure=structure,
        created_by=author if getattr(author, "is_authenticated", False) else None,
    )
    action.full_clean()
    action.save()
    _relations_set(action, missions, organisers, partners)
    return action


@transaction.atomic
def action_update(
    *,
    action: Action,
    data: dict[str, Any],
    missions: Iterable[Mission],
    organisers: Iterable[Structure],
    partners: Iterable[Structure],
) -> Action:
    for name in SCALARS:
        if name in data:
            setattr(action, name, data[name])
    action.full_clean()
    action.save()
    _relations_set(action, missions, organisers, partners)
    return action


@transaction.atomic
def action_delete(*, action: Action) -> None:
    action.delete()
