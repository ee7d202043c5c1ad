"""The reports: index, annual report and monthly summary (HTML, PDF, DOCX, ODT), regenerate, publish,
the animator's text per mission. Private until published; animators write."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from maillage.accounts.permissions import animator_required, is_animator
from maillage.core.pdf import render_pdf
from maillage.interop.officedoc.opendocument import odt_write
from maillage.interop.officedoc.wordprocessing import docx_write
from maillage.reporting.domain.periods import Period
from maillage.reporting.models import Convention, Mission
from maillage.reporting.presenters import report_document, report_sections
from maillage.reporting.selectors import (
    convention_of_year,
    conventions_all,
    mission_texts,
    report_data,
    report_of,
    reports_published,
    snapshot_with_live_missions,
)
from maillage.reporting.services import mission_text_save, report_publish, report_regenerate

FILE_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
PRIVATE = "Ce bilan n'est pas encore publié : seule l'animation du réseau peut le lire."


def _period(year: int, month: int = 0) -> Period:
    try:
        return Period(year, month)
    except ValueError as error:
        raise Http404(str(error)) from None


def _convention(period: Period) -> Convention:
    convention = convention_of_year(period.year)
    if convention is None:
        raise Http404(f"Aucune convention ne couvre l'année {period.year}.")
    return convention


def _context(request: HttpRequest, period: Period) -> dict[str, Any]:
    convention = _convention(period)
    report = report_of(convention, period)
    animator = is_animator(request.user)
    if not animator and (report is None or not report.is_published):
        if request.user.is_authenticated:
            raise PermissionDenied(PRIVATE)
        raise Http404(PRIVATE)
    generated = report is not None and report.generated_at is not None
    if generated and report is not None:
        snapshot = snapshot_with_live_missions(report.snapshot, convention)
    else:
        snapshot = report_data(convention, period)
    sections = report_sections(snapshot, mission_texts(convention, period))
    kind = "Synthèse mensuelle" if period.is_month else "Bilan annuel"
    return {
        "convention": convention,
        "period": period,
        "report": report,
        "generated": generated,
        "snapshot": snapshot,
        "sections": sections,
        "title": f"{kind} {period.label}",
        "can_write": animator,
        "url_args": [period.year, period.month] if period.is_month else [period.year],
    }


@require_GET
def report_index(request: HttpRequest) -> HttpResponse:
    animator = is_animator(request.user)
    conventions = list(conventions_all()) if animator else []
    published = reports_published()
    return render(
        request,
        "reporting/report_index.html",
        {"conventions": conventions, "published": published, "can_write": animator},
    )


@require_GET
def report_detail(request: HttpRequest, year: int, month: int = 0) -> HttpResponse:
    context = _context(request, _period(year, month))
    return render(request, "reporting/report.html", context)


@require_GET
def report_file(request: HttpRequest, year: int, ext: str, month: int = 0) -> HttpResponse:
    if ext not in FILE_TYPES:
        raise Http404("Formats proposés : pdf, docx, odt.")
    context = _context(request, _period(year, month))
    if ext == "pdf":
        content = render_pdf("reporting/report_print.html", context)
    else:
        document = report_document(context["snapshot"], context["sections"], title=context["title"])
        content = docx_write(document) if ext == "docx" else odt_write(document)
    response = HttpResponse(content, content_type=FILE_TYPES[ext])
    stem = f"bilan-{year}" + (f"-{month:02d}" if month else "")
    response["Content-Disposition"] = f'attachment; filename="{stem}.{ext}"'
    return response


def _posted_period(request: HttpRequest, year: int) -> Period:
    month = request.POST.get("mois", "0")
    return _period(year, int(month) if month.isdigit() else 0)


def _back(period: Period, anchor: str = "") -> str:
    if period.is_month:
        url = reverse("reporting:report-month", args=[period.year, period.month])
    else:
        url = reverse("reporting:report-detail", args=[period.year])
    return url + (f"#{anchor}" if anchor else "")


@animator_required
@require_POST
def report_regenerate_view(request: HttpRequest, year: int) -> HttpResponse:
    period = _posted_period(request, year)
    report_regenerate(convention=_convention(period), period=period, author=request.user)
    messages.success(request, "Chiffres recalculés. Les textes des missions sont conservés.")
    return redirect(_back(period))


@animator_required
@require_POST
def report_publish_view(request: HttpRequest, year: int) -> HttpResponse:
    period = _posted_period(request, year)
    published = request.POST.get("publier") == "1"
    report_publish(convention=_convention(period), period=period, published=published, author=request.user)
    messages.success(request, "Bilan publié." if published else "Bilan retiré : il redevient privé.")
    return redirect(_back(period))


@animator_required
@require_POST
def mission_text_view(request: HttpRequest, year: int, mission_id: int) -> HttpResponse:
    period = _posted_period(request, year)
    mission = get_object_or_404(Mission, pk=mission_id, convention=_convention(period))
    text = request.POST.get("texte", "")
    if len(text) > 20000:
        messages.error(request, "Texte trop long (20 000 caractères au plus) : il n'a pas été enregistré.")
    else:
        mission_text_save(mission=mission, period=period, text=text, author=request.user)
        messages.success(request, f"Texte de la mission « {mission.title[:60]} » enregistré.")
    position = list(mission.convention.missions.order_by("position", "pk").values_list("pk", flat=True))
    return redirect(_back(period, f"mission-{position.index(mission.pk) + 1}"))
