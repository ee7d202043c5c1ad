"""The embeddable map in another site's `<iframe>` (Chromium), and the page that writes its code."""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlparse

import pytest
from playwright.sync_api import expect

from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from tests.browser.conftest import Visitor, demo_data, wait_until

pytestmark = pytest.mark.django_db(transaction=True)

SERVICE = "Accès internet et matériel informatique"
MARKERS_SHOWN = """() => [...document.querySelectorAll('.map-cluster')]
    .reduce((sum, el) => sum + parseInt(el.textContent, 10), 0)
    + document.querySelectorAll('.map-marker').length"""


@pytest.fixture
def with_service() -> int:
    demo_data()
    places = Place.objects.filter(status=PlaceStatus.PUBLISHED, services__has=SERVICE)
    return places.exclude(latitude=None).count()


def test_the_map_shows_its_places_inside_another_sites_frame(with_service: int, visitor: Visitor) -> None:
    page = visitor.page
    src = f"{visitor.base_url}/embed/carte/?{urlencode({'services': SERVICE})}"
    town_hall = (
        "<!DOCTYPE html><html lang='fr'><head><title>Mairie</title></head><body><h1>Le site de la mairie</h1>"
        f'<iframe src="{src}" title="Carte des lieux de médiation numérique" width="900" height="600"'
        ' style="border: 1px solid #999"></iframe></body></html>'
    )
    # Another site frames the map: another origin (127.0.0.1, not localhost), served by the test itself
    # (never reaching the network). Chromium asks before a page frames a local server: allowed here.
    town_hall_url = visitor.base_url.replace("localhost", "127.0.0.1") + "/mairie.html"
    assert town_hall_url.startswith("http://127.0.0.1:")
    page.route(town_hall_url, lambda route: route.fulfill(body=town_hall, content_type="text/html"))
    page.context.grant_permissions(["local-network-access"])
    page.goto(town_hall_url)
    assert urlparse(page.frames[0].url).netloc != urlparse(visitor.base_url).netloc
    frame = page.frame_locator("iframe")
    expect(frame.locator("#map")).to_have_attribute("data-outlines", "321")
    expect(frame.locator("#map")).to_have_attribute("data-points", str(with_service))
    embedded = next(f for f in page.frames if "/embed/carte/" in f.url)
    wait_until(embedded, f"({MARKERS_SHOWN})() === {with_service}")
    assert with_service > 10

    # A marker's popup opens the place's page outside the frame.
    frame.locator(".map-marker").first.click()
    popup_link = frame.locator(".map-popup__name")
    expect(popup_link).to_have_attribute("target", "_blank")
    expect(popup_link).to_have_attribute("rel", "noopener")
    expect(popup_link).to_have_attribute("href", re.compile(r"^/lieux/[0-9a-f-]{36}/$"))
    expect(frame.get_by_role("link", name=re.compile("^Voir sur "))).to_have_attribute("target", "_blank")
    expect(frame.locator(".leaflet-popup")).to_have_css("opacity", "1")  # faded in
    visitor.screenshot("embed-in-frame", full_page=False)

    # The compact list, in place of the map.
    frame.get_by_role("button", name="Liste").click()
    expect(frame.locator(".map-list__item")).to_have_count(
        Place.objects.filter(status=PlaceStatus.PUBLISHED, services__has=SERVICE).count()
    )
    expect(frame.locator("#map")).to_be_hidden()
    frame.get_by_role("button", name="Carte").click()
    expect(frame.locator("#map")).to_be_visible()
    assert not visitor.console_errors, visitor.console_errors


def test_embed_page_itself_is_accessible(with_service: int, visitor: Visitor) -> None:
    page = visitor.page
    page.set_viewport_size({"width": 800, "height": 500})
    visitor.goto("/embed/carte/?" + urlencode({"services": SERVICE}))
    expect(page.locator("#map")).to_have_attribute("data-points", str(with_service))
    visitor.assert_accessible("the embedded map")
    page.get_by_role("button", name="Liste").click()
    visitor.assert_accessible("the embedded map's list")
    visitor.screenshot("embed-list", full_page=False)


def test_builder_updates_its_code_and_preview(with_service: int, visitor: Visitor) -> None:
    page = visitor.page
    visitor.goto("/carte/")
    page.get_by_role("link", name="Intégrer cette carte sur votre site").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Intégrer la carte sur votre site")
    code = page.get_by_label("Code HTML de la carte")
    expect(code).to_have_value(re.compile(r'^<iframe src="http://127\.0\.0\.1:8000/embed/carte/" title='))

    page.get_by_label(SERVICE).check()
    page.get_by_label("Hauteur").select_option("650")
    expect(code).to_have_value(re.compile(r'src="[^"]+/embed/carte/\?services=Acc%C3%A8s\+internet[^"]*"'))
    expect(code).to_have_value(re.compile(r'width="100%" height="650" loading="lazy"></iframe>$'))
    preview = page.locator("#embed-preview")
    expect(preview).to_have_attribute("height", "650")
    expect(preview).to_have_attribute("src", re.compile(r"^/embed/carte/\?services="))
    # The preview reloads after the debounce; on a loaded machine its new document can take a while.
    expect(page.frame_locator("#embed-preview").locator("#map")).to_have_attribute(
        "data-points", str(with_service), timeout=30_000
    )
    assert "services=" in page.url  # the builder's URL keeps the choices (a reload keeps them too)

    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copier").click()
    # Copied, or (when the browser refuses the clipboard) selected with a hint: the person is told either way.
    copied = re.compile(r"Code copié\.|Code sélectionné : copiez-le")
    expect(page.get_by_role("status").filter(has_text=copied)).to_be_visible()
    visitor.assert_accessible("the embed builder")
    visitor.screenshot("embed-builder")
