"""The animators' moderation list of proposed events: publish or reject (with a reason)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from maillage.accounts.permissions import animator_required
from maillage.agenda.forms import RejectForm
from maillage.agenda.selectors import event_get_public, events_proposed
from maillage.agenda.services.events import EventError, event_publish, event_reject
from maillage.interop.event_feeds.dates import format_slot_fr


@animator_required
@require_safe
def moderation_list(request: HttpRequest) -> HttpResponse:
    events = list(events_proposed())
    for event in events:
        event.slot_labels = [format_slot_fr(s.begin, s.end) for s in event.slots.all()]  # type: ignore[attr-defined]
    return render(request, "agenda/moderation_list.html", {"events": events, "reject_form": RejectForm()})


@animator_required
@require_POST
def moderation_publish(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    try:
        event = event_publish(event=event_get_public(event_id=event_id), moderator=request.user)
    except EventError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"« {event.title} » est publié.")
    return redirect("agenda:moderation-list")


@animator_required
@require_POST
def moderation_reject(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Motif du refus : ce champ est obligatoire.")
        return redirect("agenda:moderation-list")
    try:
        event = event_reject(
            event=event_get_public(event_id=event_id),
            moderator=request.user,
            reason=form.cleaned_data["reason"],
        )
    except EventError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"« {event.title} » est refusé.")
    return redirect("agenda:moderation-list")
