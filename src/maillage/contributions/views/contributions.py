"""Contributions: propose a place or a correction, report a problem (no account); moderate (animators)."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from maillage.accounts.permissions import animator_required
from maillage.contributions.forms.proposals import (
    HONEYPOT,
    CorrectionForm,
    ModeratorEditForm,
    NewPlaceForm,
    RejectForm,
    ReportForm,
    duplicate_candidates,
)
from maillage.contributions.presenters import contribution_title, data_initial, moderation_sheet
from maillage.contributions.services.contributions import (
    ContributionError,
    client_count,
    client_key_of,
    client_rate_limited,
    contribution_approve,
    contribution_reject,
    contribution_submit,
    contributions_pending,
)
from maillage.places.domain.hours import describe_hours, validate_hours
from maillage.places.enums import ContributionKind, ReportReason
from maillage.places.models import Contribution, Place
from maillage.places.selectors import place_get_public, places_published


def client_key(request: HttpRequest) -> str:
    """The salted hash of the client's address (behind a proxy, from `MAILLAGE_CLIENT_IP_HEADER`)."""
    address = request.META.get("REMOTE_ADDR", "")
    header = settings.MAILLAGE_CLIENT_IP_HEADER
    if header and request.META.get(header):
        address = request.META[header].split(",")[-1].strip()  # the address our own proxy saw
    return client_key_of(address)


