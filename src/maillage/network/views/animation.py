"""The animator's inbox: requests, suggestions with their reasons, routing, closing, figures."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from maillage.accounts.models import Structure
from maillage.accounts.permissions import animator_required
from maillage.network.domain.ranking import Candidate, Suggestion
from maillage.network.enums import ActorRole, RequestState
from maillage.network.forms import CloseForm, RouteForm
from maillage.network.models import Actor, PartnershipRequest
from maillage.network.selectors import (
    candidates,
    request_detail,
    request_figures,
    requests_inbox,
    suggestions_for,
)
from maillage.network.services.requests import RequestError, Target, request_close, request_route


@animator_required
@require_safe
def inbox(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("etat", "open")
    if state not in {"open", "", *RequestState.values}:
        state = "open"
    context = {"requests": requests_inbox(state=state)[:300], "state": state, "states": RequestState.choices}
    return render(request, "network/inbox.html", context)


def _role(request: HttpRequest) -> str:
    """The role the animator looks for (GET on the page, POST with the routing), or none."""
    role = request.POST.get("role", "") or request.GET.get("role", "")
    return role if role in ActorRole.values else ""


def _choices(suggestions: list[Suggestion]) -> list[tuple[str, str]]:
    return [(s.candidate.key, s.candidate.label) for s in suggestions]


def _others(suggestions: list[Suggestion]) -> list[tuple[str, str]]:
    """Every listed actor the ranking did not suggest, by name: the animator knows better sometimes."""
    suggested = {s.candidate.key for s in suggestions}
    rest = [c for c in candidates() if c.key not in suggested]
    return [(c.key, c.label) for c in sorted(rest, key=lambda c: (c.label.casefold(), c.key))]


def _detail(
    request: HttpRequest,
    item: PartnershipRequest,
    route_form: RouteForm | None = None,
    close_form: CloseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    role = _role(request)
    suggestions = suggestions_for(item, role=role)
    context = {
        "item": item,
        "role": role,
        "roles": ActorRole.choices,
        "suggestions": suggestions,
        "route_form": route_form or RouteForm(choices=_choices(suggestions), others=_others(suggestions)),
        "close_form": close_form or CloseForm(),
        "routings": item.routings.all(),
        "thread": item.thread.all(),
    }
    return render(request, "network/request_detail.html", context, status=status)


def _item(request_id: int) -> PartnershipRequest:
    item = request_detail(request_id=request_id)
    if item is None:
        raise Http404("Demande introuvable")
    return item


@animator_required
@require_safe
def detail(request: HttpRequest, request_id: int) -> HttpResponse:
    return _detail(request, _item(request_id))


CHOSEN = "choisi par l'animation hors des suggestions"


def _candidate(key: str) -> Candidate:
    found = next((c for c in candidates() if c.key == key), None)
    if found is None:
        raise Http404("Acteur absent de l'annuaire")
    return found


def _target(key: str, suggestion: Suggestion) -> Target:
    kind, _, pk = key.partition(":")
    if kind == "person":
        return Target(
            actor=get_object_or_404(Actor, pk=int(pk)), score=suggestion.score, reasons=suggestion.reasons
        )
    return Target(
        structure=get_object_or_404(Structure, pk=int(pk)), score=suggestion.score, reasons=suggestion.reasons
    )


@animator_required
@require_POST
def route(request: HttpRequest, request_id: int) -> HttpResponse:
    item = _item(request_id)
    ranked = suggestions_for(item, role=_role(request))
    suggestions = {s.candidate.key: s for s in ranked}
    others = _others(ranked)
    form = RouteForm(request.POST, choices=_choices(ranked), others=others)
    if form.is_valid():
        targets = [_target(key, suggestions[key]) for key in form.cleaned_data["targets"]]
        if form.cleaned_data["other"]:
            targets.append(
                _target(
                    form.cleaned_data["other"],
                    Suggestion(candidate=_candidate(form.cleaned_data["other"]), score=0, reasons=(CHOSEN,)),
                )
            )
        try:
            routings = request_route(
                request=item, targets=targets, message=form.cleaned_data["message"], author=request.user
            )
        except RequestError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, f"Demande orientée vers {len(routings)} acteur{'s' if len(routings) > 1 else ''}."
            )
            return redirect("network:request-detail", request_id=item.pk)
    return _detail(request, item, route_form=form, status=400)


@animator_required
@require_POST
def close(request: HttpRequest, request_id: int) -> HttpResponse:
    item = _item(request_id)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            request_close(
                request=item,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                author=request.user,
            )
        except RequestError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Demande close.")
            return redirect("network:request-detail", request_id=item.pk)
    return _detail(request, item, close_form=form, status=400)


def _year_bounds(raw: str) -> tuple[datetime.date, datetime.date, int]:
    today = timezone.localdate()
    year = int(raw) if raw.isdigit() and 2000 <= int(raw) <= today.year + 1 else today.year
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31), year


@animator_required
@require_safe
def figures(request: HttpRequest) -> HttpResponse:
    start, end, year = _year_bounds(request.GET.get("annee", ""))
    context = {
        "figures": request_figures(start, end),
        "year": year,
        "years": range(timezone.localdate().year, 2019, -1),
    }
    return render(request, "network/figures.html", context)
