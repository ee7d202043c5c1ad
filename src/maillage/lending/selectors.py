"""Reads of lending: units' held days, the catalogue with availability, queues, figures for a period.

`period_figures`, `activity_prefill` and `activity_to_log` are the contracts the annual report and the
activity log pull.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from maillage.lending.domain.availability import UnitState, day_states, free_unit, next_free_ranges
from maillage.lending.domain.days import DayRange
from maillage.lending.domain.figures import LoanDayFigures, LoanRecord, loan_day_figures
from maillage.lending.enums import HOLDING, OPEN, BookingStatus, SupportStatus
from maillage.lending.models import Booking, Kit, SupportRequest, Training, Unit, UnitDay


def units_state(
    kit: Kit, *, window: DayRange | None = None, exclude_booking: int | None = None
) -> list[UnitState]:
    """Each unit of `kit` with the days it is held (within `window` when given) and whether it is blocked."""
    units = list(Unit.objects.filter(kit=kit).order_by("pk"))
    days = UnitDay.objects.filter(unit__kit=kit)
    if window is not None:
        days = days.filter(day__gte=window.start, day__lte=window.end)
    if exclude_booking is not None:
        days = days.exclude(booking_id=exclude_booking)
    held: dict[int, set[datetime.date]] = defaultdict(set)
    for unit_id, day in days.values_list("unit_id", "day"):
        held[unit_id].add(day)
    return [UnitState(unit.pk, frozenset(held[unit.pk]), unit.blocked) for unit in units]


def kit_free_ranges(kit: Kit, *, length_days: int, after: datetime.date, count: int = 3) -> list[DayRange]:
    return next_free_ranges(
        units_state(kit), length_days=length_days, buffer_days=kit.buffer_days, after=after, count=count
    )


def kit_available(kit: Kit, start: datetime.date, end: datetime.date) -> bool:
    return free_unit(units_state(kit), start, end, kit.buffer_days) is not None


def kit_days(kit: Kit, days: list[datetime.date]) -> dict[datetime.date, tuple[str, int]]:
    """day → (state, free units) for a calendar of `days` (contiguous)."""
    if not days:
        return {}
    units = units_state(kit, window=DayRange(days[0], days[-1]))
    return dict(day_states(units, days))


def kits_active() -> QuerySet[Kit]:
    return Kit.objects.filter(active=True).prefetch_related("units").order_by("name")


def kit_get(slug: str) -> Kit:
    return Kit.objects.prefetch_related("items", "units").get(slug=slug, active=True)


@dataclass(frozen=True)
class CatalogueEntry:
    kit: Kit
    available: bool | None  # None: no range asked
    next_free: DayRange | None


def catalogue(*, theme: str, wanted: DayRange | None, today: datetime.date) -> list[CatalogueEntry]:
    kits = kits_active()
    if theme:
        kits = kits.filter(theme=theme)
    entries = []
    for kit in kits:
        length = wanted.days if wanted else 1
        after = wanted.start if wanted else today
        units = units_state(kit)
        free = next_free_ranges(units, length_days=length, buffer_days=kit.buffer_days, after=after, count=1)
        available = None
        if wanted is not None:
            available = free_unit(units, wanted.start, wanted.end, kit.buffer_days) is not None
        entries.append(CatalogueEntry(kit, available, free[0] if free else None))
    return entries


def _booking_related(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    return bookings.select_related("kit", "unit", "structure", "requested_by", "commune", "event")


def bookings_of_structures(structure_ids: frozenset[int]) -> QuerySet[Booking]:
    return _booking_related(Booking.objects.filter(structure_id__in=structure_ids)).order_by("-start", "-pk")


def bookings_queue(*, today: datetime.date) -> dict[str, list[Booking]]:
    """The animator's queue: to answer, waiting, to hand over, out (late first)."""
    base = _booking_related(Booking.objects.all())
    out = list(base.filter(status=BookingStatus.OUT).order_by("end", "pk"))
    for booking in out:
        booking.late = booking.end < today  # type: ignore[attr-defined]
    return {
        "to_answer": list(base.filter(status=BookingStatus.REQUESTED).order_by("offered_at", "created_at")),
        "proposed": list(base.filter(status=BookingStatus.PROPOSED).order_by("start")),
        "waiting": list(base.filter(status=BookingStatus.WAITING).order_by("created_at")),
        "to_hand_over": list(
            base.filter(
                status=BookingStatus.CONFIRMED, start__lte=today + datetime.timedelta(days=14)
            ).order_by("start")
        ),
        "out": out,
    }


