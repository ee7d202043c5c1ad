"""Views meant for other sites' `<iframe>`s: framing allowed, and no cookie ever sent.

Every other page keeps `X-Frame-Options: DENY` (config/base.py). An embedded page is read on somebody
else's site: it must leave nothing behind in the visitor's browser. Its view touches no session, no CSRF
token and no message; `no_cookies` makes sure of it, and also stops the middlewares that run after the
view (session, CSRF, messages) from adding a cookie of their own.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from http.cookies import SimpleCookie
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.views.decorators.clickjacking import xframe_options_exempt

View = Callable[..., HttpResponseBase]


def no_cookies(view: View) -> View:
    """The response sets no cookie, whatever the view or the middlewares would have done."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        response.cookies = SimpleCookie()
        # SessionMiddleware and MessageMiddleware skip a request without these attributes; the CSRF
        # middleware only sets its cookie when asked to.
        request.__dict__.pop("session", None)
        request.__dict__.pop("_messages", None)
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
        return response

    return wrapped


def frame_ancestors() -> str:
    """The `frame-ancestors` sources: `MAILLAGE_EMBED_ALLOWED_ORIGINS` (any site by default)."""
    origins = getattr(settings, "MAILLAGE_EMBED_ALLOWED_ORIGINS", ["*"]) or ["*"]
    return " ".join(origins)


def frameable(view: View) -> View:
    """Other sites may show the page in an `<iframe>` (only those of `MAILLAGE_EMBED_ALLOWED_ORIGINS`)."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = view(request, *args, **kwargs)
        response.headers["Content-Security-Policy"] = f"frame-ancestors {frame_ancestors()}"
        return response

    return xframe_options_exempt(wrapped)
