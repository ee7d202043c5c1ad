"""Made-up lending data for tests: structures and people are fictitious examples."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from maillage.accounts.models import Structure
from maillage.lending.models import Booking, Kit, KitItem, Unit
from tests.agenda.factories import user_make

__all__ = ["booking_make", "day", "kit_make", "user_make"]


def day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def kit_make(name: str = "Kit fictif", *, units: int = 1, **extra: Any) -> Kit:
    slug = extra.pop("slug", name.lower().replace(" ", "-"))
    extra.setdefault("buffer_days", 1)
    extra.setdefault("training_required", False)
    kit = Kit.objects.create(slug=slug, name=name, theme="robotique", summary="Exemple fictif", **extra)
    KitItem.objects.create(kit=kit, label="Robot", quantity=4, position=0)
    KitItem.objects.create(kit=kit, label="Chargeur", quantity=2, position=1)
    for number in range(1, units + 1):
        Unit.objects.create(kit=kit, label=f"Unité {number}")
    return kit


def booking_make(
    kit: Kit, structure: Structure, start: datetime.date, end: datetime.date, **extra: Any
) -> Booking:
    extra.setdefault("purpose", "Atelier fictif")
    return Booking.objects.create(kit=kit, structure=structure, start=start, end=end, **extra)
