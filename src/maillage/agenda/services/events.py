"""Creating and changing events: editors publish for their structures, others propose, animators moderate.

Every change leaves an `EventLog` line (who, what). Proposals wait (publication "proposed") until an
animator publishes or rejects them; the person who proposed gets the decision by e-mail.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from maillage.accounts.models import Structure
from maillage.accounts.permissions import is_animator, structure_ids_of
from maillage.agenda.domain.rules import SlotInput, event_problems
from maillage.agenda.enums import EventStatus, LogAction, Publication, RegistrationStatus
from maillage.agenda.models import Event, EventLog, EventSlot
from maillage.agenda.services import mail
from maillage.agenda.services.registrations import slot_capacity_set

User = AbstractBaseUser | AnonymousUser

EVENT_FIELDS = (
    "title",
    "summary",
    "description",
    "status",
    "place",
    "location_name",
    "address",
    "postal_code",
    "commune",
    "online_url",
    "organiser",
    "keywords",
    "audience",
    "accessibility",
    "free",
    "price",
    "registration_kind",
    "registration_value",
    "image",
    "image_alt",
)


class EventError(Exception):
    """An event that cannot be saved or a change that cannot be made (French message)."""

    def __init__(self, problems: list[str] | str) -> None:
        self.problems = [problems] if isinstance(problems, str) else problems
        super().__init__(" ".join(self.problems))


def may_publish_for(user: Any, organiser: Structure | None) -> bool:
    """Animators publish anything; a structure's editors publish the events their structure organises."""
    if is_animator(user):
        return True
    return organiser is not None and organiser.pk in structure_ids_of(user)


def _label(user: Any, email: str = "") -> str:
    if getattr(user, "is_authenticated", False):
        return str(user.get_full_name() or user.email or user.get_username())
    return f"proposition de {email}" if email else "proposition anonyme"


def _locate(event: Event) -> None:
    """Coordinates and commune from the census place, else the commune's centre."""
    if event.place is not None:
        place = event.place
        event.commune_id = place.commune_id or event.commune_id
        event.location_name = event.location_name or place.name
        event.address = event.address or place.address
        event.postal_code = event.postal_code or place.postal_code
        event.latitude, event.longitude = place.latitude, place.longitude
    elif event.commune is not None:
        event.latitude, event.longitude = event.commune.latitude, event.commune.longitude
    else:
        event.latitude = event.longitude = None


def _check(event: Event, slots: list[SlotInput]) -> None:
    problems = event_problems(
        slots=slots,
        has_place=event.place_id is not None,
        has_address=bool(event.address.strip() and event.commune_id),
        online_url=event.online_url,
        registration_kind=event.registration_kind,
        registration_value=event.registration_value,
        has_image=bool(event.image),
        image_alt=event.image_alt,
        free=event.free,
        price=event.price,
    )
    if problems:
        raise EventError(problems)


def _slots_save(event: Event, slots: list[SlotInput]) -> None:
    kept = {slot.id for slot in slots if slot.id is not None}
    for old in event.slots.exclude(pk__in=kept):
        if old.registrations.exclude(status=RegistrationStatus.CANCELLED).exists():
            raise EventError(
                f"Créneaux : le créneau du {old.begin:%d/%m/%Y} a des inscriptions ; "
                "il ne peut pas être retiré."
            )
        old.delete()
    for slot in slots:
        if slot.id is not None:
            current = EventSlot.objects.filter(pk=slot.id, event=event).first()
            if current is None:
                raise EventError("Créneaux : un créneau modifié n'existe plus ; rechargez la page.")
            EventSlot.objects.filter(pk=slot.id).update(begin=slot.begin, end=slot.end)
            if current.capacity != slot.capacity:  # more seats: the people waiting get them
                slot_capacity_set(slot=current, capacity=slot.capacity)
        else:
            EventSlot.objects.create(event=event, begin=slot.begin, end=slot.end, capacity=slot.capacity)


def _log(event: Event, action: str, user: Any, *, email: str = "", note: str = "") -> None:
    EventLog.objects.create(
        event=event,
        action=action,
        actor=user if getattr(user, "is_authenticated", False) else None,
        actor_label=_label(user, email),
        note=note,
    )


