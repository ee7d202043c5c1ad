"""The embeddable map (`/embed/carte/`) and its builder (`/carte/integrer/`), from the outside: headers
(no cookie, framing allowed there only), filters carried into the map's data, the `<iframe>` code."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.test import Client
from django.urls import path

from maillage.core.embedding import frameable, no_cookies
from maillage.home.demo import demo_load
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place

pytestmark = pytest.mark.django_db

SERVICE = "Accès internet et matériel informatique"
PUBLIC = "https://maillage.example.org"


@pytest.fixture(scope="module", autouse=True)
def loire_demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        demo_load(with_france=False)
        yield
        call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def commune() -> str:
    place = Place.objects.filter(status=PlaceStatus.PUBLISHED, services__has=SERVICE).first()
    assert place is not None
    return place.insee_code


def _config(content: bytes) -> dict[str, Any]:
    match = re.search(
        r'<script id="map-config" type="application/json">(.*?)</script>', content.decode(), re.S
    )
    assert match, "no map config"
    return json.loads(match.group(1))  # type: ignore[no-any-return]


def _textarea(content: bytes) -> str:
    match = re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', content.decode(), re.S)
    assert match, "no code"
    return html.unescape(match.group(1))


# --- Headers ------------------------------------------------------------------------------------


def test_embed_sets_no_cookie_even_for_a_visitor_with_a_session(client: Client) -> None:
    user = get_user_model().objects.create_user("membre", email="membre@example.org")
    client.force_login(user)
    full = client.get("/carte/")  # the logout form asks for a CSRF token: this page sets its cookie
    assert "csrftoken" in full.cookies
    assert "sessionid" in client.cookies
    response = client.get("/embed/carte/", {"services": SERVICE})
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in str(response.serialize_headers())
    assert b"csrfmiddlewaretoken" not in response.content


def test_embed_for_a_new_visitor_sets_no_cookie(client: Client) -> None:
    response = client.get("/embed/carte/")
    assert response.status_code == 200
    assert not response.cookies


def _greedy_view(request: HttpRequest) -> HttpResponse:
    """A view that does everything that sets a cookie: session, CSRF token, message, its own cookie."""
    request.session["seen"] = True
    get_token(request)
    messages.info(request, "Bonjour")
    response = HttpResponse("ok")
    response.set_cookie("own", "1")
    return response


urlpatterns = [
    path("greedy/", _greedy_view),
    path("greedy-embed/", no_cookies(frameable(_greedy_view))),
]


@pytest.mark.urls(__name__)
def test_no_cookies_also_stops_the_middlewares_cookies(client: Client) -> None:
    assert {"sessionid", "csrftoken", "messages", "own"} <= set(client.get("/greedy/").cookies)
    fresh = Client()
    response = fresh.get("/greedy-embed/")
    assert response.status_code == 200
    assert not response.cookies
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *;" in response["Content-Security-Policy"] + ";"


def test_embed_may_be_framed_and_other_pages_may_not(client: Client) -> None:
    embed = client.get("/embed/carte/")
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors *;" in embed["Content-Security-Policy"] + ";"
    for url in ("/carte/", "/carte/integrer/", "/", "/carte/lieux.geojson"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["X-Frame-Options"] == "DENY", url
        assert "frame-ancestors 'none'" in response["Content-Security-Policy"], url  # core/security.py


def test_embed_framing_limited_to_the_allowed_origins(client: Client, settings: Any) -> None:
    settings.MAILLAGE_EMBED_ALLOWED_ORIGINS = ["https://www.saint-etienne.fr", "https://cc-example.fr"]
    response = client.get("/embed/carte/")
    assert "frame-ancestors https://www.saint-etienne.fr https://cc-example.fr;" in (
        response["Content-Security-Policy"] + ";"
    )


# --- The embedded map ---------------------------------------------------------------------------


def test_embed_carries_its_filters_into_the_map_data(client: Client, commune: str) -> None:
    response = client.get("/embed/carte/", {"services": SERVICE, "code_insee": commune, "bbox": "1,2,3,4"})
    content = response.content.decode()
    assert "site-header" not in content
    assert "site-footer" not in content
    assert 'id="map-form"' in content
    assert f'<input type="hidden" name="services" value="{html.escape(SERVICE)}">' in content
    assert f'<input type="hidden" name="code_insee" value="{commune}">' in content
    assert "1,2,3,4" not in content  # the embedded map shows all its places
    config = _config(response.content)
    assert config["pointsUrl"] == "/carte/lieux.geojson"
    assert config["outlinesUrl"] == "/carte/contours.geojson"
    assert config["linkTarget"] == "_blank"
    count = int(re.search(r'data-count="(\d+)"', content).group(1))  # type: ignore[union-attr]
    points = client.get(config["pointsUrl"], {"services": SERVICE, "code_insee": commune})
    assert len(json.loads(points.content)["features"]) == count > 0
    # The full map, in a new tab, with the same filters; places open outside the frame.
    full = re.search(r'<a class="embed-bar__full" href="([^"]+)" target="_blank" rel="noopener">', content)
    assert full, "no link to the full map"
    assert html.unescape(full.group(1)).startswith("/carte/?services=Acc%C3%A8s+internet")
    assert f"code_insee={commune}" in html.unescape(full.group(1))
    assert content.count('target="_blank" rel="noopener"') == count + 1
    assert "Services : " + SERVICE in html.unescape(content)  # the read-only summary


def test_embed_escapes_what_it_quotes(client: Client) -> None:
    response = client.get("/embed/carte/", {"q": '"><script>alert(1)</script>'})
    content = response.content.decode()
    assert "<script>alert(1)" not in content
    assert "&lt;script&gt;alert(1)" in content


# --- The builder --------------------------------------------------------------------------------


def test_builder_writes_the_iframe_code_with_the_filters(client: Client, settings: Any, commune: str) -> None:
    settings.MAILLAGE_PUBLIC_URL = PUBLIC + "/"
    response = client.get(
        "/carte/integrer/",
        {
            "services": SERVICE,
            "code_insee": commune,
            "ouvert_maintenant": "1",
            "width": "800",
            "height": "650",
        },
    )
    assert response.status_code == 200
    code = _textarea(response.content)
    query = f"services=Acc%C3%A8s+internet+et+mat%C3%A9riel+informatique&amp;code_insee={commune}"
    src = f"{PUBLIC}/embed/carte/?{query}"
    assert code == (
        f'<iframe src="{src}" title="Carte des lieux de médiation numérique" width="800" height="650"'
        ' loading="lazy"></iframe>'
    )
    content = response.content.decode()
    assert f'src="/embed/carte/?{query}"' in content  # the preview
    assert 'id="embed-copy"' in content


def test_builder_defaults_and_escaping(client: Client, settings: Any) -> None:
    settings.MAILLAGE_PUBLIC_URL = PUBLIC
    response = client.get("/carte/integrer/", {"q": "</textarea><script>x</script>", "width": '"><b>'})
    content = response.content.decode()
    assert "<script>x" not in content
    code = _textarea(response.content)
    assert code.startswith(
        f'<iframe src="{PUBLIC}/embed/carte/?q=%3C%2Ftextarea%3E%3Cscript%3Ex%3C%2Fscript%3E"'
    )
    assert 'width="100%" height="500"' in code
    plain = _textarea(client.get("/carte/integrer/").content)
    assert f'src="{PUBLIC}/embed/carte/"' in plain


def test_map_links_to_the_builder_with_its_filters(client: Client) -> None:
    content = client.get("/carte/", {"services": SERVICE}).content.decode()
    assert '<a href="/carte/integrer/?services=Acc%C3%A8s+internet+et+mat%C3%A9riel+informatique">' in content
