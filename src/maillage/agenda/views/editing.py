"""Create an event (editors and animators publish, anyone else proposes), edit it, change its status."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from maillage.accounts.models import Structure
from maillage.accounts.permissions import editor_required
from maillage.agenda.enums import Publication
from maillage.agenda.forms import EVENT_FIELDS, EventForm, StatusForm, slot_forms, slots_of
from maillage.agenda.models import Event
from maillage.agenda.selectors import event_get_public
from maillage.agenda.services.events import (
    EventError,
    event_create,
    event_set_status,
    event_update,
    may_publish_for,
)
from maillage.contributions.services.contributions import client_count, client_rate_limited
from maillage.contributions.views.contributions import client_key

EDIT_REFUSED = "Seules les structures organisatrices et l'animation du réseau modifient cet événement."


def _structures() -> object:
    return Structure.objects.order_by("name", "pk")


def _render_form(
    request: HttpRequest, form: EventForm, slots: list, event: Event | None, problems: list[str]
) -> HttpResponse:
    context = {"form": form, "slot_forms": slots, "event": event, "problems": problems}
    return render(request, "agenda/event_form.html", context, status=400 if problems or form.errors else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def event_new(request: HttpRequest) -> HttpResponse:
    user = request.user
    if request.method != "POST":
        form = EventForm(user=user, structures=_structures())
        return _render_form(request, form, slot_forms(), None, [])
    key = client_key(request)
    anonymous = not user.is_authenticated
    if anonymous and client_rate_limited(client_key=key):
        return render(request, "contributions/contrib_rate_limited.html", {"minutes": 10}, status=429)
    form = EventForm(request.POST, request.FILES, user=user, structures=_structures())
    slots = slot_forms(request.POST)
    if form.is_spam():
        client_count(client_key=key)
        return redirect("agenda:event-proposed")
    valid = form.is_valid()
    slot_inputs, problems = slots_of(slots)
    if valid and not problems:
        try:
            event = event_create(
                author=user,
                fields=form.fields_for_service(),
                slots=slot_inputs,
                proposer_email=form.cleaned_data.get("proposer_email", "") or getattr(user, "email", ""),
                client_key=key,
            )
        except EventError as exc:
            problems = exc.problems
        else:
            if event.publication == Publication.PUBLISHED:
                messages.success(request, f"« {event.title} » est publié dans l'agenda.")
                return redirect(event.get_absolute_url())
            if anonymous:
                client_count(client_key=key)
            return redirect("agenda:event-proposed")
    return _render_form(request, form, slots, None, problems)


@require_http_methods(["GET", "HEAD"])
def event_proposed(request: HttpRequest) -> HttpResponse:
    return render(request, "agenda/event_proposed.html")


def _editable(request: HttpRequest, event_id: uuid.UUID) -> Event:
    event = event_get_public(event_id=event_id)
    if not may_publish_for(request.user, event.organiser):
        raise PermissionDenied(EDIT_REFUSED)
    return event


@editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_edit(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    event = _editable(request, event_id)
    if request.method != "POST":
        initial = {name: getattr(event, name) for name in (*EVENT_FIELDS, "status")}
        initial["commune"] = event.commune_id or ""
        initial["image"] = event.image
        form = EventForm(initial=initial, user=request.user, structures=_structures(), event=event)
        return _render_form(request, form, slot_forms(event=event), event, [])
    form = EventForm(request.POST, request.FILES, user=request.user, structures=_structures(), event=event)
    slots = slot_forms(request.POST, event=event)
    valid = form.is_valid()
    slot_inputs, problems = slots_of(slots)
    if valid and not problems:
        try:
            event = event_update(
                event=event, author=request.user, fields=form.fields_for_service(), slots=slot_inputs
            )
        except EventError as exc:
            problems = exc.problems
        else:
            messages.success(request, "Événement modifié.")
            return redirect(event.get_absolute_url())
    return _render_form(request, form, slots, event, problems)


@editor_required
@require_http_methods(["GET", "HEAD", "POST"])
def event_status(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    """Cancel, postpone, mark full or programmed again; people registered are told."""
    event = _editable(request, event_id)
    form = StatusForm(request.POST or None, initial={"status": event.status})
    if request.method == "POST" and form.is_valid():
        event_set_status(
            event=event,
            author=request.user,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, "Statut de l'événement modifié.")
        return redirect(reverse("agenda:event-detail", args=[event.pk]))
    return render(request, "agenda/event_status.html", {"event": event, "form": form})
