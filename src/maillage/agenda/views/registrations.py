"""Register for a slot (no account), cancel through the signed link, the organiser's participants list."""

from __future__ import annotations

import csv
import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from maillage.accounts.permissions import editor_required
from maillage.agenda.forms import OrganiserRegistrationForm, RegistrationForm
from maillage.agenda.models import Event, EventSlot, Registration
from maillage.agenda.selectors import participants_of, slot_seats
from maillage.agenda.services.events import may_publish_for
from maillage.agenda.services.mail import cancel_token_read
from maillage.agenda.services.registrations import (
    RegistrationError,
    registration_cancel,
    registration_register,
    registration_remove,
)
from maillage.agenda.views.public import event_detail_context, event_visible, registration_slots
from maillage.contributions.services.contributions import client_count, client_rate_limited
from maillage.contributions.views.contributions import client_key
from maillage.interop.event_feeds.dates import format_slot_fr

PARTICIPANTS_REFUSED = (
    "La liste des personnes inscrites est réservée à la structure organisatrice et à l'animation."
)


@require_POST
def event_register(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    event = event_visible(request, event_id)
    key = client_key(request)
    if client_rate_limited(client_key=key):
        return render(request, "contributions/contrib_rate_limited.html", {"minutes": 10}, status=429)
    form = RegistrationForm(request.POST, slots=registration_slots(event))
    if form.is_spam():
        client_count(client_key=key)
        return redirect("agenda:registration-done")
    if form.is_valid():
        slot = EventSlot.objects.get(pk=form.cleaned_data["slot"], event=event)
        try:
            registration = registration_register(
                slot=slot,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
            )
        except RegistrationError as exc:
            form.add_error(None, str(exc))
        else:
            client_count(client_key=key)
            request.session["agenda_registration"] = registration.status
            return redirect("agenda:registration-done")
    context = event_detail_context(request, event, form)
    return render(request, "agenda/event_detail.html", context, status=400)


@require_safe
def registration_done(request: HttpRequest) -> HttpResponse:
    status = request.session.pop("agenda_registration", "")
    return render(request, "agenda/registration_done.html", {"status": status})


@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel_view(request: HttpRequest, token: str) -> HttpResponse:
    read = cancel_token_read(token)
    if read is None:
        return render(request, "agenda/registration_cancel.html", {"invalid": True}, status=400)
    if request.method == "POST":
        try:
            registration = registration_cancel(token=token)
        except RegistrationError as exc:
            return render(request, "agenda/registration_cancel.html", {"error": str(exc)}, status=400)
        return render(
            request, "agenda/registration_cancel.html", {"done": True, "registration": registration}
        )
    found = Registration.objects.select_related("slot__event").filter(pk=read[0], email=read[1]).first()
    when = format_slot_fr(found.slot.begin, found.slot.end) if found else ""
    return render(request, "agenda/registration_cancel.html", {"registration": found, "when": when})


def _cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula (names are typed by visitors)."""
    text = str(value)
    return f"'{text}" if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def _organiser_only(request: HttpRequest, event_id: uuid.UUID) -> Event:
    event = event_visible(request, event_id)
    if not may_publish_for(request.user, event.organiser):
        raise PermissionDenied(PARTICIPANTS_REFUSED)
    return event


@editor_required
@require_safe
def participants(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    event = _organiser_only(request, event_id)
    return _participants_page(request, event, OrganiserRegistrationForm(slots=registration_slots(event)))


@editor_required
@require_POST
def participant_add(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    """The organiser registers someone who called or came by (no e-mail needed, no visitor rate limit)."""
    event = _organiser_only(request, event_id)
    form = OrganiserRegistrationForm(request.POST, slots=registration_slots(event))
    if form.is_valid():
        slot = get_object_or_404(EventSlot, pk=form.cleaned_data["slot"], event=event)
        try:
            registration = registration_register(
                slot=slot,
                name=form.cleaned_data["name"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
            )
        except RegistrationError as exc:
            form.add_error(None, str(exc))
        else:
            state = registration.get_status_display().lower()
            messages.success(request, f"{registration.name} est inscrit·e ({state}).")
            return redirect("agenda:participants", event_id=event.pk)
    return _participants_page(request, event, form, status=400)


def _participants_page(
    request: HttpRequest, event: Event, form: OrganiserRegistrationForm, status: int = 200
) -> HttpResponse:
    slots = []
    registrations = list(participants_of(event))
    for slot in event.slots.all():
        confirmed, waiting = slot_seats(slot)
        slots.append(
            {
                "slot": slot,
                "label": format_slot_fr(slot.begin, slot.end),
                "confirmed": confirmed,
                "waiting": waiting,
                "people": [r for r in registrations if r.slot_id == slot.pk],
            }
        )
    context = {"event": event, "slots": slots, "form": form}
    return render(request, "agenda/participants.html", context, status=status)


@editor_required
@require_safe
def participants_csv(request: HttpRequest, event_id: uuid.UUID) -> HttpResponse:
    event = _organiser_only(request, event_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inscriptions-{event.pk}.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 with a BOM
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["créneau", "statut", "rang", "nom", "courriel", "téléphone", "inscrit le"])
    for registration in participants_of(event):
        writer.writerow(
            [
                _cell(value)
                for value in (
                    format_slot_fr(registration.slot.begin, registration.slot.end),
                    registration.get_status_display(),
                    registration.position,
                    registration.name,
                    registration.email,
                    registration.phone,
                    registration.created_at.isoformat(timespec="minutes"),
                )
            ]
        )
    return response


@editor_required
@require_POST
def participant_remove(request: HttpRequest, event_id: uuid.UUID, registration_id: int) -> HttpResponse:
    """The organiser cancels a registration; the first person waiting gets the seat."""
    event = _organiser_only(request, event_id)
    registration = get_object_or_404(Registration, pk=registration_id, slot__event=event)
    try:
        registration_remove(registration=registration)
    except RegistrationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Inscription de {registration.name} annulée.")
    return redirect("agenda:participants", event_id=event.pk)
