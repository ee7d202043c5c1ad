"""Requests and decisions: ask for a kit, approve (a unit is held), propose other dates, refuse, cancel.

No double booking, ever. Every decision that holds or frees a unit runs in one transaction that first
writes the kit's row (an UPDATE: on PostgreSQL a row lock every other decision on this kit waits for;
on SQLite the database's write lock), then reads the units' held days and picks a free unit. The days
are then written as `UnitDay` rows, unique per (unit, day): even a writer that skipped the lock could
not hold a day twice — the insert fails and the whole decision is undone. On SQLite a writer refused
at once ("database is locked") tries the whole transaction again (`core.retry`).
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from maillage.accounts.models import Structure
from maillage.accounts.permissions import is_animator, structure_ids_of
from maillage.agenda.models import Event
from maillage.core.retry import sqlite_retried
from maillage.lending.domain.availability import free_unit
from maillage.lending.domain.days import DayRange, held_range, range_errors
from maillage.lending.enums import BookingStatus
from maillage.lending.models import Booking, Kit, UnitDay
from maillage.lending.selectors import kit_free_ranges, units_state
from maillage.lending.services import mail


class BookingError(Exception):
    """A request or decision that cannot be made: a French message naming the field, free dates."""

    def __init__(self, message: str, *, field: str = "", free: list[DayRange] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.free = free or []


def _today() -> datetime.date:
    return timezone.localdate()


def _free_text(free: list[DayRange]) -> str:
    if not free:
        return " Aucune date libre de même durée dans l'année qui vient."
    return " Prochaines dates libres : " + " ; ".join(r.label() for r in free) + "."


def _taken_error(kit: Kit, start: datetime.date, end: datetime.date, *, field: str = "start") -> BookingError:
    wanted = DayRange(start, end)
    free = kit_free_ranges(kit, length_days=wanted.days, after=max(_today(), start))
    return BookingError(
        f"« {kit.name} » est déjà réservé {wanted.label()} (jours de battement compris).{_free_text(free)}",
        field=field,
        free=free,
    )


def checked_range(
    start: datetime.date | None, end: datetime.date | None, *, max_days: int | None, prefix: str = ""
) -> DayRange:
    """The requested range, or BookingError naming the first faulty field (`prefix` + start/end)."""
    errors = range_errors(start, end, today=_today(), max_days=max_days)
    if errors or start is None or end is None:
        field, message = next(iter(errors.items()))
        raise BookingError(message, field=prefix + field)
    return DayRange(start, end)


def may_request_for(user: Any, structure: Structure) -> bool:
    """Editors ask for their own structures; animators may ask on a member's behalf."""
    return is_animator(user) or structure.pk in structure_ids_of(user)


def booking_request(
    *,
    kit: Kit,
    structure: Structure,
    user: Any,
    start: datetime.date | None,
    end: datetime.date | None,
    purpose: str,
    audience: str = "",
    expected_people: int | None = None,
    event: Event | None = None,
    commune_id: str | None = None,
    waiting_list: bool = False,
) -> Booking:
    """A request for a free range; on a taken range, an error with the next free dates — or, when the
    person asked for it, a place on the waiting list."""
    if not may_request_for(user, structure):
        raise BookingError("Structure : vous ne faites pas partie de cette structure.", field="structure")
    if not kit.active:
        raise BookingError("Kit : ce kit n'est plus au catalogue.", field="kit")
    start, end = (wanted := checked_range(start, end, max_days=kit.max_days)).start, wanted.end
    if not purpose.strip():
        raise BookingError("Pour quoi faire : décrivez l'usage prévu du matériel.", field="purpose")
    status = BookingStatus.REQUESTED
    if free_unit(units_state(kit), start, end, kit.buffer_days) is None:
        if not waiting_list:
            raise _taken_error(kit, start, end)
        status = BookingStatus.WAITING
    with transaction.atomic():
        booking = Booking.objects.create(
            kit=kit,
            structure=structure,
            requested_by=user if getattr(user, "is_authenticated", False) else None,
            start=start,
            end=end,
            purpose=purpose.strip(),
            audience=audience.strip(),
            expected_people=expected_people,
            event=event,
            commune_id=commune_id or None,
            status=status,
        )
        mail.booking_requested(booking)
    return booking


def _kit_locked(kit_id: int) -> Kit:
    Kit.objects.filter(pk=kit_id).update(bookings_changed_at=timezone.now())
    return Kit.objects.select_for_update().get(pk=kit_id)


def _booking_locked(booking_id: int) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("kit", "structure", "requested_by")
        .get(pk=booking_id)
    )


def hold(booking: Booking, kit: Kit) -> None:
    """Hold a free unit for the booking (kit row already locked) or raise BookingError with free dates."""
    unit_id = free_unit(units_state(kit), booking.start, booking.end, kit.buffer_days)
    if unit_id is None:
        raise _taken_error(kit, booking.start, booking.end)
    days = [
        UnitDay(unit_id=unit_id, day=day, booking=booking, buffer=day > booking.end)
        for day in held_range(booking.start, booking.end, kit.buffer_days)
    ]
    try:
        with transaction.atomic():
            UnitDay.objects.bulk_create(days)
    except IntegrityError as exc:  # a day held meanwhile by a writer that did not lock: never twice
        raise _taken_error(kit, booking.start, booking.end) from exc
    booking.unit_id = unit_id
    booking.status = BookingStatus.CONFIRMED


def booking_approve(*, booking: Booking, by: Any) -> Booking:
    """The animator confirms a request: a unit is held for its days and buffer, or BookingError."""
    return sqlite_retried(functools.partial(_approve, booking.pk, by))