def units_blocked() -> QuerySet[Unit]:
    return Unit.objects.filter(blocked_at__isnull=False).select_related("kit").order_by("blocked_at")


def supports_open() -> QuerySet[SupportRequest]:
    return (
        SupportRequest.objects.filter(status__in=[SupportStatus.REQUESTED, SupportStatus.PLANNED])
        .select_related("structure", "booking__kit", "event")
        .prefetch_related("staff")
        .order_by("start")
    )


def supports_of_structures(structure_ids: frozenset[int]) -> QuerySet[SupportRequest]:
    return (
        SupportRequest.objects.filter(structure_id__in=structure_ids)
        .select_related("booking__kit")
        .order_by("-start")
    )


def trained(kit: Kit, structure_id: int) -> bool:
    return Training.objects.filter(kit=kit, structure_id=structure_id, done=True).exists()


def booking_holding_in(kit: Kit | None, window: DayRange) -> QuerySet[Booking]:
    """Holding bookings (all kits, or one) whose days meet `window`: the calendars and the staff feed."""
    bookings = Booking.objects.filter(status__in=HOLDING, start__lte=window.end, end__gte=window.start)
    if kit is not None:
        bookings = bookings.filter(kit=kit)
    return _booking_related(bookings).order_by("start", "pk")


def bookings_open_count() -> int:
    return Booking.objects.filter(status__in=OPEN).count()


# --- Figures -----------------------------------------------------------------------------------------


def counted_range(booking: Booking, *, today: datetime.date) -> DayRange:
    """The days a booking counts: actual hand-over to actual return when known, planned days otherwise;
    a loan still out after its return day counts up to today."""
    start = booking.out_on or booking.start
    if booking.status == BookingStatus.RETURNED and booking.back_on is not None:
        end = booking.back_on
    elif booking.status == BookingStatus.OUT:
        end = max(booking.end, today)
    else:
        end = booking.end
    return DayRange(start, max(end, start))


def loan_records(period: DayRange, *, today: datetime.date) -> list[LoanRecord]:
    bookings = (
        Booking.objects.filter(status__in=HOLDING, start__lte=period.end)
        .filter(Q(end__gte=period.start) | Q(back_on__gte=period.start) | Q(status=BookingStatus.OUT))
        .select_related("kit", "structure", "commune__epci")
    )
    return [
        LoanRecord(
            kit=booking.kit.name,
            structure=booking.structure.name,
            loan=counted_range(booking, today=today),
            commune=booking.commune.name if booking.commune else "",
            epci=booking.commune.epci.name if booking.commune and booking.commune.epci else "",
        )
        for booking in bookings
    ]


def loan_figures(
    start: datetime.date, end: datetime.date, *, today: datetime.date | None = None
) -> LoanDayFigures:
    period = DayRange(start, end)
    return loan_day_figures(loan_records(period, today=today or datetime.date.today()), period)  # noqa: DTZ011


