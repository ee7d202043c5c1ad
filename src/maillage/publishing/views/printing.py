"""Printed documents: one place's card and the booklet of a map selection, as PDF."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from maillage.places.selectors import place_get_public
from maillage.publishing.forms import PlaceSearchForm
from maillage.publishing.printing import booklet_pdf, card_pdf


def _pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@require_safe
def place_card_pdf(request: HttpRequest, place_id: uuid.UUID) -> HttpResponse:
    place = place_get_public(place_id=place_id)
    return _pdf_response(card_pdf(place, timezone.now()), f"fiche-{place.pk}.pdf")


@require_safe
def map_booklet_pdf(request: HttpRequest) -> HttpResponse:
    form = PlaceSearchForm(request.GET)
    now = timezone.now()
    return _pdf_response(
        booklet_pdf(
            form.search_filters(now=now), now, selection=form.selection_lines(), errors=form.error_list()
        ),
        "livret-lieux.pdf",
    )
