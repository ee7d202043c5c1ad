"""Hand-over and return (checklist, blocking, training), late reminders, event support, the figures."""

from __future__ import annotations

import datetime

import pytest

from maillage.accounts.models import Structure
from maillage.lending.enums import BookingStatus, SupportStatus
from maillage.lending.models import Booking, Training, Unit
from maillage.lending.selectors import activity_prefill, loan_figures, period_figures
from maillage.lending.services.bookings import BookingError, booking_approve, booking_request
from maillage.lending.services.handover import (
    CheckLine,
    booking_checkin,
    booking_checkout,
    late_reminders_send,
)
from maillage.lending.services.support import support_plan, support_request
from maillage.territories.models import Commune, Epci
from tests.lending.factories import booking_make, day, kit_make, user_make

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def confirmed():  # type: ignore[no-untyped-def]
    structure = Structure.objects.create(name="MJC fictive")
    editor = user_make("editrice@example.org", structure=structure)
    animator = user_make("animation@example.org", is_staff=True)
    kit = kit_make("Robots fictifs", training_required=True)
    booking = booking_request(
        kit=kit, structure=structure, user=editor, start=day(0), end=day(2), purpose="Atelier"
    )
    return booking_approve(booking=booking, by=animator), animator


def lines(booking: Booking, **missing: int) -> list[CheckLine]:
    return [
        CheckLine(item.pk, item.quantity - missing.get(item.label, 0)) for item in booking.kit.items.all()
    ]


def test_first_checkout_needs_the_training_then_records_it(confirmed) -> None:  # type: ignore[no-untyped-def]
    booking, animator = confirmed
    with pytest.raises(BookingError) as refused:
        booking_checkout(booking=booking, by=animator, lines=lines(booking))
    assert refused.value.field == "trainees"
    booking = booking_checkout(
        booking=booking, by=animator, lines=lines(booking), trainees="Personne fictive"
    )
    assert booking.status == BookingStatus.OUT
    assert Training.objects.get().trainees == "Personne fictive"


def test_missing_item_blocks_the_unit_and_a_complete_return_clears_it(confirmed) -> None:  # type: ignore[no-untyped-def]
    booking, animator = confirmed
    booking = booking_checkout(
        booking=booking, by=animator, lines=lines(booking, Robot=1), trainees="P. Fictive"
    )
    unit = Unit.objects.get(pk=booking.unit_id)
    assert unit.blocked
    assert "Robot : 1 manquant(s) sur 4" in unit.blocked_reason
    # A blocked unit takes no new loan.
    with pytest.raises(BookingError, match="déjà réservé"):
        booking_request(
            kit=booking.kit,
            structure=booking.structure,
            user=animator,
            start=day(20),
            end=day(21),
            purpose="x",
        )
    booking = booking_checkin(booking=booking, by=animator, lines=lines(booking), today=day(1))
    assert booking.status == BookingStatus.RETURNED
    assert not Unit.objects.get(pk=booking.unit_id).blocked
    # Early return on day 1: held days after day 1 + 1 buffer day are freed.
    assert sorted(booking.days.values_list("day", flat=True)) == [day(0), day(1), day(2)]


def test_quantity_beyond_stock_is_refused(confirmed) -> None:  # type: ignore[no-untyped-def]
    booking, animator = confirmed
    item = booking.kit.items.first()
    with pytest.raises(BookingError) as refused:
        booking_checkout(booking=booking, by=animator, lines=[CheckLine(item.pk, 9)], trainees="P. Fictive")
    assert refused.value.field == f"item-{item.pk}"
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CONFIRMED  # nothing half-written


def test_late_returns_are_reminded_once(confirmed, mailoutbox) -> None:  # type: ignore[no-untyped-def]
    booking, animator = confirmed
    booking_checkout(booking=booking, by=animator, lines=lines(booking), trainees="P. Fictive")
    mailoutbox.clear()
    assert late_reminders_send(today=day(2)) == 0
    assert late_reminders_send(today=day(3)) == 1
    assert mailoutbox[0].subject == "Retour en retard : Robots fictifs"
    assert late_reminders_send(today=day(4)) == 0