@transaction.atomic
def _approve(booking_id: int, by: Any) -> Booking:
    kit_id = Booking.objects.values_list("kit_id", flat=True).get(pk=booking_id)
    kit = _kit_locked(kit_id)
    booking = _booking_locked(booking_id)
    if booking.status not in (BookingStatus.REQUESTED, BookingStatus.WAITING):
        raise BookingError(f"Cette demande est « {booking.get_status_display()} » : rien à valider.")
    hold(booking, kit)
    booking.decided_by = by
    booking.save(update_fields=["unit", "status", "decided_by", "updated_at"])
    mail.booking_decided(booking)
    return booking


def booking_propose(
    *, booking: Booking, by: Any, start: datetime.date | None, end: datetime.date | None, note: str = ""
) -> Booking:
    """The animator proposes other dates (free now; held only when the requester accepts)."""
    kit = booking.kit
    start, end = (
        (wanted := checked_range(start, end, max_days=kit.max_days, prefix="proposed_")).start,
        wanted.end,
    )
    if booking.status not in (BookingStatus.REQUESTED, BookingStatus.WAITING, BookingStatus.PROPOSED):
        raise BookingError(
            f"Cette demande est « {booking.get_status_display()} » : plus de dates à proposer."
        )
    if free_unit(units_state(kit), start, end, kit.buffer_days) is None:
        raise _taken_error(kit, start, end, field="proposed_start")
    with transaction.atomic():
        booking = _booking_locked(booking.pk)
        booking.status = BookingStatus.PROPOSED
        booking.proposed_start, booking.proposed_end = start, end
        booking.answer, booking.decided_by = note.strip(), by
        booking.save()
        mail.booking_decided(booking)
    return booking


def booking_proposal_accept(*, booking: Booking, by: Any) -> Booking:
    """The requester takes the proposed dates: they are held at once (or BookingError if taken since)."""
    return sqlite_retried(functools.partial(_accept, booking.pk, by))


@transaction.atomic
def _accept(booking_id: int, by: Any) -> Booking:
    kit = _kit_locked(Booking.objects.values_list("kit_id", flat=True).get(pk=booking_id))
    booking = _booking_locked(booking_id)
    if (
        booking.status != BookingStatus.PROPOSED
        or booking.proposed_start is None
        or booking.proposed_end is None
    ):
        raise BookingError("Aucune date proposée à accepter sur cette demande.")
    if not may_request_for(by, booking.structure):
        raise BookingError("Structure : vous ne faites pas partie de cette structure.", field="structure")
    booking.start, booking.end = booking.proposed_start, booking.proposed_end
    hold(booking, kit)
    booking.save()
    mail.booking_decided(booking)
    return booking


def booking_refuse(*, booking: Booking, by: Any, reason: str) -> Booking:
    if not reason.strip():
        raise BookingError("Motif : dites à la structure pourquoi la demande est refusée.", field="reason")
    with transaction.atomic():
        booking = _booking_locked(booking.pk)
        if booking.status not in (BookingStatus.REQUESTED, BookingStatus.WAITING, BookingStatus.PROPOSED):
            raise BookingError(
                f"Cette demande est « {booking.get_status_display()} » : elle ne se refuse plus."
            )
        booking.status, booking.answer, booking.decided_by = BookingStatus.REFUSED, reason.strip(), by
        booking.save()
        mail.booking_decided(booking)
    return booking


def booking_cancel(*, booking: Booking, by: Any) -> Booking:
    """Cancel a request or a confirmed loan (not yet out); freed days are offered to the waiting list."""
    return sqlite_retried(functools.partial(_cancel, booking.pk, by))


@transaction.atomic
def _cancel(booking_id: int, by: Any) -> Booking:
    kit = _kit_locked(Booking.objects.values_list("kit_id", flat=True).get(pk=booking_id))
    booking = _booking_locked(booking_id)
    if not (is_animator(by) or may_request_for(by, booking.structure)):
        raise BookingError("Structure : vous ne faites pas partie de cette structure.", field="structure")
    cancellable = (
        BookingStatus.REQUESTED,
        BookingStatus.WAITING,
        BookingStatus.PROPOSED,
        BookingStatus.CONFIRMED,
    )
    if booking.status not in cancellable:
        raise BookingError(
            f"Cette réservation est « {booking.get_status_display()} » : elle ne s'annule plus."
        )
    freed = booking.status == BookingStatus.CONFIRMED
    booking.days.all().delete()
    booking.status = BookingStatus.CANCELLED
    booking.save(update_fields=["status", "updated_at"])
    mail.booking_decided(booking)
    if freed:
        waiting_offer(kit, held_range(booking.start, booking.end, kit.buffer_days))
    return booking


def waiting_offer(kit: Kit, freed: DayRange) -> list[Booking]:
    """Waiting requests on `kit` that the freed days now make possible go back to the queue, first."""
    offered = []
    waiting = Booking.objects.filter(kit=kit, status=BookingStatus.WAITING).order_by("created_at", "pk")
    units = units_state(kit)
    for candidate in waiting.select_related("kit", "structure", "requested_by"):
        if not held_range(candidate.start, candidate.end, kit.buffer_days).overlaps(freed):
            continue
        if free_unit(units, candidate.start, candidate.end, kit.buffer_days) is None:
            continue
        candidate.status, candidate.offered_at = BookingStatus.REQUESTED, timezone.now()
        candidate.save(update_fields=["status", "offered_at", "updated_at"])
        mail.booking_offered(candidate)
        offered.append(candidate)
    return offered
