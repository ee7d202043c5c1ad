"""`{% load contrib_moderation %}`: `{% pending_contributions as count %}` for the animators' menu."""

from __future__ import annotations

from django import template

from maillage.contributions.services.contributions import contributions_pending

register = template.Library()


@register.simple_tag
def pending_contributions() -> int:
    """How many contributions wait for moderation (one indexed count; call it for animators only)."""
    return contributions_pending().count()
