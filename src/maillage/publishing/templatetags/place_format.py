"""French formats on the public cards: `{{ place.phone|phone }}`, `{{ place.phone|tel_uri }}`."""

from __future__ import annotations

from django import template

from maillage.places.domain.phone import phone_display, phone_uri

register = template.Library()


@register.filter
def phone(value: str) -> str:
    """« +33684524784 » → « 06 84 52 47 84 »."""
    return phone_display(value or "")


@register.filter
def tel_uri(value: str) -> str:
    """« +33684524784 » → « tel:+33684524784 » ("" when the value cannot be dialled)."""
    return phone_uri(value or "")
