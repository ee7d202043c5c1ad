"""Who may log and edit actions: animators always; members of a structure when a convention lets
member structures log their own actions (`Convention.members_may_log`), for their structures' actions."""

from __future__ import annotations

from typing import Any

from maillage.accounts.permissions import is_animator, structure_ids_of
from maillage.activity.models import Action
from maillage.reporting.models import Convention


def members_may_log() -> bool:
    return Convention.objects.filter(members_may_log=True).exists()


def can_log_actions(user: Any) -> bool:
    return is_animator(user) or bool(structure_ids_of(user) and members_may_log())


def can_edit_action(user: Any, action: Action) -> bool:
    if is_animator(user):
        return True
    if not can_log_actions(user):
        return False
    return action.structure_id in structure_ids_of(user) or (
        action.created_by_id is not None and action.created_by_id == user.pk
    )


LOG_REFUSED = (
    "La consignation des actions est réservée à l'animation du réseau (et aux structures membres "
    "quand l'animation l'a ouverte)."
)
