"""Downloads: indicators (CSV, GeoJSON), the diagnosis PDF, the stop plan (CSV, iCalendar)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from maillage.territory import exports, printing, selectors
from maillage.territory.forms import AnalysisForm, PlanForm
from maillage.territory.planning import StopPlan
from maillage.territory.views.pages import analysis_context, plan_for

PLAN_WEEKS = 4


def _download(body: str | bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _scored(request: HttpRequest) -> tuple[AnalysisForm, list[selectors.CommuneRow], dict[str, float]]:
    form = AnalysisForm(request.GET or None, epcis=selectors.epci_choices())
    analysis = selectors.territory_analysis()
    ranked = selectors.underserved(analysis, form.family(), form.weights(), epci=form.epci_code())
    rows = sorted((item.row for item in ranked), key=lambda row: row.insee_code)
    return form, rows, {item.row.insee_code: item.scored.score for item in ranked}


@require_safe
def indicators_csv(request: HttpRequest) -> HttpResponse:
    _, rows, scores = _scored(request)
    return _download(
        exports.indicators_csv(rows, scores), "text/csv; charset=utf-8", "territoire-indicateurs.csv"
    )


@require_safe
def indicators_geojson(request: HttpRequest) -> HttpResponse:
    _, rows, scores = _scored(request)
    body = exports.indicators_geojson(rows, selectors.commune_outlines(), scores)
    return _download(body, "application/geo+json", "territoire-indicateurs.geojson")


@require_safe
def diagnosis(request: HttpRequest) -> HttpResponse:
    form = AnalysisForm(request.GET or None, epcis=selectors.epci_choices())
    epci = form.epci_code()
    title = selectors.epci_get(epci).name if epci else "le territoire"
    pdf = printing.diagnosis_pdf(analysis_context(form), title=title)
    name = f"diagnostic-territorial-{epci or 'territoire'}.pdf"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def _plan(request: HttpRequest) -> StopPlan:
    return plan_for(PlanForm(request.GET or None, epcis=selectors.epci_choices()))


@require_safe
def plan_csv(request: HttpRequest) -> HttpResponse:
    plan = _plan(request)
    first = exports.week_start(timezone.localdate())
    body = exports.plan_csv(plan, first, PLAN_WEEKS)
    return _download(body, "text/csv; charset=utf-8", "tournee-unite-mobile.csv")


@require_safe
def plan_ics(request: HttpRequest) -> HttpResponse:
    plan = _plan(request)
    first = exports.week_start(timezone.localdate())
    body = exports.plan_ics(
        plan, first, PLAN_WEEKS, now=timezone.now(), domain=request.get_host().split(":")[0]
    )
    return _download(body, "text/calendar; charset=utf-8", "tournee-unite-mobile.ics")
