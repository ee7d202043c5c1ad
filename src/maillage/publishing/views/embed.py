"""The embeddable map (`/embed/carte/`, for other sites' `<iframe>`s) and the page that writes its code.

The embedded map's filters are fixed by its query string (the map's own parameters); it reuses map.js
and the map's GeoJSON layers, sets no cookie and may be framed by any site (`core.embedding`).
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from maillage.core.embedding import frameable, no_cookies
from maillage.places.search import places_search
from maillage.publishing.forms import PlaceSearchForm
from maillage.publishing.forms_embed import BUILDER_PARAMETERS, EmbedSizeForm, embed_code
from maillage.publishing.selectors import LIST_LIMIT, territory_outlines
from maillage.publishing.views.map import _map_config

EMBED_TITLE = "Carte des lieux de médiation numérique"


def filters_summary(form: PlaceSearchForm) -> list[tuple[str, str]]:
    """(French field label, chosen values' labels) of the right parameters, for a read-only summary."""
    chosen: dict[str, list[str]] = {}
    for name, value in form.parameters(with_bbox=False):
        if name in ("lat", "lon"):  # a position orders the list, it narrows nothing
            continue
        field = form.fields[name]
        labels = dict(getattr(field, "choices", ()) or ())
        if name == "ouvert_maintenant":
            value = "oui"
        chosen.setdefault(str(field.label), []).append(str(labels.get(value, value)))
    return [(label, ", ".join(values)) for label, values in chosen.items()]


@require_safe
@no_cookies
@frameable
def embed_map(request: HttpRequest) -> HttpResponse:
    form = PlaceSearchForm(request.GET)
    filters = form.search_filters(now=timezone.now())
    result = places_search(dataclasses.replace(filters, bbox=None))
    query = urlencode(form.parameters(with_bbox=False))
    context = {
        "form": form,
        "result": result,
        "hits": result.hits[:LIST_LIMIT],
        "summary": filters_summary(form),
        "parameters": form.parameters(with_bbox=False),
        "full_map_url": reverse("publishing:map") + (f"?{query}" if query else ""),
        "map_config": _map_config(territory_outlines().bounds) | {"linkTarget": "_blank"},
        "embed_title": EMBED_TITLE,
    }
    return render(request, "publishing/embed_map.html", context)


@require_safe
def embed_builder(request: HttpRequest) -> HttpResponse:
    form = PlaceSearchForm(request.GET)
    size = EmbedSizeForm(request.GET)
    parameters = [
        (name, value) for name, value in form.parameters(with_bbox=False) if name in BUILDER_PARAMETERS
    ]
    query = urlencode(parameters)
    path = reverse("publishing:embed-map") + (f"?{query}" if query else "")
    width, height = size.chosen()
    public_url = settings.MAILLAGE_PUBLIC_URL.rstrip("/") + path
    context = {
        "form": form,
        "size": size,
        "errors": form.error_list(),
        "preview_path": path,
        "public_base": settings.MAILLAGE_PUBLIC_URL.rstrip("/") + reverse("publishing:embed-map"),
        "code": embed_code(public_url, title=EMBED_TITLE, width=width, height=height),
        "width": width,
        "height": height,
        "embed_title": EMBED_TITLE,
    }
    return render(request, "publishing/embed_builder.html", context)
