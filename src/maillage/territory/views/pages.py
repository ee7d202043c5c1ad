"""Pages of the territory analysis: overview with the ranking (and its HTMX fragment), a commune, an EPCI,
the mobile unit's stop planner."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from maillage.agenda.selectors import EventFilters, events_matching
from maillage.core.svg_map import Marker
from maillage.territory import maps, planning, selectors
from maillage.territory.domain.coverage import ROAD_DETOUR
from maillage.territory.domain.ranking import DISTANCE_CAP_KM
from maillage.territory.forms import AnalysisForm, PlanForm

RANKING_LIMIT = 40


def _render(request: HttpRequest, page: str, fragment: str, context: dict[str, object]) -> HttpResponse:
    template = fragment if request.headers.get("HX-Request") else page
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def analysis_context(form: AnalysisForm, *, epci: str = "") -> dict[str, object]:
    """What the overview, the EPCI page and the PDF show: map, ranking, shares, parameters."""
    analysis = selectors.territory_analysis()
    family, weights = form.family(), form.weights()
    epci = epci or form.epci_code()
    ranked = selectors.underserved(analysis, family, weights, epci=epci)
    scores = {item.row.insee_code: item.scored.score for item in ranked}
    family_label = selectors.FAMILY_LABELS[family]
    title = f"Score de manque d'aide numérique par commune ({family_label})"
    chart = maps.choropleth(selectors.commune_outlines(), scores, title=title)
    shares = selectors.population_beyond(analysis, family, form.threshold())
    return {
        "form": form,
        "errors": form.error_list(),
        "family": family,
        "family_label": family_label,
        "weights": weights,
        "ranked": ranked,
        "ranked_top": ranked[:RANKING_LIMIT],
        "map_svg": chart.svg,
        "legend": maps.legend_rows(chart.classes),
        "shares": shares if not epci else [row for row in shares if row.code in ("", epci)],
        "threshold": form.threshold(),
        "detour": ROAD_DETOUR,
        "distance_cap": DISTANCE_CAP_KM,
        "place_count": len(analysis.sites),
        "query": form.data.urlencode() if hasattr(form.data, "urlencode") else "",
    }


@require_safe
def overview(request: HttpRequest) -> HttpResponse:
    form = AnalysisForm(request.GET or None, epcis=selectors.epci_choices())
    context = analysis_context(form)
    return _render(request, "territory/overview.html", "territory/_analysis.html", context)


@require_safe
def epci_detail(request: HttpRequest, siren: str) -> HttpResponse:
    epci = selectors.epci_get(siren)
    form = AnalysisForm(request.GET or None, epcis=selectors.epci_choices())
    context = analysis_context(form, epci=siren)
    context["epci"] = epci
    return _render(request, "territory/epci_detail.html", "territory/_analysis.html", context)


@require_safe
def commune_detail(request: HttpRequest, insee_code: str) -> HttpResponse:
    commune = selectors.commune_get(insee_code)
    analysis = selectors.territory_analysis()
    form = AnalysisForm(request.GET or None, epcis=selectors.epci_choices())
    family = form.family()
    by_family = []
    for code, label in selectors.FAMILIES:
        row = next(r for r in selectors.commune_indicators(analysis, code) if r.insee_code == insee_code)
        by_family.append((label, row))
    own = by_family[[code for code, _ in selectors.FAMILIES].index(family)][1]
    epci_rows = [r for r in selectors.commune_indicators(analysis, family) if r.epci_siren == own.epci_siren]
    comparison = selectors.epci_comparison(epci_rows)
    nearest = selectors.nearest_sites(analysis, insee_code, family, limit=5)
    markers = [Marker(site.longitude, site.latitude, str(i)) for i, (site, _) in enumerate(nearest, start=1)]
    map_svg = maps.highlight_map(
        selectors.commune_outlines(),
        [r.insee_code for r in epci_rows],
        {insee_code},
        title=f"{commune.name} dans son EPCI, et les lieux les plus proches",
        markers=markers,
    )
    events = events_matching(
        EventFilters(date_from=timezone.localdate(), insee_code=insee_code), now=timezone.now(), limit=5
    )
    context = {
        "commune": commune,
        "form": form,
        "family": family,
        "family_label": selectors.FAMILY_LABELS[family],
        "row": own,
        "by_family": by_family,
        "comparison": comparison,
        "nearest": [(i, site, km, km * ROAD_DETOUR) for i, (site, km) in enumerate(nearest, start=1)],
        "map_svg": map_svg,
        "events": events,
        "detour": ROAD_DETOUR,
    }
    return render(request, "territory/commune_detail.html", context)


def plan_for(form: PlanForm) -> planning.StopPlan:
    analysis = selectors.territory_analysis()
    epci = form.epci_code()
    communes = {a.insee_code for a in analysis.areas if a.epci == epci} if epci else set()
    return planning.stops_plan(
        analysis, stops=form.stops(), max_km=form.max_km(), family=form.family(), communes=communes
    )


def plan_context(form: PlanForm) -> dict[str, object]:
    analysis = selectors.territory_analysis()
    plan = plan_for(form)
    markers = [Marker(s.candidate.longitude, s.candidate.latitude, str(s.order)) for s in plan.stops]
    map_svg = maps.highlight_map(
        selectors.commune_outlines(),
        [a.insee_code for a in analysis.areas],
        {code for stop in plan.stops for code in stop.commune_codes},
        title="Arrêts proposés et communes qu'ils couvrent",
        markers=markers,
    )
    return {
        "form": form,
        "errors": form.error_list(),
        "plan": plan,
        "family_label": selectors.FAMILY_LABELS[form.family()],
        "map_svg": map_svg,
        "query": form.data.urlencode() if hasattr(form.data, "urlencode") else "",
        "guarantee": 63,
    }


@require_safe
def planner(request: HttpRequest) -> HttpResponse:
    form = PlanForm(request.GET or None, epcis=selectors.epci_choices())
    return _render(request, "territory/planner.html", "territory/_plan.html", plan_context(form))
