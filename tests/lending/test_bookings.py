"""Requests and decisions: conflicts with buffers, next free dates, waiting list, proposals, race."""

from __future__ import annotations

import threading

import pytest
from django.core import mail
from django.db import close_old_connections, connection

from maillage.accounts.models import Structure
from maillage.lending.enums import BookingStatus
from maillage.lending.models import Booking, UnitDay
from maillage.lending.services.bookings import (
    BookingError,
    booking_approve,
    booking_cancel,
    booking_proposal_accept,
    booking_propose,
    booking_refuse,
    booking_request,
)
from tests.lending.factories import day, kit_make, user_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():  # type: ignore[no-untyped-def]
    structure = Structure.objects.create(name="MJC fictive")
    other = Structure.objects.create(name="Centre social fictif")
    return {
        "kit": kit_make("Robots fictifs"),
        "structure": structure,
        "other": other,
        "editor": user_make("editrice@example.org", structure=structure),
        "other_editor": user_make("autre@example.org", structure=other),
        "animator": user_make("animation@example.org", is_staff=True),
    }


def ask(w, start: int, end: int, *, who: str = "editor", structure: str = "structure", **extra):  # type: ignore[no-untyped-def]
    return booking_request(
        kit=w["kit"],
        structure=w[structure],
        user=w[who],
        start=day(start),
        end=day(end),
        purpose="Atelier",
        **extra,
    )


def test_request_then_approve_holds_days_and_buffer(world, mailoutbox) -> None:  # type: ignore[no-untyped-def]
    booking = ask(world, 3, 5)
    assert booking.status == BookingStatus.REQUESTED
    assert {m.to[0] for m in mailoutbox} == {"animation@example.org", "editrice@example.org"}
    booking = booking_approve(booking=booking, by=world["animator"])
    assert booking.status == BookingStatus.CONFIRMED
    held = list(UnitDay.objects.filter(booking=booking).order_by("day").values_list("day", "buffer"))
    assert held == [(day(3), False), (day(4), False), (day(5), False), (day(6), True)]
    assert "Prêt confirmé" in mailoutbox[-1].subject


def test_overlapping_request_is_refused_with_the_next_free_dates(world) -> None:  # type: ignore[no-untyped-def]
    booking_approve(booking=ask(world, 3, 5), by=world["animator"])
    with pytest.raises(BookingError) as refused:
        ask(world, 6, 7, who="other_editor", structure="other")  # the 6th is the buffer day
    assert refused.value.field == "start"
    assert refused.value.free[0].start == day(7)
    assert "Prochaines dates libres : du " + day(7).strftime("%d/%m/%Y") in refused.value.message
    waiting = ask(world, 6, 7, who="other_editor", structure="other", waiting_list=True)
    assert waiting.status == BookingStatus.WAITING


def test_cancel_offers_the_freed_days_to_the_waiting_list(world, mailoutbox) -> None:  # type: ignore[no-untyped-def]
    first = booking_approve(booking=ask(world, 3, 5), by=world["animator"])
    waiting = ask(world, 4, 4, who="other_editor", structure="other", waiting_list=True)
    not_fitting = ask(world, 2, 9, who="other_editor", structure="other", waiting_list=True)
    mailoutbox.clear()
    booking_cancel(booking=first, by=world["editor"])
    assert not UnitDay.objects.filter(booking=first).exists()
    waiting.refresh_from_db()
    not_fitting.refresh_from_db()
    assert waiting.status == BookingStatus.REQUESTED
    assert waiting.offered_at is not None
    assert not_fitting.status == BookingStatus.REQUESTED  # free now too: nothing else holds the unit
    assert any("Dates libérées" in m.subject and m.to == ["autre@example.org"] for m in mailoutbox)


def test_only_members_ask_and_cancel(world) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BookingError, match="Structure"):
        ask(world, 3, 5, who="other_editor")
    booking = ask(world, 3, 5)
    with pytest.raises(BookingError, match="Structure"):
        booking_cancel(booking=booking, by=world["other_editor"])
    assert ask(world, 8, 9, who="animator").requested_by == world["animator"]


