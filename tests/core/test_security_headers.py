"""Security headers on the pages, from the outside; and the templates keep no inline code for the CSP."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from maillage.core.security import content_security_policy, parse_policy, tile_source
from maillage.places.models import Place

SRC = Path(__file__).resolve().parents[2] / "src" / "maillage"
# Rendered to PDF by WeasyPrint on the server (no browser, no CSP): their inline style sheet is fine.
PDF_ONLY = {  # rendered by WeasyPrint or into an e-mail, never served as a page under the policy
    "publishing/print/card.html",
    "publishing/print/booklet.html",
    "publishing/print/index_measure.html",  # laid out by WeasyPrint to measure the index, never printed
    "orientation/sheet.html",
    "network/print/attendance.html",
    "network/print/badges.html",
    "reporting/report_print.html",
    "territory/diagnosis_pdf.html",
    "newsletters/email.html",  # an e-mail's HTML part (its animators' preview has its own policy)
}
PAGES = ["/", "/carte/", "/orienter/", "/donnees/", "/connexion/", "/carte/integrer/"]


def _policy(response: Any) -> dict[str, list[str]]:
    return parse_policy(response["Content-Security-Policy"])


@pytest.mark.django_db
def test_pages_forbid_inline_code_framing_and_other_hosts(loire_census: None, client: Client) -> None:
    place = Place.objects.filter(status="published").first()
    assert place is not None
    for url in [*PAGES, f"/lieux/{place.pk}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = _policy(response)
        assert policy["default-src"] == ["'self'"], url
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["img-src"] == ["'self'", "data:"], url  # no tile server configured: no other host
        assert policy["object-src"] == ["'none'"], url
        assert policy["base-uri"] == policy["form-action"] == ["'self'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        assert "unsafe" not in response["Content-Security-Policy"], url
        assert response["X-Frame-Options"] == "DENY", url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Referrer-Policy"] == "same-origin", url
        assert "camera=()" in response["Permissions-Policy"], url
        assert "geolocation=(self)" in response["Permissions-Policy"], url
        assert "Strict-Transport-Security" not in response, url  # development: no HSTS


@pytest.mark.django_db
def test_the_embed_keeps_its_allowed_origins_and_the_rest_of_the_policy(
    client: Client, settings: Any
) -> None:
    settings.MAILLAGE_EMBED_ALLOWED_ORIGINS = ["https://www.saint-etienne.fr"]
    response = client.get("/embed/carte/")
    policy = _policy(response)
    assert policy["frame-ancestors"] == ["https://www.saint-etienne.fr"]
    assert policy["script-src"] == policy["style-src"] == ["'self'"]
    assert "X-Frame-Options" not in response


@pytest.mark.django_db
def test_a_remote_tile_server_joins_img_src_only(client: Client, settings: Any) -> None:
    settings.MAILLAGE_MAP_TILES_URL = "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png"
    policy = _policy(client.get("/carte/"))
    assert policy["img-src"] == ["'self'", "data:", "https://*.tile.openstreetmap.org"]
    assert policy["connect-src"] == policy["default-src"] == ["'self'"]


@pytest.mark.parametrize(
    ("url", "source"),
    [
        ("", None),
        ("/tuiles/{z}/{x}/{y}.png", None),
        ("https://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("https://tile-{s}.example.org/{z}/{x}/{y}.png", "https:"),
        ("http://127.0.0.1:8080/{z}/{x}/{y}.png", "http://127.0.0.1:8080"),
    ],
)
def test_tile_source(url: str, source: str | None) -> None:
    assert tile_source(url) == source


def test_a_views_own_directive_replaces_the_base_one_only() -> None:
    policy = parse_policy(content_security_policy(view_policy="frame-ancestors https://a.example"))
    assert policy["frame-ancestors"] == ["https://a.example"]
    assert policy["default-src"] == ["'self'"]


@pytest.mark.django_db
def test_hsts_behind_its_setting_on_https(client: Client, settings: Any) -> None:
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"\sstyle=", re.I), "style attribute"),
    (re.compile(r"\son[a-z]+=", re.I), "on* handler"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
]


def test_no_template_holds_inline_code_the_policy_would_refuse() -> None:
    found = [
        f"{path.relative_to(SRC)}:{number}: {what}"
        for path in SRC.rglob("templates/**/*.html")
        if path.as_posix().split("/templates/", 1)[1] not in PDF_ONLY
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        for pattern, what in INLINE
        if pattern.search(line)
    ]
    assert found == []
