"""The animators edit the convention (period, who may log) and its missions (objective, indicators,
which modules' figures belong to each)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from maillage.accounts.permissions import animator_required
from maillage.reporting.forms import ConventionForm, MissionForm
from maillage.reporting.models import Convention, Mission
from maillage.reporting.services import convention_update, mission_update


@animator_required
@require_http_methods(["GET", "POST"])
def convention_edit(request: HttpRequest, convention_id: int) -> HttpResponse:
    convention = get_object_or_404(Convention, pk=convention_id)
    form = ConventionForm(request.POST or None, instance=convention)
    if request.method == "POST" and form.is_valid():
        convention_update(convention=convention, data=form.cleaned_data)
        messages.success(request, "Convention enregistrée.")
        return redirect("reporting:report-index")
    return render(
        request,
        "reporting/convention_form.html",
        {"form": form, "convention": convention, "missions": convention.missions.order_by("position", "pk")},
        status=400 if request.method == "POST" else 200,
    )


@animator_required
@require_http_methods(["GET", "POST"])
def mission_edit(request: HttpRequest, mission_id: int) -> HttpResponse:
    mission = get_object_or_404(Mission.objects.select_related("convention"), pk=mission_id)
    form = MissionForm(request.POST or None, instance=mission)
    if request.method == "POST" and form.is_valid():
        mission_update(mission=mission, data=form.cleaned_data)
        messages.success(request, f"Mission « {mission.title[:60]} » enregistrée.")
        return redirect("reporting:convention-edit", mission.convention_id)
    return render(
        request,
        "reporting/mission_form.html",
        {"form": form, "mission": mission},
        status=400 if request.method == "POST" else 200,
    )