def period_figures(start: datetime.date, end: datetime.date) -> list[dict[str, object]]:
    """The lending figures of the inclusive period, for the annual report (see COMMON contract)."""
    figures = loan_figures(start, end)
    supports = SupportRequest.objects.filter(
        status=SupportStatus.PLANNED, start__lte=end, end__gte=start
    ).select_related("structure")
    return [
        {
            "key": "lending.loan_days",
            "label": "Jours de prêt de matériel",
            "value": figures.total,
            "unit": "jours",
            "topic": "lending",
            "rows": [[kit, days] for kit, days in figures.by_kit.most_common()],
        },
        {
            "key": "lending.structures_served",
            "label": "Structures ayant emprunté du matériel",
            "value": figures.structures_served,
            "unit": "structures",
            "topic": "lending",
            "rows": [[name, days] for name, days in figures.by_structure.most_common()],
            "rows_unit": "jours de prêt",
        },
        {
            "key": "lending.event_supports",
            "label": "Événements soutenus (centre multimédia itinérant, animation, logistique)",
            "value": supports.count(),
            "unit": "événements",
            "topic": "lending",
            "rows": [[f"{s.title} ({s.structure.name})", (s.end - s.start).days + 1] for s in supports],
            "rows_unit": "jours",
        },
    ]


def activity_prefill(pk: int) -> dict[str, object] | None:
    """A loan, as a logged action of the annual report's quick entry (None when it is not a loan)."""
    booking = (
        Booking.objects.filter(pk=pk, status__in=HOLDING)
        .select_related("kit", "structure", "commune")
        .prefetch_related(Prefetch("support"))
        .first()
    )
    if booking is None:
        return None
    support = getattr(booking, "support", None)
    kind = "event_support" if support is not None else "intervention"
    title = support.title if support is not None else f"Prêt : {booking.kit.name} à {booking.structure.name}"
    narrative = booking.purpose
    if booking.audience:
        narrative += f"\nPublic : {booking.audience}"
    return {
        "title": title,
        "kind": kind,
        "date_start": booking.out_on or booking.start,
        "date_end": booking.back_on or booking.end,
        "commune_insee": booking.commune_id,
        "place_id": None,  # places have UUID keys; the contract's int id does not fit them
        "structure_ids": [booking.structure_id],
        "narrative": narrative,
        "source": f"lending.loan:{booking.pk}",
    }


def support_activity_prefill(pk: int) -> dict[str, object] | None:
    """An event support (with or without its kit booked), as a logged action of the quick entry."""
    support = SupportRequest.objects.filter(pk=pk).select_related("booking").first()
    if support is None:
        return None
    narrative = support.description
    if support.audience:
        narrative += f"\nPublic : {support.audience}"
    return {
        "title": support.title,
        "kind": "event_support",
        "date_start": support.start,
        "date_end": support.end,
        "commune_insee": support.commune_id,
        "place_id": None,
        "structure_ids": [support.structure_id],
        "narrative": narrative,
        "source": f"lending.support:{support.pk}",
    }


def activity_to_log(
    *, structure_ids: frozenset[int] | None, since: datetime.date, today: datetime.date
) -> list[dict[str, object]]:
    """Loans returned and event supports held since `since`: the activity log's « to log » candidates
    (`structure_ids` None: every structure, for the animators). A kit booked for a supported event is
    logged with its support, not as a loan of its own."""
    loans = Booking.objects.filter(
        status=BookingStatus.RETURNED, back_on__gte=since, back_on__lte=today, support__isnull=True
    ).select_related("kit", "structure")
    supports = SupportRequest.objects.filter(
        status=SupportStatus.PLANNED, end__gte=since, end__lte=today
    ).select_related("structure")
    if structure_ids is not None:
        loans = loans.filter(structure_id__in=structure_ids)
        supports = supports.filter(structure_id__in=structure_ids)
    candidates: list[dict[str, object]] = [
        {
            "source": f"lending.loan:{booking.pk}",
            "title": f"Prêt : {booking.kit.name} à {booking.structure.name}",
            "what": f"Prêt rendu le {booking.back_on:%d/%m/%Y}",
            "day": booking.back_on,
        }
        for booking in loans.order_by("-back_on", "-pk")
    ]
    candidates += [
        {
            "source": f"lending.support:{support.pk}",
            "title": support.title,
            "what": f"Soutien à un événement de {support.structure.name}, le {support.end:%d/%m/%Y}",
            "day": support.end,
        }
        for support in supports.order_by("-end", "-pk")
    ]
    return candidates
