"""The orientation flow: need → where → constraints → results → printable sheet.

Each step is a plain GET form whose action is the next step; the URL holds the whole query, so a
results page can be bookmarked or shared. A step that receives a wrong value shows the step it
belongs to again, with the error. HTMX only adds the commune suggestions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_http_methods

from maillage.core.forms import form_errors
from maillage.core.geo import Point
from maillage.orientation.domain import (
    DAYS,
    HALF_DAYS,
    HORIZON_DAYS,
    Constraints,
    Need,
    Slot,
    half_day_hours,
    needs_catalogue,
    query_key,
    round_position,
    slots_summary,
)
from maillage.orientation.exports import orientation_sheet_pdf
from maillage.orientation.forms import (
    APPOINTMENT_LABELS,
    CONSTRAINT_KEYS,
    MAX_SHEET_PLACES,
    ORIGIN_KEYS,
    PUBLIC_CHOICES,
    SUPPORT_CHOICES,
    SUPPORT_MODE_LABELS,
    ConstraintsForm,
    NeedForm,
    SheetForm,
    WhereForm,
    carried,
)
from maillage.orientation.selectors import (
    MAX_RESULTS,
    RADIUS_KM,
    WIDER_RADIUS_KM,
    Origin,
    commune_get,
    commune_resolve,
    communes_suggest,
    orientation_search,
    orientation_sheet_cards,
    origin_from_commune,
    origin_from_position,
)
from maillage.orientation.services import orientation_count_once
from maillage.territories.models import Commune


@dataclass(frozen=True)
class Flow:
    need: Need
    origin: Origin
    constraints: Constraints

    def params(self) -> list[tuple[str, str]]:
        """The canonical query of this orientation (what a results URL holds)."""
        if self.origin.from_position and self.origin.point is not None:
            where = [("lat", str(self.origin.point.latitude)), ("lon", str(self.origin.point.longitude))]
        else:
            where = [("insee", self.origin.commune.insee_code if self.origin.commune else "")]
        return [("besoin", self.need.slug), *where, *self.constraints.params()]


def _step(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """A step's page; `carry` (the query so far) also makes the links back to the earlier steps."""
    context["carry_query"] = urlencode(context["carry"])
    return render(request, f"orientation/{template}", context)


@require_GET
def step_need(request: HttpRequest) -> HttpResponse:
    return _need_page(request)


def _need_page(request: HttpRequest, errors: list[str] | None = None) -> HttpResponse:
    context = {
        "step": 1,
        "needs": needs_catalogue(),
        "current": request.GET.get("besoin", ""),
        "carry": carried(request.GET, ORIGIN_KEYS + CONSTRAINT_KEYS),
        "errors": errors or [],
    }
    return _step(request, "step_need.html", context)


def _need(request: HttpRequest) -> Need | HttpResponse:
    form = NeedForm(request.GET)
    return form.need() if form.is_valid() else _need_page(request, form_errors(form))


def _where_page(
    request: HttpRequest, need: Need, *, errors: list[str] | None = None, choices: list[Any] | None = None
) -> HttpResponse:
    commune = commune_get(insee_code=request.GET.get("insee", ""))
    context = {
        "step": 2,
        "need": need,
        "text": request.GET.get("commune", "") or (_commune_text(commune) if commune else ""),
        "choices": choices or [],
        "carry": [("besoin", need.slug), *carried(request.GET, CONSTRAINT_KEYS)],
        "errors": errors or [],
        "territory_name": settings.MAILLAGE_TERRITORY_NAME,
    }
    return _step(request, "step_where.html", context)


def _commune_text(commune: Commune) -> str:
    """What the commune field shows for a commune already chosen: its name and postal code."""
    return f"{commune.name} {commune.postal_codes[0]}" if commune.postal_codes else commune.name


@require_GET
def step_where(request: HttpRequest) -> HttpResponse:
    if request.headers.get("HX-Request"):  # the suggestions under the commune field
        text = request.GET.get("commune", "").strip()
        context = {"suggestions": communes_suggest(text=text), "live": True, "typed": len(text) >= 2}
        return render(request, "orientation/_commune_suggestions.html", context)
    need = _need(request)
    return need if isinstance(need, HttpResponse) else _where_page(request, need)


def _origin(request: HttpRequest, need: Need) -> Origin | HttpResponse:
    form = WhereForm(request.GET)
    if not form.is_valid():
        return _where_page(request, need, errors=form_errors(form))
    position = form.position()
    if position is not None:
        return origin_from_position(point=Point(*round_position(*position)))
    if form.cleaned_data["insee"]:
        commune = commune_get(insee_code=form.cleaned_data["insee"])
        if commune is not None:
            return origin_from_commune(commune)
        return _where_page(
            request, need, errors=["Commune : code INSEE inconnu, saisissez le nom de la commune."]
        )
    lookup = commune_resolve(text=form.cleaned_data["commune"])
    if lookup.commune is not None:
        return origin_from_commune(lookup.commune)
    return _where_page(request, need, errors=[lookup.error], choices=lookup.choices)


