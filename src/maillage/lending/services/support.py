"""Event support: a member asks (CMI, animators, logistics, mobilisation); the animator plans staff and
kit (the kit is then booked like a loan, same locking, same counts) or refuses with a reason."""

from __future__ import annotations

import datetime
import functools
from typing import Any

from django.db import transaction

from maillage.accounts.models import Structure
from maillage.agenda.models import Event
from maillage.core.retry import sqlite_retried
from maillage.lending.enums import BookingStatus, SupportNeed, SupportStatus
from maillage.lending.models import Booking, Kit, SupportRequest
from maillage.lending.services import mail
from maillage.lending.services.bookings import BookingError, _kit_locked, checked_range, hold, may_request_for


def support_request(
    *,
    structure: Structure,
    user: Any,
    title: str,
    start: datetime.date | None,
    end: datetime.date | None,
    needs: list[str],
    description: str,
    audience: str = "",
    event: Event | None = None,
    commune_id: str | None = None,
) -> SupportRequest:
    if not may_request_for(user, structure):
        raise BookingError("Structure : vous ne faites pas partie de cette structure.", field="structure")
    if not title.strip():
        raise BookingError("Événement : donnez le nom de l'événement.", field="title")
    days = checked_range(start, end, max_days=None)
    unknown = [need for need in needs if need not in SupportNeed.values]
    if not needs or unknown:
        raise BookingError("Besoins : cochez au moins un besoin de la liste.", field="needs")
    if not description.strip():
        raise BookingError(
            "Description : décrivez l'événement et ce que vous attendez du réseau.", field="description"
        )
    with transaction.atomic():
        support = SupportRequest.objects.create(
            structure=structure,
            requested_by=user,
            title=title.strip(),
            event=event,
            start=days.start,
            end=days.end,
            needs=needs,
            description=description.strip(),
            audience=audience.strip(),
            commune_id=commune_id or None,
        )
        mail.support_requested(support)
    return support


def support_plan(
    *, support: SupportRequest, by: Any, staff: list[Any], kit: Kit | None, answer: str = ""
) -> SupportRequest:
    """Plan the support: the staff going, and the kit (held for the event's days, or BookingError)."""
    return sqlite_retried(functools.partial(_plan, support.pk, by, staff, kit.pk if kit else None, answer))


@transaction.atomic
def _plan(support_id: int, by: Any, staff: list[Any], kit_id: int | None, answer: str) -> SupportRequest:
    support = (
        SupportRequest.objects.select_for_update(of=("self",)).select_related("structure").get(pk=support_id)
    )
    if support.status != SupportStatus.REQUESTED:
        raise BookingError(f"Cette demande est « {support.get_status_display()} » : déjà traitée.")
    if kit_id is not None:
        kit = _kit_locked(kit_id)
        booking = Booking(
            kit=kit,
            structure=support.structure,
            requested_by=support.requested_by,
            start=support.start,
            end=support.end,
            purpose=f"Soutien à l'événement « {support.title} » : {support.description}"[:2000],
            audience=support.audience,
            event=support.event,
            commune=support.commune,
            decided_by=by,
        )
        booking.save()
        hold(booking, kit)
        booking.save(update_fields=["unit", "status"])
        support.booking = booking
    support.status, support.answer = SupportStatus.PLANNED, answer.strip()
    support.save()
    support.staff.set(staff)
    mail.support_decided(support)
    return support


def support_refuse(*, support: SupportRequest, by: Any, reason: str) -> SupportRequest:
    if not reason.strip():
        raise BookingError(
            "Motif : dites à la structure pourquoi le soutien n'est pas possible.", field="reason"
        )
    with transaction.atomic():
        support = SupportRequest.objects.select_for_update().get(pk=support.pk)
        if support.status != SupportStatus.REQUESTED:
            raise BookingError(f"Cette demande est « {support.get_status_display()} » : déjà traitée.")
        support.status, support.answer = SupportStatus.REFUSED, reason.strip()
        support.save(update_fields=["status", "answer"])
        mail.support_decided(support)
    return support


__all__ = ["BookingStatus", "support_plan", "support_refuse", "support_request"]
