"""Content-Security-Policy and Permissions-Policy on every response.

The policy allows nothing inline (no `'unsafe-inline'`, no `'unsafe-eval'`): every script and style sheet
is a static file of this site, and the visitor's browser asks no other host for anything, except the map
tiles when `MAILLAGE_MAP_TILES_URL` names a remote tile server (their host joins `img-src`). Styles set
through the DOM (`element.style`, as Leaflet does) are not inline styles and stay allowed.

A view may set directives of its own in a `Content-Security-Policy` header: they replace the base ones of
the same name. That is how the embeddable pages (core/embedding.py, `frameable`) let the sites of
`MAILLAGE_EMBED_ALLOWED_ORIGINS` frame them, where every other page says `frame-ancestors 'none'`.

The other headers come from Django (settings in config/base.py): `SecurityMiddleware` sets
`X-Content-Type-Options: nosniff`, `Referrer-Policy`, `Cross-Origin-Opener-Policy` and, in production,
HSTS; `XFrameOptionsMiddleware` sets `X-Frame-Options: DENY` (embeddable views are exempt).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase

CSP = "Content-Security-Policy"
BASE_POLICY: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],  # the embed builder previews /embed/carte/ in an <iframe>
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Powerful browser features: none, except geolocation for this site ("me localiser" in /orienter/).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(self), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=()"
)


def tile_source(url: str) -> str | None:
    """The CSP source of a Leaflet tile URL template (`https://{s}.tile.example.org/{z}/{x}/{y}.png`).

    None for tiles served by this site (a relative URL or no URL). A `{s}` sub-domain placeholder
    becomes a `*.` wildcard; any other placeholder in the host leaves only the scheme (`https:`).
    """
    if not url:
        return None
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    host = parts.netloc
    if host.startswith("{s}."):
        host = "*." + host[len("{s}.") :]
    if "{" in host:
        return f"{parts.scheme}:"
    return f"{parts.scheme}://{host}"


def parse_policy(header: str) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def content_security_policy(*, tiles_url: str = "", view_policy: str = "") -> str:
    """The policy of a response: the base one, tile host added, a view's own directives winning."""
    policy = {name: list(sources) for name, sources in BASE_POLICY.items()}
    tiles = tile_source(tiles_url)
    if tiles:
        policy["img-src"].append(tiles)
    policy.update(parse_policy(view_policy))
    return "; ".join(" ".join([name, *sources]) for name, sources in policy.items())


class SecurityHeadersMiddleware:
    """Set `Content-Security-Policy` (merged with a view's own) and `Permissions-Policy`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        response.headers[CSP] = content_security_policy(
            tiles_url=getattr(settings, "MAILLAGE_MAP_TILES_URL", ""),
            view_policy=response.headers.get(CSP, ""),
        )
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
