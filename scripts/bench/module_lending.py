"""Benchmark worker of lending: availability of every kit over a year with 5,000 bookings held.

Loads the hub's eight kits (sample), writes 5,000 made-up confirmed bookings (fictitious structure) over
the units from 2018 on, with their held days and buffers; then times, 20 times, the calendar of every kit
over a year (`kit_days`, the query behind the kit pages and the busy/free view), and 50 approvals
through the locked service. Everything it wrote is deleted at the end. Last stdout line: JSON figures.
"""

from __future__ import annotations

import datetime
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.base")

import django

django.setup()

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection

from maillage.accounts.models import Structure
from maillage.lending.domain.days import DayRange, held_range
from maillage.lending.enums import BookingStatus
from maillage.lending.models import Booking, Kit, UnitDay
from maillage.lending.selectors import kit_days
from maillage.lending.services.bookings import booking_approve
from maillage.lending.services.sample import sample_kits_load

BOOKINGS = 5000
START = datetime.date(2018, 1, 1)


def _p95(values: list[float]) -> float:
    return round(statistics.quantiles(values, n=20)[18], 2)


def _fill(structure: Structure) -> tuple[datetime.date, datetime.date]:
    rng = random.Random(42)
    units = [(kit, unit) for kit in Kit.objects.order_by("pk") for unit in kit.units.order_by("pk")]
    cursors = {unit.pk: START for _kit, unit in units}
    bookings, per_booking_days = [], []
    for number in range(BOOKINGS):
        kit, unit = units[number % len(units)]
        start = cursors[unit.pk] + datetime.timedelta(days=rng.randint(0, 2))
        end = start + datetime.timedelta(days=rng.randint(0, 3))
        held = held_range(start, end, kit.buffer_days)
        cursors[unit.pk] = held.end + datetime.timedelta(days=1)
        bookings.append(
            Booking(
                kit=kit,
                unit=unit,
                structure=structure,
                start=start,
                end=end,
                purpose="Exemple fictif (banc)",
                status=BookingStatus.CONFIRMED,
                is_sample=True,
            )
        )
        per_booking_days.append(held)
    Booking.objects.bulk_create(bookings, batch_size=1000)
    days = [
        UnitDay(unit_id=b.unit_id, day=day, booking=b, buffer=day > b.end)
        for b, held in zip(bookings, per_booking_days, strict=True)
        for day in held
    ]
    UnitDay.objects.bulk_create(days, batch_size=2000)
    return min(cursors.values()), max(cursors.values())


def main() -> None:
    call_command("migrate", verbosity=0)
    sample_kits_load()
    structure = Structure.objects.create(name="Structure fictive du banc")
    animator = get_user_model().objects.create_user("banc-pret@example.org", is_staff=True)
    try:
        first_end, last_end = _fill(structure)
        held_rows = UnitDay.objects.count()
        kits = list(Kit.objects.order_by("pk"))
        year = list(
            DayRange(START + datetime.timedelta(days=365 * 2), START + datetime.timedelta(days=365 * 3 - 1))
        )
        all_kits_ms, per_kit_ms = [], []
        for _ in range(20):
            began = time.perf_counter()
            for kit in kits:
                one = time.perf_counter()
                kit_days(kit, year)
                per_kit_ms.append((time.perf_counter() - one) * 1000)
            all_kits_ms.append((time.perf_counter() - began) * 1000)
        # 50 requests after the filled range, approved one by one through the locked service.
        approvals_ms = []
        for number in range(50):
            kit = kits[number % len(kits)]
            start = last_end + datetime.timedelta(days=10 + 5 * (number // len(kits)))
            booking = Booking.objects.create(
                kit=kit, structure=structure, start=start, end=start, purpose="banc", is_sample=True
            )
            began = time.perf_counter()
            booking_approve(booking=booking, by=animator)
            approvals_ms.append((time.perf_counter() - began) * 1000)
        figures = {
            "lending_bookings": Booking.objects.filter(structure=structure).count(),
            "lending_held_days": held_rows,
            "lending_filled_until": str(first_end),
            "lending_availability_all_kits_year_p95_ms": _p95(all_kits_ms),
            "lending_availability_one_kit_year_p95_ms": _p95(per_kit_ms),
            "lending_approval_p95_ms": _p95(approvals_ms),
            "_targets": [
                [
                    "lending: all kits over a year p95 <= 200 ms",
                    "lending_availability_all_kits_year_p95_ms",
                    200.0,
                    "ms",
                    "max",
                ]
            ],
        }
    finally:
        Booking.objects.filter(structure=structure).delete()
        structure.delete()
        animator.delete()
    print(connection.vendor, file=sys.stderr)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
