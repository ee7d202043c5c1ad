"""The annual gathering: its programme and registration per session, the animators' attendance list,
badges and attendance sheet (PDF)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from maillage.accounts.permissions import animator_required
from maillage.agenda.services.mail import PARIS
from maillage.core.pdf import render_pdf
from maillage.network.forms import GatheringRegistrationForm
from maillage.network.models import Gathering
from maillage.network.selectors_gathering import gathering_programme, gathering_registrations
from maillage.network.services.gathering import GatheringError, attendance_set, sessions_register
from maillage.network.views.public import refused_public


def _gathering(gathering_id: int) -> Gathering:
    gathering = gathering_programme(gathering_id=gathering_id)
    if gathering is None:
        raise Http404("Rencontre introuvable")
    return gathering


def _choices(gathering: Gathering) -> list[tuple[int, str]]:
    return [
        (s.pk, f"{s.begin.astimezone(PARIS):%H:%M} · {s.title}")
        for s in gathering.sessions.all()
        if s.begin > timezone.now()
    ]


def _page(
    request: HttpRequest, gathering: Gathering, form: GatheringRegistrationForm, status: int = 200
) -> HttpResponse:
    return render(request, "network/gathering.html", {"gathering": gathering, "form": form}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def programme(request: HttpRequest, gathering_id: int) -> HttpResponse:
    gathering = _gathering(gathering_id)
    if request.method != "POST":
        return _page(request, gathering, GatheringRegistrationForm(sessions=_choices(gathering)))
    form = GatheringRegistrationForm(request.POST, sessions=_choices(gathering))
    if (refused := refused_public(request, form, gathering.get_absolute_url())) is not None:
        return refused
    if form.is_valid():
        data = form.cleaned_data
        try:
            made = sessions_register(
                gathering=gathering,
                session_ids=data["sessions"],
                name=data["name"],
                email=data["email"],
                organisation=data["organisation"],
            )
        except GatheringError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request, f"Inscription enregistrée à {len(made)} session{'s' if len(made) > 1 else ''}."
            )
            return redirect("network:gathering", gathering_id=gathering.pk)
    return _page(request, _gathering(gathering_id), form, status=400)


@animator_required
@require_safe
def attendance(request: HttpRequest, gathering_id: int) -> HttpResponse:
    gathering = _gathering(gathering_id)
    context = {"gathering": gathering, "registrations": gathering_registrations(gathering)}
    return render(request, "network/gathering_attendance.html", context)


@animator_required
@require_POST
def attendance_save(request: HttpRequest, gathering_id: int) -> HttpResponse:
    gathering = _gathering(gathering_id)
    present = {int(value) for value in request.POST.getlist("present") if value.isdigit()}
    count = attendance_set(gathering=gathering, present_ids=present)
    messages.success(request, f"Présences enregistrées : {count}.")
    return redirect("network:gathering-attendance", gathering_id=gathering.pk)


def _pdf(gathering: Gathering, template: str, filename: str) -> HttpResponse:
    context = {
        "gathering": gathering,
        "registrations": gathering_registrations(gathering),
        "now": timezone.now(),
    }
    response = HttpResponse(render_pdf(template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@animator_required
@require_safe
def badges_pdf(request: HttpRequest, gathering_id: int) -> HttpResponse:
    return _pdf(_gathering(gathering_id), "network/print/badges.html", f"badges-{gathering_id}.pdf")


@animator_required
@require_safe
def attendance_pdf(request: HttpRequest, gathering_id: int) -> HttpResponse:
    return _pdf(_gathering(gathering_id), "network/print/attendance.html", f"emargement-{gathering_id}.pdf")