def _too_many(request: HttpRequest) -> HttpResponse:
    minutes = max(1, settings.MAILLAGE_CONTRIBUTION_RATE_WINDOW // 60)
    response = render(request, "contributions/contrib_rate_limited.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(settings.MAILLAGE_CONTRIBUTION_RATE_WINDOW)
    return response


def _thanks(place: Place | None = None) -> HttpResponse:
    url = reverse("contributions:contribution-thanks")
    return redirect(f"{url}?lieu={place.pk}" if place is not None else url)


def hours_preview(expr: str) -> dict[str, Any]:
    expr = expr.strip()
    problem = validate_hours(expr) if expr else None
    return {"expr": expr, "error": problem, "lines": [] if problem or not expr else describe_hours(expr)}


def _posted_initial(form: forms.Form, data: Any) -> dict[str, Any]:
    """What was typed, as the initial values of an unbound form (a preview shows no errors)."""
    initial: dict[str, Any] = {}
    for name, field in form.fields.items():
        if name == HONEYPOT:
            continue
        multiple = isinstance(field, forms.MultipleChoiceField)
        initial[name] = data.getlist(name) if multiple else data.get(name, "")
    return initial


def _card_form_view(request: HttpRequest, place: Place | None) -> HttpResponse:
    form_class = NewPlaceForm if place is None else CorrectionForm
    preview = None
    if request.method == "POST":
        key = client_key(request)
        if client_rate_limited(client_key=key):
            return _too_many(request)
        form = form_class(request.POST, place=place)
        if form.is_spam():
            client_count(client_key=key)
            return _thanks(place)
        if request.POST.get("action") == "preview":
            form = form_class(place=place, initial=_posted_initial(form, request.POST))
            preview = hours_preview(request.POST.get("opening_hours", ""))
        elif form.is_valid():
            contribution_submit(
                kind=ContributionKind.NEW_PLACE if place is None else ContributionKind.CORRECTION,
                place=place,
                data=form.changes(),
                email=form.cleaned_data["email"],
                comment=form.cleaned_data["comment"],
                client_key=key,
            )
            client_count(client_key=key)
            return _thanks(place)
        else:
            preview = hours_preview(request.POST.get("opening_hours", ""))
    else:
        form = form_class(place=place)
        preview = hours_preview(place.opening_hours) if place is not None else None
    context = {
        "form": form,
        "place": place,
        "preview": preview,
        "previewing": request.POST.get("action") == "preview",
    }
    return render(request, "contributions/contrib_form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def contribution_new(request: HttpRequest) -> HttpResponse:
    return _card_form_view(request, None)


@require_http_methods(["GET", "HEAD", "POST"])
def contribution_correct(request: HttpRequest, place_id: uuid.UUID) -> HttpResponse:
    return _card_form_view(request, place_get_public(place_id=place_id))


@require_http_methods(["GET", "HEAD", "POST"])
def contribution_report(request: HttpRequest, place_id: uuid.UUID) -> HttpResponse:
    place = place_get_public(place_id=place_id)
    if request.method == "POST":
        key = client_key(request)
        if client_rate_limited(client_key=key):
            return _too_many(request)
        form = ReportForm(request.POST, place=place)
        if form.is_spam():
            client_count(client_key=key)
            return _thanks(place)
        if request.POST.get("action") == "search":  # without JavaScript: look for the duplicate, send nothing
            query = request.POST.get("duplicate_query", "")[:300]
            form = ReportForm(place=place, initial=_posted_initial(form, request.POST))
            form.candidates = duplicate_candidates(query, exclude=place)
        elif form.is_valid():
            reason = form.cleaned_data["reason"]
            contribution_submit(
                kind=ContributionKind.REPORT,
                place=place,
                report_reason=reason,
                duplicate_of=form.duplicate if reason == ReportReason.DUPLICATE else None,
                email=form.cleaned_data["email"],
                comment=form.cleaned_data["comment"],
                client_key=key,
            )
            client_count(client_key=key)
            return _thanks(place)
    else:
        form = ReportForm(place=place)
    return render(request, "contributions/contrib_report.html", {"form": form, "place": place})


@require_safe
def contribution_hours_preview(request: HttpRequest) -> HttpResponse:
    """The hours in plain French as one types them (an HTMX fragment)."""
    context = {"preview": hours_preview(request.GET.get("opening_hours", "")[:1000])}
    return render(request, "contributions/contrib_hours_preview.html", context)


@require_safe
def contribution_duplicate_search(request: HttpRequest, place_id: uuid.UUID) -> HttpResponse:
    """Places matching the text typed in "Lieu en double", as radio buttons (an HTMX fragment)."""
    place = place_get_public(place_id=place_id)
    query = request.GET.get("duplicate_query", "")[:300]
    candidates = duplicate_candidates(query, exclude=place)
    return render(
        request,
        "contributions/contrib_duplicate_candidates.html",
        {"candidates": candidates, "query": query.strip(), "live": True},
    )


@require_safe
def contribution_thanks(request: HttpRequest) -> HttpResponse:
    place = None
    try:
        place_id = uuid.UUID(request.GET.get("lieu", ""))
    except ValueError:
        place_id = None
    if place_id is not None:
        place = places_published().filter(pk=place_id).first()
    return render(request, "contributions/contrib_thanks.html", {"place": place})


# --- Moderation (animators) -----------------------------------------------------------------------------


def _contribution(contribution_id: int) -> Contribution:
    queryset = Contribution.objects.select_related("place", "duplicate_of", "decided_by")
    return get_object_or_404(queryset, pk=contribution_id)


def _after_decision(request: HttpRequest, contribution: Contribution) -> HttpResponse:
    following = contributions_pending().exclude(pk=contribution.pk).first()
    if following is not None:
        return redirect("contributions:moderation-item", following.pk)
    return redirect("contributions:moderation-list")


@animator_required
@require_safe
def moderation_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(contributions_pending(), 50).get_page(request.GET.get("page"))
    rows = [(item, contribution_title(item)) for item in page.object_list]
    return render(request, "contributions/contrib_queue.html", {"page": page, "rows": rows})


@animator_required
@require_safe
def moderation_item(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = _contribution(contribution_id)
    return _item_page(request, contribution, RejectForm())


def _item_page(request: HttpRequest, contribution: Contribution, reject_form: RejectForm) -> HttpResponse:
    context = {
        "contribution": contribution,
        "sheet": moderation_sheet(contribution),
        "reject_form": reject_form,
        "pending": contributions_pending().count(),
    }
    return render(
        request, "contributions/contrib_item.html", context, status=400 if reject_form.errors else 200
    )


@animator_required
@require_POST
def moderation_approve(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = _contribution(contribution_id)
    try:
        outcome = contribution_approve(contribution=contribution, moderator=request.user)  # type: ignore[arg-type]
    except ContributionError as error:
        messages.error(request, str(error))
        return redirect("contributions:moderation-item", contribution.pk)
    messages.success(request, outcome.message)
    return _after_decision(request, contribution)


@animator_required
@require_POST
def moderation_reject(request: HttpRequest, contribution_id: int) -> HttpResponse:
    contribution = _contribution(contribution_id)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _item_page(request, contribution, form)
    try:
        outcome = contribution_reject(
            contribution=contribution,
            moderator=request.user,  # type: ignore[arg-type]
            reason=form.cleaned_data["reason"],
        )
    except ContributionError as error:
        messages.error(request, str(error))
        return redirect("contributions:moderation-item", contribution.pk)
    messages.success(request, outcome.message)
    return _after_decision(request, contribution)


@animator_required
@require_http_methods(["GET", "HEAD", "POST"])
def moderation_edit(request: HttpRequest, contribution_id: int) -> HttpResponse:
    """The proposal in the card's form, for the moderator to adjust, then approve."""
    contribution = _contribution(contribution_id)
    sheet = moderation_sheet(contribution)
    if not sheet.editable:
        messages.error(request, "Ce signalement ne se modifie pas : acceptez-le ou refusez-le.")
        return redirect("contributions:moderation-item", contribution.pk)
    place = contribution.place
    preview = None
    if request.method == "POST" and request.POST.get("action") == "preview":
        initial = _posted_initial(ModeratorEditForm(place=place), request.POST)
        form = ModeratorEditForm(place=place, initial=initial)
        preview = hours_preview(request.POST.get("opening_hours", ""))
    elif request.method == "POST":
        form = ModeratorEditForm(request.POST, place=place)
        if form.is_valid():
            try:
                outcome = contribution_approve(
                    contribution=contribution,
                    moderator=request.user,  # type: ignore[arg-type]
                    changes=form.changes(),
                )
            except ContributionError as error:
                messages.error(request, str(error))
                return redirect("contributions:moderation-item", contribution.pk)
            messages.success(request, outcome.message)
            return _after_decision(request, contribution)
    else:
        initial = data_initial(contribution.data)
        if place is not None:
            form = ModeratorEditForm(place=place)
            form.initial.update(initial)
        else:
            form = ModeratorEditForm(initial=initial)
    context = {
        "form": form,
        "contribution": contribution,
        "sheet": sheet,
        "place": place,
        "preview": preview,
        "previewing": preview is not None,
    }
    return render(request, "contributions/contrib_edit.html", context)
