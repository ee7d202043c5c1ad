"""Members' pages: ask for a kit, follow one's requests, cancel, accept other dates, ask for support."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from maillage.accounts.models import Structure
from maillage.accounts.permissions import editor_required, is_animator, structure_ids_of, structures_of
from maillage.lending.forms import BookingRequestForm, SupportForm
from maillage.lending.models import Booking, Kit
from maillage.lending.selectors import bookings_of_structures, kit_get, supports_of_structures
from maillage.lending.services.bookings import (
    BookingError,
    booking_proposal_accept,
    booking_request,
    may_request_for,
)
from maillage.lending.services.bookings import (
    booking_cancel as cancel_service,
)
from maillage.lending.services.support import support_request


def _structures(user: Any) -> QuerySet[Structure]:
    return Structure.objects.order_by("name") if is_animator(user) else structures_of(user)


def form_error(form: forms.Form, error: BookingError) -> None:
    """Put a service's refusal on the field it names (or on the form)."""
    form.add_error(error.field if error.field in form.fields else None, error.message)


@editor_required
@require_http_methods(["GET", "POST"])
def booking_new(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        kit = kit_get(slug)
    except Kit.DoesNotExist as exc:
        raise Http404("Ce kit n'est pas au catalogue.") from exc
    structures = _structures(request.user)
    form = BookingRequestForm(request.POST or None, structures=structures, initial=request.GET.dict())
    free = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booking = booking_request(
                kit=kit,
                structure=data["structure"],
                user=request.user,
                start=data["start"],
                end=data["end"],
                purpose=data["purpose"],
                audience=data["audience"],
                expected_people=data["expected_people"],
                event=data["event"],
                commune_id=data["commune"].pk if data["commune"] else None,
                waiting_list=data["waiting_list"],
            )
        except BookingError as error:
            form_error(form, error)
            free = error.free
        else:
            waiting = booking.status == "attente"
            messages.success(
                request,
                "Vous êtes en liste d'attente." if waiting else "Demande envoyée à l'animation du réseau.",
            )
            return redirect(booking)
    status = 422 if request.method == "POST" else 200
    context = {"kit": kit, "form": form, "free": free}
    return render(request, "lending/booking_form.html", context, status=status)


def _booking_for(request: HttpRequest, booking_id: int) -> Booking:
    booking = get_object_or_404(
        Booking.objects.select_related("kit", "unit", "structure", "event", "commune"), pk=booking_id
    )
    if not (is_animator(request.user) or booking.structure_id in structure_ids_of(request.user)):
        raise PermissionDenied("Réservé à la structure qui a demandé et à l'animation du réseau.")
    return booking


@editor_required
@require_safe
def booking_detail(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = _booking_for(request, booking_id)
    context = {
        "booking": booking,
        "checks": booking.checks.select_related("item").order_by("phase", "item__position"),
        "member": may_request_for(request.user, booking.structure),
        "animator": is_animator(request.user),
    }
    return render(request, "lending/booking_detail.html", context)


@editor_required
@require_POST
def booking_cancel(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = _booking_for(request, booking_id)
    try:
        cancel_service(booking=booking, by=request.user)
    except BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Réservation annulée.")
    return redirect(booking)


@editor_required
@require_POST
def booking_accept(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = _booking_for(request, booking_id)
    try:
        booking_proposal_accept(booking=booking, by=request.user)
    except BookingError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Dates acceptées : le prêt est confirmé.")
    return redirect(booking)


@editor_required
@require_safe
def my_requests(request: HttpRequest) -> HttpResponse:
    ids = structure_ids_of(request.user)
    context = {"bookings": bookings_of_structures(ids), "supports": supports_of_structures(ids)}
    return render(request, "lending/my_requests.html", context)


@editor_required
@require_http_methods(["GET", "POST"])
def support_new(request: HttpRequest) -> HttpResponse:
    form = SupportForm(request.POST or None, structures=_structures(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            support_request(
                structure=data["structure"],
                user=request.user,
                title=data["title"],
                start=data["start"],
                end=data["end"],
                needs=data["needs"],
                description=data["description"],
                audience=data["audience"],
                event=data["event"],
                commune_id=data["commune"].pk if data["commune"] else None,
            )
        except BookingError as error:
            form_error(form, error)
        else:
            messages.success(request, "Demande de soutien envoyée à l'animation du réseau.")
            return redirect("lending:my-requests")
    status = 422 if request.method == "POST" else 200
    return render(request, "lending/support_form.html", {"form": form}, status=status)
