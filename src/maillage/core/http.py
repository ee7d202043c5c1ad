"""Small HTTP helpers shared by views and API routes."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import quote_etag

GEOJSON = "application/geo+json"


def conditional_response(
    request: HttpRequest, *, etag: str, max_age: int, body: Callable[[], bytes], content_type: str = GEOJSON
) -> HttpResponseBase:
    """The body (built only when needed), or 304 when the client holds this version (`If-None-Match`)."""
    quoted = quote_etag(etag)
    response = get_conditional_response(request, etag=quoted) or HttpResponse(
        body(), content_type=content_type
    )
    response.headers["ETag"] = quoted
    patch_cache_control(response, public=True, max_age=max_age)
    return response