def test_event_support_books_the_kit_like_a_loan(confirmed) -> None:  # type: ignore[no-untyped-def]
    booking, animator = confirmed
    editor = booking.requested_by
    support = support_request(
        structure=booking.structure,
        user=editor,
        title="Fête fictive",
        start=day(10),
        end=day(11),
        needs=["cmi", "animateur"],
        description="Un stand.",
    )
    support = support_plan(support=support, by=animator, staff=[animator], kit=booking.kit)
    assert support.status == SupportStatus.PLANNED
    assert support.booking.status == BookingStatus.CONFIRMED
    other = support_request(
        structure=booking.structure,
        user=editor,
        title="Autre fête",
        start=day(11),
        end=day(11),
        needs=["cmi"],
        description="Un stand.",
    )
    with pytest.raises(BookingError, match="déjà réservé"):
        support_plan(support=other, by=animator, staff=[], kit=booking.kit)
    assert activity_prefill(support.booking.pk)["kind"] == "event_support"
    with pytest.raises(BookingError) as refused:
        support_request(
            structure=booking.structure,
            user=editor,
            title="X",
            start=day(2),
            end=day(1),
            needs=[],
            description="y",
        )
    assert refused.value.field == "end"


def test_hand_written_bookings_give_the_loan_days() -> None:
    """Counted by hand: robots 3 (Jan 5–7) + 2 in January of a loan over the month end (Jan 30–Feb 2) +
    2 in February; video 1 (returned a day early: out Mar 3, back Mar 3); cancelled and refused: 0."""
    epci = Epci.objects.create(siren="200000001", name="EPCI fictif")
    commune = Commune.objects.create(
        insee_code="99001",
        name="Commune fictive",
        search_name="commune fictive",
        department_code="42",
        epci=epci,
    )
    a, b = Structure.objects.create(name="MJC A"), Structure.objects.create(name="MJC B")
    robots, video = kit_make("Robots"), kit_make("Vidéo")
    booking_make(
        robots,
        a,
        D(2026, 1, 5),
        D(2026, 1, 7),
        status=BookingStatus.RETURNED,
        back_on=D(2026, 1, 7),
        commune=commune,
    )
    booking_make(
        robots, b, D(2026, 1, 30), D(2026, 2, 2), status=BookingStatus.RETURNED, back_on=D(2026, 2, 2)
    )
    booking_make(
        video,
        a,
        D(2026, 3, 3),
        D(2026, 3, 4),
        status=BookingStatus.RETURNED,
        out_on=D(2026, 3, 3),
        back_on=D(2026, 3, 3),
    )
    booking_make(video, b, D(2026, 3, 10), D(2026, 3, 20), status=BookingStatus.CANCELLED)
    booking_make(robots, b, D(2026, 4, 1), D(2026, 4, 2), status=BookingStatus.REFUSED)
    booking_make(
        robots, b, D(2025, 12, 31), D(2026, 1, 1), status=BookingStatus.RETURNED, back_on=D(2026, 1, 1)
    )

    figures = loan_figures(D(2026, 1, 1), D(2026, 12, 31), today=D(2026, 12, 31))
    assert figures.total == 3 + 4 + 1 + 1
    assert figures.by_kit == {"Robots": 8, "Vidéo": 1}
    assert figures.by_structure == {"MJC A": 4, "MJC B": 5}
    assert figures.by_month == {(2026, 1): 3 + 2 + 1, (2026, 2): 2, (2026, 3): 1}
    assert figures.by_commune["Commune fictive"] == 3
    assert figures.by_epci["EPCI fictif"] == 3
    january = loan_figures(D(2026, 1, 1), D(2026, 1, 31), today=D(2026, 12, 31))
    assert january.total == 6

    reported = {f["key"]: f for f in period_figures(D(2026, 1, 1), D(2026, 12, 31))}
    assert reported["lending.loan_days"]["value"] == 9
    assert reported["lending.loan_days"]["rows"] == [["Robots", 8], ["Vidéo", 1]]
    assert reported["lending.structures_served"]["value"] == 2
    assert {f["topic"] for f in reported.values()} == {"lending"}


def test_activity_prefill_of_a_loan_and_of_nothing() -> None:
    a = Structure.objects.create(name="MJC A")
    booking = booking_make(
        kit_make("Robots"),
        a,
        D(2026, 1, 5),
        D(2026, 1, 7),
        status=BookingStatus.RETURNED,
        out_on=D(2026, 1, 5),
        back_on=D(2026, 1, 6),
        audience="Collégiens",
    )
    prefill = activity_prefill(booking.pk)
    assert prefill == {
        "title": "Prêt : Robots à MJC A",
        "kind": "intervention",
        "date_start": D(2026, 1, 5),
        "date_end": D(2026, 1, 6),
        "commune_insee": None,
        "place_id": None,
        "structure_ids": [a.pk],
        "narrative": "Atelier fictif\nPublic : Collégiens",
        "source": f"lending.loan:{booking.pk}",
    }
    cancelled = booking_make(booking.kit, a, D(2026, 2, 1), D(2026, 2, 1), status=BookingStatus.CANCELLED)
    assert activity_prefill(cancelled.pk) is None
    assert activity_prefill(999999) is None
