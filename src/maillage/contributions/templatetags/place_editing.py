"""`{% load place_editing %}`: `user|can_edit:place` for the place page's edit actions."""

from __future__ import annotations

from typing import Any

from django import template

from maillage.accounts.permissions import can_edit_place

register = template.Library()


@register.filter
def can_edit(user: Any, place: Any) -> bool:
    """Whether `user` may edit `place` (its structure's members, animators)."""
    return can_edit_place(user, place)
