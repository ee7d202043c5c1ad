"""Small HTTP helpers shared by views and API routes."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag

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


def not_modified(
    request: HttpRequest, *, etag: str, last_modified: datetime.datetime | None
) -> tuple[HttpResponseBase | None, dict[str, str]]:
    """A 304 when the client holds this version (`If-None-Match`, else `If-Modified-Since`), and the
    validator headers to put on the full response otherwise."""
    headers = {"ETag": quote_etag(etag)}
    stamp = None
    if last_modified is not None:
        stamp = int(last_modified.timestamp())
        headers["Last-Modified"] = http_date(stamp)
    response = get_conditional_response(request, etag=headers["ETag"], last_modified=stamp)
    if response is not None:
        for name, value in headers.items():
            response.headers[name] = value
    return response, headers
