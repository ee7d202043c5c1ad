"""The map of places (`/carte/`): one view for the page and its HTMX fragment, and its GeoJSON layers."""

from __future__ import annotations

import dataclasses
import gzip
import uuid
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import re_accepts_gzip
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_safe

from maillage.core.http import conditional_response
from maillage.publishing.forms import PlaceSearchForm, search_criteria
from maillage.publishing.presenters import place_list
from maillage.publishing.selectors import (
    LIST_LIMIT,
    list_origin,
    map_page,
    points_etag,
    points_geojson,
    territory_outlines,
)

POINTS_MAX_AGE = 60
OUTLINES_MAX_AGE = 24 * 3600
OUTLINES_ATTRIBUTION = "Contours des communes : IGN Admin Express (Licence Ouverte 2.0)"
PLACE_PLACEHOLDER = uuid.UUID(int=0)
# A layer's body, gzipped once per ETag (an ETag names one census version and one set of filters).
GZIP_CACHE_SECONDS = 3600
GZIP_MIN_LENGTH = 200  # what `gzip_page` leaves uncompressed


def _map_config(bounds: tuple[float, float, float, float] | None) -> dict[str, object]:
    south, west, north, east = bounds or (45.2, 3.68, 46.28, 4.77)
    return {
        "outlinesUrl": reverse("publishing:map-outlines"),
        "pointsUrl": reverse("publishing:map-points"),
        "placeUrl": reverse("publishing:place-detail", args=[PLACE_PLACEHOLDER]),
        "placePlaceholder": str(PLACE_PLACEHOLDER),
        "bounds": [[south, west], [north, east]],
        "tilesUrl": getattr(settings, "MAILLAGE_MAP_TILES_URL", ""),
        "tilesAttribution": getattr(settings, "MAILLAGE_MAP_TILES_ATTRIBUTION", ""),
        "outlinesAttribution": OUTLINES_ATTRIBUTION,
    }


HIDDEN_PARAMETERS = ("distance_km", "ouvert_a")


@require_safe
def place_map(request: HttpRequest) -> HttpResponse:
    form = PlaceSearchForm(request.GET)
    now = timezone.now()
    filters = form.search_filters(now=now)
    page = map_page(filters)
    criteria = search_criteria(form)
    listing = place_list(page.result.hits, filters, now, origin=list_origin(filters), limit=LIST_LIMIT)
    context = {
        "form": form,
        "page": page,
        "listing": listing,
        "criteria": criteria,
        "filter_criteria": [criterion for criterion in criteria if criterion.is_filter],
        "query_only": urlencode([("q", form.cleaned_data["q"])]) if form.cleaned_data.get("q") else "",
        "corrections": form.corrections,
        "without_position": (
            urlencode([pair for pair in form.parameters() if pair[0] not in ("lat", "lon")])
            if filters.point is not None
            else None
        ),
        "errors": form.error_list(),
        "bbox": filters.bbox,
        "bbox_param": dict(form.parameters()).get("bbox", ""),
        "whole_territory_query": urlencode(form.parameters(with_bbox=False)),
        # What the search asked that no field of the form shows: kept by its next searches and the points.
        "hidden_parameters": [pair for pair in form.parameters() if pair[0] in HIDDEN_PARAMETERS],
    }
    if request.headers.get("HX-Request"):
        response = render(request, "publishing/_map_results.html", context | {"oob": True})
    else:
        context["map_config"] = _map_config(territory_outlines().bounds)
        response = render(request, "publishing/map.html", context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@require_safe
@gzip_page
def map_points(request: HttpRequest) -> HttpResponseBase:
    """Published places as GeoJSON points, with the map's filters when given (never limited to a `bbox`)."""
    form = PlaceSearchForm(request.GET)
    now = timezone.now()
    filters = form.search_filters(now=now)
    filters = dataclasses.replace(filters, bbox=None)
    parameters = form.parameters(with_bbox=False)
    etag = points_etag(filters, parameters, now)
    seconds = 60 if filters.open_at is not None else GZIP_CACHE_SECONDS  # its ETag lasts a minute
    return _layer_response(
        request, etag=etag, max_age=POINTS_MAX_AGE, body=lambda: points_geojson(filters), seconds=seconds
    )


@require_safe
@gzip_page
def map_outlines(request: HttpRequest) -> HttpResponseBase:
    """The territory's communes and département as simplified GeoJSON polygons (cached)."""
    outlines = territory_outlines()
    return _layer_response(
        request,
        etag=outlines.etag,
        max_age=OUTLINES_MAX_AGE,
        body=lambda: outlines.body,
        seconds=GZIP_CACHE_SECONDS,
    )


def _layer_response(
    request: HttpRequest, *, etag: str, max_age: int, body: Callable[[], bytes], seconds: int
) -> HttpResponseBase:
    """What `gzip_page` would answer, with the gzipped body cached per ETag instead of compressed again
    on every request (the national points layer takes tens of milliseconds to compress). Same headers:
    `Content-Encoding: gzip`, a weak ETag and `Vary: Accept-Encoding` on a gzipped answer; bodies too
    short to gain are sent as they are (`gzip_page` then only adds `Vary`)."""
    if not re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")):
        return conditional_response(request, etag=etag, max_age=max_age, body=body)
    gzipped = False

    def cached_body() -> bytes:
        nonlocal gzipped
        key = f"maillage:map-layer-gzip:v1:{etag}"
        entry: tuple[bool, bytes] | None = cache.get(key)
        if entry is None:
            raw = body()
            # The layers are public and hold no secret: no random padding (BREACH) is needed.
            packed = gzip.compress(raw, compresslevel=6, mtime=0) if len(raw) >= GZIP_MIN_LENGTH else raw
            entry = (True, packed) if len(packed) < len(raw) else (False, raw)
            cache.set(key, entry, seconds)
        gzipped = entry[0]
        return entry[1]

    response = conditional_response(request, etag=etag, max_age=max_age, body=cached_body)
    if gzipped:
        response.headers["ETag"] = f"W/{response.headers['ETag']}"
        response.headers["Content-Encoding"] = "gzip"
        response.headers["Content-Length"] = str(len(response.content))  # type: ignore[attr-defined]
        patch_vary_headers(response, ["Accept-Encoding"])
    return response
