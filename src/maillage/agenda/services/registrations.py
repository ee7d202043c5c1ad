"""Registrations for the hub's own events: limited seats per slot, a waiting list, automatic promotion.

Concurrency: every change of a slot's registrations first writes the slot's row (an UPDATE), inside the
transaction. On PostgreSQL that write locks the row (and `select_for_update` reads it locked); on SQLite
it takes the database's write lock. So "count the confirmed seats, then insert" never runs twice at once
for one slot: two people taking the last seat at the same time get one seat and one waiting place.
SQLite may still refuse a writer at once ("database table is locked" in shared-cache mode, as the test
database is, or after the busy timeout): the whole transaction is then tried again, a few times.
"""

from __future__ import annotations

import datetime
import functools
import zoneinfo

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from maillage.agenda.domain.rules import waiting_list_status
from maillage.agenda.enums import EventStatus, Publication, RegistrationKind, RegistrationStatus
from maillage.agenda.models import EventSlot, Registration
from maillage.agenda.services import mail
from maillage.core.retry import sqlite_retried as _retried

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


class RegistrationError(Exception):
    """A registration that cannot be taken or cancelled (French message)."""


def _slot_locked(slot_id: int) -> EventSlot:
    EventSlot.objects.filter(pk=slot_id).update(registrations_changed_at=timezone.now())
    return EventSlot.objects.select_for_update().select_related("event").get(pk=slot_id)


def seats_taken(slot: EventSlot) -> int:
    return slot.registrations.filter(status=RegistrationStatus.CONFIRMED).count()


def registration_register(*, slot: EventSlot, name: str, email: str, phone: str = "") -> Registration:
    """A seat when one is left (or without a limit), a place on the waiting list otherwise."""
    return _retried(functools.partial(_register, slot.pk, name, email, phone))


@transaction.atomic
def _register(slot_id: int, name: str, email: str, phone: str) -> Registration:
    slot = _slot_locked(slot_id)
    event = slot.event
    if event.registration_kind != RegistrationKind.MAILLAGE or event.publication != Publication.PUBLISHED:
        raise RegistrationError("Cet événement ne prend pas d'inscription sur Maillage.")
    if event.status == EventStatus.CANCELLED:
        raise RegistrationError("Cet événement est annulé.")
    if slot.begin <= timezone.now():
        raise RegistrationError("Ce créneau a déjà commencé : les inscriptions sont closes.")
    email = email.strip().lower()
    if not email and not phone.strip():
        raise RegistrationError("Un courriel ou un téléphone est nécessaire pour prévenir la personne.")
    active = slot.registrations.exclude(status=RegistrationStatus.CANCELLED)
    if email and active.filter(email=email).exists():
        raise RegistrationError("Courriel : cette adresse est déjà inscrite à ce créneau.")
    status = waiting_list_status(capacity=slot.capacity, confirmed=seats_taken(slot))
    last = slot.registrations.aggregate(last=Max("position"))["last"] or 0
    registration = Registration.objects.create(
        slot=slot, name=name.strip(), email=email, phone=phone.strip(), status=status, position=last + 1
    )
    mail.registration_confirm(registration)
    return registration


def registration_cancel(*, token: str) -> Registration:
    """Cancel through the signed link; a freed seat goes to the first person waiting (told by e-mail)."""
    return _retried(functools.partial(_cancel, token))


@transaction.atomic
def _cancel(token: str) -> Registration:
    read = mail.cancel_token_read(token)
    if read is None:
        raise RegistrationError("Ce lien d'annulation n'est pas valable.")
    registration_id, email = read
    found = (
        Registration.objects.filter(pk=registration_id, email=email).values_list("slot_id", flat=True).first()
    )
    if found is None:
        raise RegistrationError("Cette inscription n'existe plus.")
    return _cancel_one(registration_id, slot_id=found)


def _cancel_one(registration_id: int, *, slot_id: int) -> Registration:
    slot = _slot_locked(slot_id)
    registration = Registration.objects.get(pk=registration_id)
    if registration.status == RegistrationStatus.CANCELLED:
        raise RegistrationError("Cette inscription est déjà annulée.")
    freed = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    if freed:
        registrations_promote(slot=slot)
    return registration


def registration_remove(*, registration: Registration) -> Registration:
    """The organiser cancels someone's registration (a no-show announced by phone…); same promotion."""
    return _retried(functools.partial(_remove, registration.pk, registration.slot_id))


@transaction.atomic
def _remove(registration_id: int, slot_id: int) -> Registration:
    return _cancel_one(registration_id, slot_id=slot_id)


def registrations_promote(*, slot: EventSlot) -> list[Registration]:
    """Fill free seats from the waiting list, first come first served (inside a locked transaction)."""
    promoted: list[Registration] = []
    if slot.capacity is None:
        waiting = list(slot.registrations.filter(status=RegistrationStatus.WAITING).order_by("position"))
    else:
        free = slot.capacity - seats_taken(slot)
        if free <= 0:
            return promoted
        waiting = list(
            slot.registrations.filter(status=RegistrationStatus.WAITING).order_by("position")[:free]
        )
    for registration in waiting:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status"])
        mail.registration_promoted(registration)
        promoted.append(registration)
    return promoted


@transaction.atomic
def slot_capacity_set(*, slot: EventSlot, capacity: int | None) -> list[Registration]:
    """A new capacity; more seats promote people waiting."""
    slot = _slot_locked(slot.pk)
    slot.capacity = capacity
    slot.save(update_fields=["capacity"])
    return registrations_promote(slot=slot)


def reminders_send(*, now: datetime.datetime | None = None) -> int:
    """E-mail the confirmed participants of tomorrow's slots (Paris time), once each; returns the count."""
    now = now or timezone.now()
    tomorrow = now.astimezone(PARIS).date() + datetime.timedelta(days=1)
    start = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=PARIS)
    end = start + datetime.timedelta(days=1)
    due = (
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            reminder_sent_at__isnull=True,
            slot__begin__gte=start,
            slot__begin__lt=end,
            slot__event__publication=Publication.PUBLISHED,
        )
        .exclude(slot__event__status=EventStatus.CANCELLED)
        .exclude(email="")
    )
    sent = 0
    for registration in due.select_related("slot__event__commune"):
        # The conditional update claims the reminder: a second run (even a concurrent one) skips it.
        claimed = Registration.objects.filter(pk=registration.pk, reminder_sent_at__isnull=True).update(
            reminder_sent_at=now
        )
        if claimed:
            mail.registration_remind(registration)
            sent += 1
    return sent


def registrations_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete the personal data of slots that ended `MAILLAGE_AGENDA_RETENTION_DAYS` days ago or more."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.MAILLAGE_AGENDA_RETENTION_DAYS)
    deleted, _ = Registration.objects.filter(slot__end__lt=limit).delete()
    return deleted
