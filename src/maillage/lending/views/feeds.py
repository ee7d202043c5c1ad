"""Figures (`/pret/bilan/`, its CSV) and the staff's ICS feed of bookings (private signed URL)."""

from __future__ import annotations

import csv
import datetime
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from maillage.accounts.permissions import animator_required
from maillage.agenda.services.mail import absolute
from maillage.core.french import MONTHS as MONTH_NAMES
from maillage.interop.icalendar.all_day import DayEntry, write_day_calendar
from maillage.lending.domain.days import DayRange
from maillage.lending.forms import PeriodForm
from maillage.lending.selectors import booking_holding_in, loan_figures
from maillage.lending.views.animation import FEED_SALT


def _figures(
    request: HttpRequest,
) -> tuple[PeriodForm, DayRange, list[tuple[str, list[tuple[str, int]]]], int]:
    form = PeriodForm(request.GET or None)
    start, end = form.period(timezone.localdate())
    figures = loan_figures(start, end)
    months = [(f"{MONTH_NAMES[m - 1]} {y}", days) for (y, m), days in sorted(figures.by_month.items())]
    tables = [
        ("Par kit", figures.by_kit.most_common()),
        ("Par structure", figures.by_structure.most_common()),
        ("Par commune", figures.by_commune.most_common()),
        ("Par EPCI", figures.by_epci.most_common()),
        ("Par mois", months),
    ]
    return form, DayRange(start, end), tables, figures.total


@animator_required
@require_safe
def figures(request: HttpRequest) -> HttpResponse:
    form, period, tables, total = _figures(request)
    query = f"du={period.start.isoformat()}&au={period.end.isoformat()}"
    context = {"form": form, "period": period, "tables": tables, "total": total, "query": query}
    return render(request, "lending/figures.html", context)


@animator_required
@require_safe
def figures_csv(request: HttpRequest) -> HttpResponse:
    _form, period, tables, total = _figures(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"jours-de-pret-{period.start.isoformat()}-{period.end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["regroupement", "libellé", "jours de prêt"])
    writer.writerow(["total", f"{period.label()}", total])
    for title, rows in tables:
        for label, days in rows:
            writer.writerow([title.removeprefix("Par ").lower(), label, days])
    return response


@require_safe
def staff_ics(request: HttpRequest) -> HttpResponse:
    """Holding bookings from 60 days ago to a year ahead; the key is a signed staff member's id."""
    try:
        data = signing.loads(request.GET.get("cle", ""), salt=FEED_SALT)
        user = get_user_model().objects.get(pk=data["u"], is_staff=True, is_active=True)
    except (signing.BadSignature, KeyError, TypeError, get_user_model().DoesNotExist):
        return HttpResponse("Lien de flux non valable.", status=403, content_type="text/plain; charset=utf-8")
    today = timezone.localdate()
    window = DayRange(today - datetime.timedelta(days=60), today + datetime.timedelta(days=365))
    entries = [
        DayEntry(
            uid=f"pret-{booking.pk}",
            first=booking.start,
            last=booking.end,
            summary=f"{booking.kit.name} · {booking.structure.name}",
            description=f"{booking.get_status_display()}. {booking.purpose}",
            url=absolute(booking.get_absolute_url()),
        )
        for booking in booking_holding_in(None, window)
    ]
    domain = urlparse(settings.MAILLAGE_PUBLIC_URL).hostname or "maillage"
    body = write_day_calendar(entries, name="Prêts de matériel", domain=domain, now=timezone.now())
    del user
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