def _constraints_page(
    request: HttpRequest, need: Need, origin: Origin, errors: list[str] | None = None
) -> HttpResponse:
    flow = Flow(need, origin, Constraints())
    context = {
        "step": 3,
        "need": need,
        "origin": origin,
        "carry": flow.params(),
        "errors": errors or [],
        "chosen": {key: request.GET.getlist(key) for key in CONSTRAINT_KEYS},
        "publics": PUBLIC_CHOICES.items(),
        "supports": SUPPORT_CHOICES.items(),
        "appointments": [(key.value, label) for key, label in APPOINTMENT_LABELS.items()],
        "support_modes": [(key.value, label) for key, label in SUPPORT_MODE_LABELS.items()],
        "days": _week(),
        "half_days": [(code, label, half_day_hours(code)) for code, (_, _, label) in HALF_DAYS.items()],
        "horizon_days": HORIZON_DAYS,
    }
    return _step(request, "step_constraints.html", context)


def _week() -> list[tuple[str, list[Slot]]]:
    """Each day of the week and its half-day slots, for the availability grid."""
    return [(DAYS[day], [Slot(day, half) for half in HALF_DAYS]) for day in range(7)]


@require_GET
def step_constraints(request: HttpRequest) -> HttpResponse:
    need = _need(request)
    if isinstance(need, HttpResponse):
        return need
    origin = _origin(request, need)
    return origin if isinstance(origin, HttpResponse) else _constraints_page(request, need, origin)


def _flow(request: HttpRequest) -> Flow | HttpResponse:
    need = _need(request)
    if isinstance(need, HttpResponse):
        return need
    origin = _origin(request, need)
    if isinstance(origin, HttpResponse):
        return origin
    form = ConstraintsForm(request.GET)
    if not form.is_valid():
        return _constraints_page(request, need, origin, form_errors(form))
    return Flow(need, origin, form.constraints())


def _results_page(
    request: HttpRequest,
    flow: Flow,
    *,
    sheet_errors: list[str] | None = None,
    chosen: list[str] | None = None,
) -> HttpResponse:
    now = timezone.now()
    found = orientation_search(need=flow.need, constraints=flow.constraints, origin=flow.origin, now=now)
    context = {
        "step": 4,
        "flow": flow,
        "need": flow.need,
        "origin": flow.origin,
        "constraints": flow.constraints.summary(),
        "slots": flow.constraints.slots,
        "slots_text": slots_summary(flow.constraints.slots),
        "half_days": [(label, half_day_hours(code)) for code, (_, _, label) in HALF_DAYS.items()],
        "found": found,
        "carry": flow.params(),
        "errors": sheet_errors or [],
        "chosen_places": chosen or [],
        "radius_km": RADIUS_KM,
        "wider_radius_km": WIDER_RADIUS_KM,
        "max_results": MAX_RESULTS,
        "max_sheet_places": MAX_SHEET_PLACES,
        "horizon_days": HORIZON_DAYS,
    }
    return _step(request, "results.html", context)


@require_GET
def results(request: HttpRequest) -> HttpResponse:
    flow = _flow(request)
    if isinstance(flow, HttpResponse):
        return flow
    # Counted once per distinct query, per session and per day: a reload or a return from the sheet
    # doesn't count again. The session keeps only a short fingerprint of each query.
    today = timezone.localdate()
    orientation_count_once(
        session=request.session,
        query_key=query_key(flow.params(), day=today.isoformat()),
        need_slug=flow.need.slug,
        insee_code=flow.origin.counted_insee_code,
        day=today,
    )
    return _results_page(request, flow)


@never_cache
@sensitive_variables("form", "context")
@sensitive_post_parameters("orienteur", "beneficiaire")
@require_http_methods(["GET", "POST"])
def sheet(request: HttpRequest) -> HttpResponse:
    """The PDF sheet. First names come in the POST body, are printed, and are never stored or logged."""
    flow = _flow(request)
    if isinstance(flow, HttpResponse):
        return flow
    form = SheetForm(query=request.GET, body=request.POST)
    if not form.is_valid():
        chosen = [*request.GET.getlist("lieux"), *request.POST.getlist("lieux")]
        return _results_page(request, flow, sheet_errors=form_errors(form), chosen=chosen)
    now = timezone.now()
    cards = orientation_sheet_cards(
        place_ids=form.cleaned_data["lieux"],
        need=flow.need,
        constraints=flow.constraints,
        origin=flow.origin,
        now=now,
    )
    if not cards:
        return _results_page(request, flow, sheet_errors=["Lieux : aucun des lieux choisis n'est publié."])
    context = {
        "flow": flow,
        "need": flow.need,
        "origin": flow.origin,
        "constraints": flow.constraints.summary(),
        "slots": flow.constraints.slots,
        "slots_text": slots_summary(flow.constraints.slots),
        "cards": cards,
        "referrer": form.cleaned_data["orienteur"],
        "beneficiary": form.cleaned_data["beneficiaire"],
        "now": now,
        "public_url": settings.MAILLAGE_PUBLIC_URL.rstrip("/"),
        "network_name": settings.MAILLAGE_NETWORK_NAME,
        "printing": True,
    }
    response = HttpResponse(orientation_sheet_pdf(context=context), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="fiche-orientation.pdf"'
    return response
