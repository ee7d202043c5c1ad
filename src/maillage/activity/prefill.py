"""The quick-entry registry: `?depuis=<kind>:<pk>` names a Maillage object an action is prefilled from.

Agenda events are built in; other kinds are answered by their module's `selectors.activity_prefill(pk)`
(the contract in docs/architecture.md), imported lazily: a module not installed yet prefills nothing.
The « to log » list (`things_to_log`) gathers what was done and is not logged yet: recent agenda events
and each TO_LOG module's `selectors.activity_to_log(structure_ids=, since=, today=)`.
"""

from __future__ import annotations

import datetime
import importlib
import uuid
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from maillage.activity.domain.rules import SourceRef
from maillage.activity.enums import ActionKind
from maillage.agenda.enums import RegistrationStatus
from maillage.agenda.models import Event

PARIS = zoneinfo.ZoneInfo("Europe/Paris")
EXTERNAL: dict[str, tuple[str, str]] = {  # kind → (module, its prefill function)
    "lending.loan": ("maillage.lending.selectors", "activity_prefill"),
    "lending.support": ("maillage.lending.selectors", "support_activity_prefill"),
    "network.request": ("maillage.network.selectors", "activity_prefill"),
}
TO_LOG: tuple[str, ...] = ("maillage.lending.selectors", "maillage.network.selectors")
KIND_LABELS = {
    "agenda.event": "un événement de l'agenda",
    "lending.loan": "un prêt",
    "lending.support": "un soutien à un événement",
    "network.request": "une demande",
}


class PrefillError(ValueError):
    """The reference names nothing Maillage can prefill from (French message)."""


def _agenda_event(pk: str) -> dict[str, Any] | None:
    try:
        event_id = uuid.UUID(pk)
    except ValueError:
        return None
    event = Event.objects.filter(pk=event_id).select_related("place", "commune").first()
    if event is None:
        return None
    slots = list(event.slots.order_by("begin"))
    first = slots[0].begin.astimezone(PARIS).date() if slots else datetime.date.today()  # noqa: DTZ011
    last = slots[-1].end.astimezone(PARIS).date() if slots else first
    hours = sum(((slot.end - slot.begin).total_seconds() for slot in slots), 0.0) / 3600
    confirmed = sum(slot.registrations.filter(status=RegistrationStatus.CONFIRMED).count() for slot in slots)
    commune = event.commune_id or (event.place.commune_id if event.place else None)
    return {
        "title": event.title,
        "kind": ActionKind.WORKSHOP.value,
        "date_start": first,
        "date_end": max(first, last),
        "commune_insee": commune,
        "place_id": event.place_id,
        "structure_ids": [event.organiser_id] if event.organiser_id else [],
        "narrative": event.summary,
        "online": bool(event.online_url),
        "sessions": max(len(slots), 1),
        "duration_hours": Decimal(str(round(hours, 1))) if hours else None,
        "participants": confirmed,
        "source": f"agenda.event:{event.pk}",
    }


BUILTIN: dict[str, Callable[[str], dict[str, Any] | None]] = {"agenda.event": _agenda_event}


def prefill_of(ref: SourceRef) -> dict[str, Any]:
    """The initial values for an action from `ref`, or PrefillError saying why there are none."""
    builtin = BUILTIN.get(ref.kind)
    if builtin is not None:
        found = builtin(ref.pk)
    elif ref.kind in EXTERNAL:
        found = _external(*EXTERNAL[ref.kind], ref)
    else:
        known = ", ".join(sorted([*BUILTIN, *EXTERNAL]))
        raise PrefillError(f"Paramètre « depuis » : type « {ref.kind} » inconnu (types connus : {known}).")
    if found is None:
        raise PrefillError(f"Paramètre « depuis » : rien ne correspond à « {ref} » dans Maillage.")
    return found | {"source": str(ref)}  # the object asked for, whatever the module calls it


def _external(path: str, name: str, ref: SourceRef) -> dict[str, Any] | None:
    try:
        module = importlib.import_module(path)
    except ModuleNotFoundError:
        raise PrefillError(
            f"Paramètre « depuis » : le module de « {ref.kind} » n'est pas installé."
        ) from None
    function = getattr(module, name, None)
    if function is None:
        raise PrefillError(f"Paramètre « depuis » : « {ref.kind} » ne sait pas encore préremplir une action.")
    if not ref.pk.isdigit():
        raise PrefillError(f"Paramètre « depuis » : « {ref.pk} » n'est pas un numéro de {ref.kind}.")
    found = function(int(ref.pk))
    return dict(found) if found else None


def agenda_events_to_log(user: Any, *, today: datetime.date, days: int = 90, limit: int = 8) -> list[Event]:
    """Recent events (slot begun within `days` days) not logged yet: the one-click candidates.
    Animators see every published event; a member the events of their structures."""
    from maillage.accounts.permissions import is_animator, structure_ids_of
    from maillage.activity.selectors import sources_logged
    from maillage.agenda.enums import Publication

    since = datetime.datetime.combine(today - datetime.timedelta(days=days), datetime.time.min, tzinfo=PARIS)
    until = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time.min, tzinfo=PARIS)
    events = Event.objects.filter(
        publication=Publication.PUBLISHED, slots__begin__gte=since, slots__begin__lt=until
    ).distinct()
    if not is_animator(user):
        events = events.filter(organiser_id__in=structure_ids_of(user))
    candidates = list(events.prefetch_related("slots").order_by("-created_at")[: limit * 3])
    logged = sources_logged([f"agenda.event:{event.pk}" for event in candidates])
    return [event for event in candidates if f"agenda.event:{event.pk}" not in logged][:limit]


@dataclass(frozen=True)
class ToLog:
    """Something done in Maillage that no action records yet: one click opens the prefilled entry."""

    source: str
    title: str
    what: str  # French: what it is and when
    day: datetime.date


def _external_to_log(
    structure_ids: frozenset[int] | None, since: datetime.date, today: datetime.date
) -> list[ToLog]:
    found = []
    for path in TO_LOG:
        try:
            module = importlib.import_module(path)
        except ModuleNotFoundError:
            continue  # a module not installed has nothing to log
        function = getattr(module, "activity_to_log", None)
        if function is None:
            continue
        for row in function(structure_ids=structure_ids, since=since, today=today):
            found.append(ToLog(str(row["source"]), str(row["title"]), str(row["what"]), row["day"]))
    return found


def things_to_log(user: Any, *, today: datetime.date, days: int = 90, limit: int = 12) -> list[ToLog]:
    """Agenda events held, loans returned, event supports done and requests closed within `days` days that
    no action records yet, the most recent first. Animators see all; a member what their structures did."""
    from maillage.accounts.permissions import is_animator, structure_ids_of
    from maillage.activity.selectors import sources_logged

    since = today - datetime.timedelta(days=days)
    events = agenda_events_to_log(user, today=today, days=days, limit=limit)
    found = [
        ToLog(
            f"agenda.event:{event.pk}",
            event.title,
            "Événement de l'agenda, le " + f"{day:%d/%m/%Y}",
            day,
        )
        for event in events
        for day in [min(slot.begin for slot in event.slots.all()).astimezone(PARIS).date()]
    ]
    structure_ids = None if is_animator(user) else frozenset(structure_ids_of(user))
    external = _external_to_log(structure_ids, since, today)
    logged = sources_logged([item.source for item in external])
    found += [item for item in external if item.source not in logged]
    return sorted(found, key=lambda item: item.day, reverse=True)[:limit]