@transaction.atomic
def event_create(
    *,
    author: Any,
    fields: dict[str, Any],
    slots: list[SlotInput],
    proposer_email: str = "",
    client_key: str = "",
) -> Event:
    """A new event: published at once for its organiser's editors and animators, proposed otherwise."""
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    event = Event(**fields)
    publishes = may_publish_for(author, event.organiser)
    event.publication = Publication.PUBLISHED if publishes else Publication.PROPOSED
    event.created_by = author if getattr(author, "is_authenticated", False) else None
    event.proposer_email = "" if publishes else proposer_email
    event.client_key = "" if publishes else client_key
    _locate(event)
    _check(event, slots)
    event.save()
    _slots_save(event, slots)
    _log(event, LogAction.CREATED if publishes else LogAction.PROPOSED, author, email=proposer_email)
    if not publishes:
        mail.later(mail.proposal_announce, event.pk)
    return event


@transaction.atomic
def event_update(*, event: Event, author: Any, fields: dict[str, Any], slots: list[SlotInput]) -> Event:
    """An editor of the organiser (or an animator) changes an event; the change is logged."""
    if not may_publish_for(author, event.organiser):
        raise EventError("Seules les structures organisatrices et l'animation modifient cet événement.")
    event = Event.objects.select_for_update().get(pk=event.pk)
    changed = sorted(name for name, value in fields.items() if getattr(event, name) != value)
    for name, value in fields.items():
        setattr(event, name, value)
    if "organiser" in fields and not may_publish_for(author, event.organiser):
        raise EventError("Organisateur : choisissez une de vos structures.")
    _locate(event)
    _check(event, slots)
    event.save()
    _slots_save(event, slots)
    _log(event, LogAction.UPDATED, author, note=", ".join(changed))
    return event


@transaction.atomic
def event_set_status(*, event: Event, author: Any, status: str, note: str = "") -> Event:
    """Programmed, postponed, full or cancelled; participants of a cancelled event are told by e-mail."""
    if status not in EventStatus.values:
        raise EventError("Statut : valeur inconnue.")
    if not may_publish_for(author, event.organiser):
        raise EventError("Seules les structures organisatrices et l'animation changent le statut.")
    event = Event.objects.select_for_update().get(pk=event.pk)
    previous = event.status
    event.status = status
    event.save(update_fields=["status", "updated_at"])
    _log(event, LogAction.STATUS, author, note=f"{previous} → {status}" + (f" : {note}" if note else ""))
    if status in {EventStatus.CANCELLED, EventStatus.POSTPONED} and status != previous:
        mail.later(mail.status_announce, event.pk, note)
    return event


def _proposed(event: Event) -> Event:
    current = Event.objects.select_for_update().get(pk=event.pk)
    if current.publication != Publication.PROPOSED:
        raise EventError(f"Cet événement est déjà {current.get_publication_display().lower()}.")
    return current


@transaction.atomic
def event_publish(*, event: Event, moderator: Any) -> Event:
    """An animator publishes a proposed event; the person who proposed it is told."""
    if not is_animator(moderator):
        raise EventError("Réservé à l'animation du réseau.")
    event = _proposed(event)
    event.publication = Publication.PUBLISHED
    event.save(update_fields=["publication", "updated_at"])
    _log(event, LogAction.PUBLISHED, moderator)
    mail.later(mail.decision_send, event.pk)
    return event


@transaction.atomic
def event_reject(*, event: Event, moderator: Any, reason: str) -> Event:
    """An animator rejects a proposed event, with a reason sent to the person who proposed it."""
    if not is_animator(moderator):
        raise EventError("Réservé à l'animation du réseau.")
    event = _proposed(event)
    event.publication = Publication.REJECTED
    event.rejection_reason = reason
    event.save(update_fields=["publication", "rejection_reason", "updated_at"])
    _log(event, LogAction.REJECTED, moderator, note=reason)
    mail.later(mail.decision_send, event.pk)
    return event
