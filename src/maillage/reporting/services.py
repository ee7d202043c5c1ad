"""Writes of the reports: regenerate (figures frozen, texts untouched), publish, a mission's text, and
the sample convention of the demo."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from maillage.reporting.domain.periods import Period
from maillage.reporting.models import Convention, Mission, MissionText, Report
from maillage.reporting.selectors import report_data


@transaction.atomic
def report_regenerate(*, convention: Convention, period: Period, author: Any) -> Report:
    """Recompute every figure and store it; the animator's texts live apart and are never touched."""
    report, _ = Report.objects.select_for_update().get_or_create(
        convention=convention, year=period.year, month=period.month
    )
    report.snapshot = report_data(convention, period)
    report.generated_at = timezone.now()
    report.generated_by = author if getattr(author, "is_authenticated", False) else None
    report.save()
    return report


@transaction.atomic
def report_publish(*, convention: Convention, period: Period, published: bool, author: Any) -> Report:
    """Publish (generating first when never generated) or withdraw a report."""
    report = Report.objects.filter(convention=convention, year=period.year, month=period.month).first()
    if report is None or report.generated_at is None:
        report = report_regenerate(convention=convention, period=period, author=author)
    report.published_at = timezone.now() if published else None
    report.save(update_fields=["published_at"])
    return report


@transaction.atomic
def mission_text_save(*, mission: Mission, period: Period, text: str, author: Any) -> MissionText | None:
    """Store the animator's text for `mission` in `period` (an empty text deletes it)."""
    text = text.strip()
    if not text:
        MissionText.objects.filter(mission=mission, year=period.year, month=period.month).delete()
        return None
    found, _ = MissionText.objects.update_or_create(
        mission=mission,
        year=period.year,
        month=period.month,
        defaults={"text": text, "updated_by": author if getattr(author, "is_authenticated", False) else None},
    )
    return found


CONVENTION_FIELDS = ("title", "funder", "holder", "start_year", "end_year", "members_may_log")
MISSION_FIELDS = ("position", "axis", "title", "objective", "indicators", "topics")


def _fields_save(instance: Convention | Mission, data: dict[str, Any], names: tuple[str, ...]) -> None:
    for name in names:
        setattr(instance, name, data[name])
    instance.full_clean()
    instance.save()


@transaction.atomic
def convention_update(*, convention: Convention, data: dict[str, Any]) -> Convention:
    _fields_save(convention, data, CONVENTION_FIELDS)
    return convention


@transaction.atomic
def mission_update(*, mission: Mission, data: dict[str, Any]) -> Mission:
    _fields_save(mission, data, MISSION_FIELDS)
    return mission
