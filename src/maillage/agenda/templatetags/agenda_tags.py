"""`{% place_upcoming_events place %}`: the next events held in a census place (nothing when none)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from maillage.agenda.selectors import events_of_place
from maillage.interop.event_feeds.dates import format_slot_fr

register = template.Library()


@register.inclusion_tag("agenda/_place_events.html")
def place_upcoming_events(place: Any) -> dict[str, object]:
    events = events_of_place(place_id=place.pk, now=timezone.now(), limit=5)
    rows = []
    for event in events:
        first = event.matching_slots[0]  # type: ignore[attr-defined]
        rows.append({"event": event, "when": format_slot_fr(first.begin, first.end)})
    return {"rows": rows, "place": place}
