"""CORS for the read API: any web page may GET `/api/v1/`; no other method is offered to other origins."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase

API_PREFIX = "/api/v1/"
READ_METHODS = ("GET", "HEAD")
ALLOWED_HEADERS = "If-None-Match, If-Modified-Since"
EXPOSED_HEADERS = "ETag, Last-Modified"
PREFLIGHT_MAX_AGE = "86400"


class ReadOnlyApiCorsMiddleware:
    """`Access-Control-Allow-Origin: *` on `/api/v1/` GET responses; preflights answered for GET only."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        if request.method == "OPTIONS" and "access-control-request-method" in request.headers:
            return self._preflight(request)
        response = self.get_response(request)
        if request.method in READ_METHODS:
            response.headers["Access-Control-Allow-Origin"] = "*"
            response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
        return response

    @staticmethod
    def _preflight(request: HttpRequest) -> HttpResponse:
        response = HttpResponse(status=204)
        if request.headers["access-control-request-method"].upper() in READ_METHODS:
            response.headers["Access-Control-Allow-Origin"] = "*"
            response.headers["Access-Control-Allow-Methods"] = ", ".join([*READ_METHODS, "OPTIONS"])
            response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response.headers["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
        return response
