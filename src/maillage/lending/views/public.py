"""Public pages: the catalogue (theme, free between two dates), a kit with its month calendar and next
free dates, the busy/free view of every kit over four weeks (no borrower shown)."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from maillage.accounts.permissions import is_animator, is_editor
from maillage.agenda.domain.calendar import month_parse
from maillage.core.french import DAYS as DAY_NAMES
from maillage.lending.domain.availability import free_runs
from maillage.lending.domain.days import DayRange
from maillage.lending.forms import CatalogueFilterForm
from maillage.lending.models import Kit
from maillage.lending.presenters import STATE_LABELS, month_weeks
from maillage.lending.selectors import catalogue as catalogue_entries
from maillage.lending.selectors import kit_days, kit_get, kits_active


@require_safe
def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    wanted, theme = None, ""
    if form.is_bound and form.is_valid():
        theme = form.cleaned_data["theme"]
        if form.cleaned_data["du"] and form.cleaned_data["au"]:
            wanted = DayRange(form.cleaned_data["du"], form.cleaned_data["au"])
    entries = catalogue_entries(theme=theme, wanted=wanted, today=timezone.localdate())
    context = {"form": form, "entries": entries, "wanted": wanted, "may_request": is_editor(request.user)}
    return render(request, "lending/catalogue.html", context)


@require_safe
def kit_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        kit = kit_get(slug)
    except Kit.DoesNotExist as exc:
        raise Http404("Ce kit n'est pas au catalogue.") from exc
    today = timezone.localdate()
    month = month_parse(request.GET.get("mois", ""), today=today)
    context = {
        "kit": kit,
        "items": kit.items.all(),
        "units": kit.units.all(),
        "month": month,
        "weeks": month_weeks(kit, month),
        "day_names": DAY_NAMES,
        "today": today,
        "free": free_runs(kit_days(kit, list(DayRange(today, today + datetime.timedelta(days=179))))),
        "may_request": is_editor(request.user),
        "animator": is_animator(request.user),
    }
    return render(request, "lending/kit_detail.html", context)


@require_safe
def availability(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    try:
        start = datetime.date.fromisoformat(request.GET.get("du", "")) if request.GET.get("du") else today
    except ValueError:
        start = today
    days = list(DayRange(start, start + datetime.timedelta(days=27)))
    rows = []
    for kit in kits_active():
        states = kit_days(kit, days)
        rows.append((kit, [(day, states[day][0], STATE_LABELS[states[day][0]]) for day in days]))
    context = {
        "days": days,
        "rows": rows,
        "previous": (start - datetime.timedelta(days=28)).isoformat(),
        "next": (start + datetime.timedelta(days=28)).isoformat(),
        "day_names": DAY_NAMES,
    }
    return render(request, "lending/availability.html", context)
