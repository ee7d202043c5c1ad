"""Hand-over and return: the item checklist at each, units blocked for repair, trainings, late returns.

A missing or broken item at the hand-over or the return blocks the unit (no new loan of it is
confirmed) until an animator clears it — or a later return finds everything in order.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from maillage.accounts.models import Structure
from maillage.lending.enums import BookingStatus, Phase
from maillage.lending.models import Booking, ItemCheck, Kit, Training, Unit
from maillage.lending.selectors import trained
from maillage.lending.services import mail
from maillage.lending.services.bookings import BookingError


@dataclass(frozen=True)
class CheckLine:
    item_id: int
    present: int
    broken: bool = False
    note: str = ""


def _checks(booking: Booking, lines: list[CheckLine], phase: str, by: Any) -> list[str]:
    """Write the checklist; return the problems found (French, one per faulty item)."""
    items = {item.pk: item for item in booking.kit.items.all()}
    given = {line.item_id: line for line in lines}
    unknown = sorted(set(given) - set(items))
    if unknown:
        raise BookingError(f"Liste : l'élément n° {unknown[0]} n'appartient pas à ce kit.", field="items")
    problems = []
    for item in items.values():
        line = given.get(item.pk, CheckLine(item.pk, item.quantity))
        if line.present < 0 or line.present > item.quantity:
            raise BookingError(
                f"{item.label} : {line.present} indiqué, le kit en compte {item.quantity}.",
                field=f"item-{item.pk}",
            )
        ItemCheck.objects.create(
            booking=booking,
            item=item,
            phase=phase,
            expected=item.quantity,
            present=line.present,
            broken=line.broken,
            note=line.note.strip()[:300],
            checked_by=by,
        )
        if line.present < item.quantity:
            problems.append(f"{item.label} : {item.quantity - line.present} manquant(s) sur {item.quantity}")
        if line.broken:
            problems.append(f"{item.label} : abîmé")
        if line.note.strip() and (line.broken or line.present < item.quantity):
            problems[-1] += f" ({line.note.strip()})"
    return problems


def _booking_locked(booking_id: int) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("kit", "unit", "structure")
        .get(pk=booking_id)
    )


def _block(unit: Unit, reason: str) -> None:
    unit.blocked_reason, unit.blocked_at = reason, timezone.now()
    unit.save(update_fields=["blocked_reason", "blocked_at"])


def booking_checkout(
    *,
    booking: Booking,
    by: Any,
    lines: list[CheckLine],
    trainees: str = "",
    today: datetime.date | None = None,
) -> Booking:
    """Hand the kit over: checklist, training when the structure has none for this kit, status « sorti »."""
    today = today or timezone.localdate()
    with transaction.atomic():
        booking = _booking_locked(booking.pk)
        if booking.status != BookingStatus.CONFIRMED or booking.unit is None:
            raise BookingError(
                f"Cette réservation est « {booking.get_status_display()} » : pas de départ possible."
            )
        if not booking.start <= today <= booking.end:
            raise BookingError(
                f"Date : le départ est prévu entre le {booking.start:%d/%m/%Y} et le {booking.end:%d/%m/%Y}.",
                field="date",
            )
        if booking.kit.training_required and not trained(booking.kit, booking.structure_id):
            if not trainees.strip():
                raise BookingError(
                    "Prise en main : obligatoire avant le premier prêt de ce kit à cette structure ; "
                    "indiquez les personnes formées.",
                    field="trainees",
                )
            Training.objects.create(
                kit=booking.kit,
                structure=booking.structure,
                day=today,
                trainees=trainees.strip(),
                done=True,
                trainer=by,
                booking=booking,
            )
        problems = _checks(booking, lines, Phase.OUT, by)
        if problems:
            _block(booking.unit, f"Au départ du {today:%d/%m/%Y} : " + " ; ".join(problems))
        booking.status, booking.out_on = BookingStatus.OUT, today
        booking.save(update_fields=["status", "out_on", "updated_at"])
    return booking


def booking_checkin(
    *, booking: Booking, by: Any, lines: list[CheckLine], today: datetime.date | None = None
) -> Booking:
    """Take the kit back: checklist; a problem blocks the unit, a complete return clears it. An early
    return frees the days held after it (buffer kept)."""
    today = today or timezone.localdate()
    with transaction.atomic():
        booking = _booking_locked(booking.pk)
        if booking.status != BookingStatus.OUT or booking.unit is None:
            raise BookingError(
                f"Cette réservation est « {booking.get_status_display()} » : pas de retour attendu."
            )
        problems = _checks(booking, lines, Phase.IN, by)
        unit = booking.unit
        if problems:
            _block(unit, f"Au retour du {today:%d/%m/%Y} : " + " ; ".join(problems))
        elif unit.blocked:
            unit.blocked_reason, unit.blocked_at = "", None
            unit.save(update_fields=["blocked_reason", "blocked_at"])
        booking.status, booking.back_on = BookingStatus.RETURNED, today
        booking.save(update_fields=["status", "back_on", "updated_at"])
        if today < booking.end:
            keep_until = today + datetime.timedelta(days=booking.kit.buffer_days)
            booking.days.filter(day__gt=keep_until).delete()
    return booking


def unit_clear(*, unit: Unit, by: Any) -> Unit:
    """An animator repaired or completed the unit: it may be lent again."""
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        unit.blocked_reason, unit.blocked_at = "", None
        unit.save(update_fields=["blocked_reason", "blocked_at"])
    return unit


def training_record(
    *, kit: Kit, structure: Structure, day: datetime.date | None, trainees: str, by: Any, done: bool = True
) -> Training:
    if day is None:
        raise BookingError("Date : indiquez le jour de la prise en main.", field="day")
    if not trainees.strip():
        raise BookingError("Personnes formées : indiquez au moins un nom.", field="trainees")
    if done and day > timezone.localdate():
        raise BookingError(
            f"Date : le {day:%d/%m/%Y} n'est pas encore passé ; décochez « faite ».", field="day"
        )
    return Training.objects.create(
        kit=kit, structure=structure, day=day, trainees=trainees.strip(), done=done, trainer=by
    )


def late_reminders_send(*, today: datetime.date | None = None) -> int:
    """E-mail once the structures (and animators) whose kit is out after its return day."""
    today = today or timezone.localdate()
    late = Booking.objects.filter(status=BookingStatus.OUT, end__lt=today, late_reminded_at__isnull=True)
    sent = 0
    for booking in late.select_related("kit", "structure", "requested_by"):
        mail.booking_late(booking)
        Booking.objects.filter(pk=booking.pk).update(late_reminded_at=timezone.now())
        sent += 1
    return sent