@pytest.mark.parametrize(
    ("start", "end", "field", "words"),
    [(-1, 2, "start", "est passé"), (5, 3, "end", "précède"), (1, 30, "end", "14 jours au plus")],
)
def test_bad_ranges_name_the_field_and_store_nothing(world, start, end, field, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BookingError) as refused:
        ask(world, start, end)
    assert refused.value.field == field
    assert words in refused.value.message
    assert not Booking.objects.exists()


def test_propose_other_dates_then_accept(world, mailoutbox) -> None:  # type: ignore[no-untyped-def]
    booking_approve(booking=ask(world, 3, 5), by=world["animator"])
    late = ask(world, 8, 8, who="other_editor", structure="other")
    booking_approve(booking=ask(world, 7, 9), by=world["animator"])  # takes the 8th first
    with pytest.raises(BookingError, match="déjà réservé"):
        booking_approve(booking=late, by=world["animator"])
    with pytest.raises(BookingError, match="déjà réservé"):
        booking_propose(booking=late, by=world["animator"], start=day(9), end=day(9))
    booking = booking_propose(booking=late, by=world["animator"], start=day(12), end=day(12), note="Le 12 ?")
    assert booking.status == BookingStatus.PROPOSED
    assert "Autres dates proposées" in mailoutbox[-1].subject
    with pytest.raises(BookingError, match="Structure"):
        booking_proposal_accept(booking=booking, by=world["editor"])
    booking = booking_proposal_accept(booking=booking, by=world["other_editor"])
    assert (booking.status, booking.start, booking.end) == (BookingStatus.CONFIRMED, day(12), day(12))


def test_refuse_needs_a_reason(world) -> None:  # type: ignore[no-untyped-def]
    booking = ask(world, 3, 5)
    with pytest.raises(BookingError) as refused:
        booking_refuse(booking=booking, by=world["animator"], reason="  ")
    assert refused.value.field == "reason"
    booking = booking_refuse(booking=booking, by=world["animator"], reason="Kit en réparation.")
    assert booking.status == BookingStatus.REFUSED
    with pytest.raises(BookingError, match="rien à valider"):
        booking_approve(booking=booking, by=world["animator"])


def test_two_units_take_two_overlapping_loans(world) -> None:  # type: ignore[no-untyped-def]
    kit = kit_make("Projecteurs fictifs", units=2, buffer_days=0)
    world["kit"] = kit
    first = booking_approve(booking=ask(world, 3, 4), by=world["animator"])
    second = booking_approve(
        booking=ask(world, 4, 5, who="other_editor", structure="other"), by=world["animator"]
    )
    assert first.unit_id != second.unit_id
    with pytest.raises(BookingError):
        ask(world, 4, 4)


@pytest.mark.django_db(transaction=True)
def test_eight_concurrent_approvals_confirm_exactly_one(mailoutbox) -> None:  # type: ignore[no-untyped-def]
    """8 requests on overlapping ranges of a one-unit kit, approved at once by 8 threads (own connections)."""
    structure = Structure.objects.create(name="MJC fictive")
    editor = user_make("editrice@example.org", structure=structure)
    animator = user_make("animation@example.org", is_staff=True)
    kit = kit_make("Robots fictifs", buffer_days=1)
    bookings = [
        booking_request(
            kit=kit,
            structure=structure,
            user=editor,
            start=day(3 + n % 4),
            end=day(6 + n % 4),
            purpose="Atelier",
        )
        for n in range(8)
    ]
    barrier = threading.Barrier(len(bookings))
    outcomes: list[str] = []
    errors: list[BaseException] = []

    def race(booking: Booking) -> None:
        try:
            barrier.wait()
            booking_approve(booking=booking, by=animator)
            outcomes.append("confirmed")
        except BookingError:
            outcomes.append("refused")
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=race, args=(b,)) for b in bookings]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(outcomes) == ["confirmed"] + ["refused"] * 7
    assert Booking.objects.filter(status=BookingStatus.CONFIRMED).count() == 1
    held = list(UnitDay.objects.values_list("day", flat=True))
    assert len(held) == len(set(held)) == 5  # 4 days and 1 buffer day, held once
    assert sum("Prêt confirmé" in m.subject for m in mail.outbox) == 1
