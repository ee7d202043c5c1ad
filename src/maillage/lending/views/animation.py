"""The animator's desk: the queue, decisions, hand-over and return screens, units to clear, trainings,
event support to plan."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from maillage.accounts.permissions import animator_required
from maillage.agenda.services.mail import absolute
from maillage.lending.forms import ChecklistForm, ProposeForm, RefuseForm, SupportPlanForm, TrainingForm
from maillage.lending.models import Booking, SupportRequest, Unit
from maillage.lending.selectors import bookings_queue, supports_open, trained, units_blocked
from maillage.lending.services import bookings, handover, support
from maillage.lending.views.requests import form_error

FEED_SALT = "maillage.lending.staff-feed"


def feed_token(user_id: int) -> str:
    return signing.dumps({"u": user_id}, salt=FEED_SALT)


@animator_required
@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    context = {
        **bookings_queue(today=timezone.localdate()),
        "blocked": units_blocked(),
        "supports": supports_open(),
        "propose_form": ProposeForm(),
        "refuse_form": RefuseForm(),
        "plan_form": SupportPlanForm(),
        "feed_url": absolute(reverse("lending:staff-ics")) + "?cle=" + feed_token(request.user.pk or 0),
    }
    return render(request, "lending/queue.html", context)


def _booking(booking_id: int) -> Booking:
    return get_object_or_404(Booking.objects.select_related("kit", "structure", "unit"), pk=booking_id)


def _done(request: HttpRequest, error: bookings.BookingError | None, success: str) -> HttpResponse:
    if error is not None:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("lending:queue")


@animator_required
@require_POST
def approve(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = _booking(booking_id)
    try:
        bookings.booking_approve(booking=booking, by=request.user)
    except bookings.BookingError as error:
        return _done(request, error, "")
    return _done(request, None, f"Prêt confirmé : {booking.kit.name} pour {booking.structure.name}.")


@animator_required
@require_POST
def propose(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = _booking(booking_id)
    form = ProposeForm(request.POST)
    if not form.is_valid():
        return _done(request, bookings.BookingError("Dates proposées : indiquez deux dates valides."), "")
    try:
        bookings.booking_propose(
            booking=booking,
            by=request.user,
            start=form.cleaned_data["proposed_start"],
            end=form.cleaned_data["proposed_end"],
            note=form.cleaned_data["note"],
        )
    except bookings.BookingError as error:
        return _done(request, error, "")
    return _done(request, None, f"Autres dates proposées à {booking.structure.name}.")


@animator_required
@require_POST
def refuse(request: HttpRequest, booking_id: int) -> HttpResponse:
    booking = _booking(booking_id)
    try:
        bookings.booking_refuse(booking=booking, by=request.user, reason=request.POST.get("reason", ""))
    except bookings.BookingError as error:
        return _done(request, error, "")
    return _done(request, None, f"Demande de {booking.structure.name} refusée.")


def _lines(form: ChecklistForm) -> list[handover.CheckLine]:
    return [
        handover.CheckLine(
            item.pk,
            form.cleaned_data[f"item-{item.pk}"],
            form.cleaned_data[f"broken-{item.pk}"],
            form.cleaned_data[f"note-{item.pk}"],
        )
        for item in form.items
    ]


def _checklist(request: HttpRequest, booking_id: int, *, phase: str) -> HttpResponse:
    booking = _booking(booking_id)
    with_trainees = (
        phase == "out" and booking.kit.training_required and not trained(booking.kit, booking.structure_id)
    )
    form = ChecklistForm(request.POST or None, booking=booking, with_trainees=with_trainees)
    if request.method == "POST" and form.is_valid():
        try:
            if phase == "out":
                done = handover.booking_checkout(
                    booking=booking,
                    by=request.user,
                    lines=_lines(form),
                    trainees=form.cleaned_data.get("trainees", ""),
                )
            else:
                done = handover.booking_checkin(booking=booking, by=request.user, lines=_lines(form))
        except bookings.BookingError as error:
            form_error(form, error)
        else:
            unit = Unit.objects.get(pk=int(done.unit_id or 0))
            if unit.blocked:
                messages.warning(request, f"{unit} bloquée : {unit.blocked_reason}")
            messages.success(request, "Départ enregistré." if phase == "out" else "Retour enregistré.")
            return redirect("lending:queue")
    status = 422 if request.method == "POST" else 200
    context = {"booking": booking, "form": form, "phase": phase}
    return render(request, "lending/checklist.html", context, status=status)


@animator_required
@require_http_methods(["GET", "POST"])
def checkout(request: HttpRequest, booking_id: int) -> HttpResponse:
    return _checklist(request, booking_id, phase="out")


@animator_required
@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest, booking_id: int) -> HttpResponse:
    return _checklist(request, booking_id, phase="in")


@animator_required
@require_POST
def unit_clear(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = handover.unit_clear(unit=get_object_or_404(Unit, pk=unit_id), by=request.user)
    return _done(request, None, f"{unit} de nouveau disponible.")


@animator_required
@require_http_methods(["GET", "POST"])
def training_new(request: HttpRequest) -> HttpResponse:
    form = TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            handover.training_record(
                kit=data["kit"],
                structure=data["structure"],
                day=data["day"],
                trainees=data["trainees"],
                by=request.user,
                done=data["done"],
            )
        except bookings.BookingError as error:
            form_error(form, error)
        else:
            messages.success(request, "Prise en main enregistrée.")
            return redirect("lending:queue")
    status = 422 if request.method == "POST" else 200
    return render(request, "lending/training_form.html", {"form": form}, status=status)


@animator_required
@require_POST
def support_plan(request: HttpRequest, support_id: int) -> HttpResponse:
    found = get_object_or_404(SupportRequest, pk=support_id)
    form = SupportPlanForm(request.POST)
    if not form.is_valid():
        return _done(request, bookings.BookingError("Équipe ou kit : choix non valable."), "")
    data = form.cleaned_data
    try:
        support.support_plan(
            support=found, by=request.user, staff=list(data["staff"]), kit=data["kit"], answer=data["answer"]
        )
    except bookings.BookingError as error:
        return _done(request, error, "")
    return _done(request, None, f"Soutien planifié : {found.title}.")


@animator_required
@require_POST
def support_refuse(request: HttpRequest, support_id: int) -> HttpResponse:
    found = get_object_or_404(SupportRequest, pk=support_id)
    try:
        support.support_refuse(support=found, by=request.user, reason=request.POST.get("reason", ""))
    except bookings.BookingError as error:
        return _done(request, error, "")
    return _done(request, None, f"Soutien refusé : {found.title}.")
