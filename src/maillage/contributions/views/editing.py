"""Editing a card (its structure's editors, animators, its contact through a freshness link), its public
history with one-action restores, and the animator's freshness dashboard."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST, require_safe

from maillage.accounts.permissions import animator_required, can_edit_place, editor_required
from maillage.contributions.forms.editing import PlaceEditForm
from maillage.contributions.selectors import (
    STALE_ORDERS,
    history_lines,
    person_label,
    places_stale,
    version_of_place,
    versions_of_place,
)
from maillage.contributions.services import freshness
from maillage.contributions.services.editing import place_apply_changes, place_restore
from maillage.places.domain.hours import describe_hours, validate_hours
from maillage.places.enums import PlaceStatus, VersionOrigin
from maillage.places.models import Place

NOT_YOURS = "Seuls les membres de la structure de ce lieu et l'animation du réseau peuvent modifier sa fiche."
HISTORY_PAGE = 30
STALE_PAGE = 50


def _place(place_id: uuid.UUID) -> Place:
    """Any place but an archived one (drafts can be edited too)."""
    return get_object_or_404(Place.objects.exclude(status=PlaceStatus.ARCHIVED), pk=place_id)


def _after_save(place: Place, fallback: str) -> HttpResponse:
    if place.status == PlaceStatus.PUBLISHED:
        return redirect("publishing:place-detail", place.pk)
    return redirect(fallback)


def _edit_context(form: PlaceEditForm, place: Place, **extra: Any) -> dict[str, Any]:
    hours, hours_error = form.hours_preview()
    return {"form": form, "place": place, "hours_preview": hours, "hours_error": hours_error, **extra}


@editor_required
@require_http_methods(["GET", "POST"])
def place_edit(request: HttpRequest, place_id: uuid.UUID) -> HttpResponse:
    place = _place(place_id)
    if not can_edit_place(request.user, place):
        raise PermissionDenied(NOT_YOURS)
    form = PlaceEditForm(request.POST if request.method == "POST" else None, place=place)
    if request.method == "POST" and request.POST.get("action") != "preview" and form.is_valid():
        changes = form.changes()
        if not changes:
            messages.info(request, "Aucune modification : la fiche est inchangée.")
            return _after_save(place, request.path)
        place_apply_changes(
            place=place,
            changes=changes,
            author=request.user,  # type: ignore[arg-type]
            origin=VersionOrigin.EDIT,
            author_label=person_label(request.user),
            comment=form.cleaned_data["comment"],
        )
        messages.success(request, "Fiche publiée : vos modifications sont en ligne et dans l'historique.")
        return _after_save(place, request.path)
    return render(request, "contributions/edit_place.html", _edit_context(form, place))


@require_GET
def hours_preview(request: HttpRequest) -> HttpResponse:
    """The typed opening hours in plain French (an HTMX fragment of the edit forms)."""
    expr = request.GET.get("opening_hours", "")[:1000]
    error = validate_hours(expr)
    context = {"hours_preview": [] if error else describe_hours(expr), "hours_error": error}
    return render(request, "contributions/edit_hours_preview.html", context)


@require_safe
def place_history(request: HttpRequest, place_id: uuid.UUID) -> HttpResponse:
    place = get_object_or_404(Place, pk=place_id)
    can_edit = can_edit_place(request.user, place)
    if place.status != PlaceStatus.PUBLISHED and not can_edit:
        raise Http404("Lieu introuvable")
    versions = versions_of_place(place=place)
    newest = versions.values_list("pk", flat=True).first()
    page = Paginator(versions, HISTORY_PAGE).get_page(request.GET.get("page"))
    context = {
        "place": place,
        "page": page,
        "lines": history_lines(page.object_list, newest_pk=newest),
        "can_restore": can_edit,
    }
    return render(request, "contributions/history.html", context)


@require_POST
def version_restore(request: HttpRequest, place_id: uuid.UUID, version_id: int) -> HttpResponse:
    place = _place(place_id)
    history = reverse("contributions:place-history", args=[place.pk])
    if not request.user.is_authenticated:
        return redirect_to_login(history)
    if not can_edit_place(request.user, place):
        raise PermissionDenied(NOT_YOURS)
    version = version_of_place(place=place, version_id=version_id)
    if version is None:
        raise Http404("Version introuvable")
    restored = place_restore(version=version, author=request.user)  # type: ignore[arg-type]
    when = timezone.localtime(version.created_at)
    if restored is None:
        messages.info(request, f"La fiche est déjà celle du {when:%d/%m/%Y à %H:%M} : rien à restaurer.")
    else:
        messages.success(
            request, f"Version du {when:%d/%m/%Y à %H:%M} restaurée (nouvelle ligne d'historique)."
        )
    return redirect(history)


@never_cache
@require_http_methods(["GET", "POST"])
def place_verify_link(request: HttpRequest, place_id: uuid.UUID, token: str) -> HttpResponse:
    """The link e-mailed to a stale place's contact: check or correct the card without an account."""
    try:
        freshness.freshness_token_check(token=token, place_id=place_id)
    except freshness.FreshnessLinkExpired:
        context = {"expired": True, "days": freshness.link_validity().days}
        return render(request, "contributions/freshness_link_error.html", context, status=410)
    except freshness.FreshnessLinkError:
        return render(request, "contributions/freshness_link_error.html", {"expired": False}, status=400)
    place = _place(place_id)
    action = request.POST.get("action")
    if request.method == "POST" and action == "confirm":
        freshness.place_verify(place=place)
        messages.success(request, f"Merci ! La fiche est marquée à jour au {timezone.localdate():%d/%m/%Y}.")
        return _after_save(place, request.path)
    form = PlaceEditForm(request.POST if request.method == "POST" else None, place=place)
    if request.method == "POST" and action != "preview" and form.is_valid():
        freshness.place_contact_edit(
            place=place, changes=form.changes(), comment=form.cleaned_data["comment"]
        )
        messages.success(request, "Merci ! Vos corrections sont publiées et la fiche est marquée à jour.")
        return _after_save(place, request.path)
    return render(request, "contributions/freshness_verify.html", _edit_context(form, place))


@animator_required
@require_safe
def freshness_list(request: HttpRequest) -> HttpResponse:
    order = request.GET.get("tri", "anciennete")
    order = order if order in STALE_ORDERS else "anciennete"
    stale = places_stale(today=timezone.localdate(), order=order)
    page = Paginator(stale, STALE_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "order": order,
        "months": settings.MAILLAGE_FRESHNESS_MONTHS,
        "link_days": freshness.link_validity().days,
    }
    return render(request, "contributions/freshness_list.html", context)
