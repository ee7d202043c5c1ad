"""The map of places (`/carte/`) in Chromium: outlines, clusters, filters, shared URLs, keyboard, phone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, expect

from maillage.places.domain.search import SearchFilters
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from maillage.places.search import places_search
from tests.browser.conftest import Visitor, demo_data, wait_until

pytestmark = pytest.mark.django_db(transaction=True)

SERVICE = "Accès internet et matériel informatique"
# Sums the clusters' counts and the single markers drawn in the map's view.
MARKERS_SHOWN = """() => [...document.querySelectorAll('.map-cluster')]
    .reduce((sum, el) => sum + parseInt(el.textContent, 10), 0)
    + document.querySelectorAll('.map-marker').length"""
# Layout shifts not caused by the person (Cumulative Layout Shift, without the input-driven ones).
LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({type: 'layout-shift', buffered: true});
    setTimeout(() => resolve(total), 300);
})"""


@pytest.fixture
def census() -> int:
    demo_data()
    return Place.objects.filter(status=PlaceStatus.PUBLISHED).exclude(latitude=None).count()


def _wait_for_map(page: Page, points: int) -> None:
    expect(page.locator("#map")).to_have_attribute("data-outlines", "321")
    expect(page.locator("#map")).to_have_attribute("data-points", str(points))
    wait_until(page, f"({MARKERS_SHOWN})() === {points}")


@pytest.fixture
def stranger(browser: Browser, live_server: object) -> Iterator[Page]:
    """Somebody else's browser, to follow a shared link (requests to other hosts are refused)."""
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    foreign: list[str] = []
    own = urlparse(live_server.url).netloc  # type: ignore[attr-defined]

    def guard(route, request):  # type: ignore[no-untyped-def]
        if urlparse(request.url).netloc == own or request.url.startswith("data:"):
            route.continue_()
        else:
            foreign.append(request.url)
            route.abort()

    page = context.new_page()
    page.route("**/*", guard)
    yield page
    context.close()
    assert not foreign, foreign


def test_map_draws_outlines_and_clusters_filters_and_shares_its_state(
    census: int, visitor: Visitor, stranger: Page
) -> None:
    page = visitor.page
    visitor.goto("/carte/")
    _wait_for_map(page, census)
    assert page.locator(".leaflet-overlay-pane path").count() == 321  # 320 communes + the département
    assert page.locator(".map-cluster").count() > 5
    assert page.locator(".map-marker").count() > 0
    cluster = page.locator(".map-cluster").first
    assert cluster.get_attribute("role") == "button"
    expect(cluster).to_have_accessible_name(re.compile(r"^\d+ lieux ici : agrandir$"))
    expect(page.locator(".map-marker").first).to_have_accessible_name(re.compile(r".+ \(.+\)"))
    assert page.locator("#map").get_attribute("aria-label") == "Carte des lieux de médiation numérique"
    assert page.evaluate(LAYOUT_SHIFT) < 0.05
    assert page.locator("#map-results-title").get_attribute("data-count") == str(
        Place.objects.filter(status=PlaceStatus.PUBLISHED).count()
    )
    visitor.screenshot("map-desktop-initial", full_page=False)

    # One click on a service: the list and the markers shrink together.
    page.get_by_text("Filtres", exact=True).click()
    page.get_by_label(re.compile(f"^{SERVICE}")).check()
    with_service = Place.objects.filter(status=PlaceStatus.PUBLISHED, services__has=SERVICE)
    expect(page.locator("#map-results-title")).to_have_attribute("data-count", str(with_service.count()))
    _wait_for_map(page, with_service.exclude(latitude=None).count())
    assert page.locator(".map-list__item").count() == with_service.count()
    expect(page.locator("#map-status")).to_contain_text(f"{with_service.count()} lieux")
    expect(page.locator("#map-active-count")).to_have_text("1 actif")

    # Zooming in: the list keeps to the visible area; the URL holds filters, area and view.
    page.get_by_role("button", name="Zoom avant").click()
    page.get_by_role("button", name="Zoom avant").click()
    expect(page.locator("#map-results-title")).to_contain_text("dans la zone affichée")
    in_view = int(page.locator("#map-results-title").get_attribute("data-count") or 0)
    assert 0 < in_view < with_service.count()
    wait_until(
        page,
        "/#\\d+(\\.\\d+)?\\/[\\d.]+\\/[\\d.]+$/.test(location.href) && location.search.includes('bbox=')",
    )
    shared = page.url
    assert "services=Acc%C3%A8s+internet" in shared

    stranger.goto(shared)
    expect(stranger.get_by_label(re.compile(f"^{SERVICE}"))).to_be_checked()
    expect(stranger.locator("#map-results-title")).to_have_attribute("data-count", str(in_view))
    expect(stranger.locator("#map")).to_have_attribute(
        "data-points", str(with_service.exclude(latitude=None).count())
    )
    assert stranger.evaluate("location.hash") == "#" + urlparse(shared).fragment != "#"
    assert stranger.locator(".map-list__item").count() == in_view

    visitor.assert_accessible("the map with a filter")
    page.locator("#map-filters > summary").click()  # folds the filters: the list shows beside the map
    visitor.screenshot("map-desktop", full_page=False)


def test_keyboard_reaches_the_filters_the_list_and_the_map(census: int, visitor: Visitor) -> None:
    page = visitor.page
    visitor.goto("/carte/")
    _wait_for_map(page, census)
    reached: list[str] = []
    while not reached or not reached[-1].startswith("Filtres"):
        assert len(reached) < 20, reached
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate("document.activeElement.id || document.activeElement.textContent.trim()")
        )
    assert "Aller à la liste des lieux" in reached
    assert "id_q" in reached
    page.keyboard.press("Enter")  # opens the filters…
    assert page.locator("#map-filters").get_attribute("open") is not None
    page.keyboard.press("Tab")  # …and Tab goes into them
    assert page.evaluate("document.activeElement.id") == "id_code_insee"

    # The skip link leads to the list; Tab then reaches the first place's page link, with a visible focus.
    page.locator("a", has_text="Aller à la liste des lieux").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "map-results"
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "({href: document.activeElement.getAttribute('href'),"
        " outline: getComputedStyle(document.activeElement).outlineStyle})"
    )
    assert re.fullmatch(r"/lieux/[0-9a-f-]{36}/", focused["href"])
    assert focused["outline"] == "solid"

    # The map too is a tab stop, and its markers and clusters are buttons.
    page.locator("a", has_text="Aller à la carte").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "map"
    zoom = page.evaluate("location.hash")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('map-cluster')"):
            break
    assert page.evaluate("document.activeElement.getAttribute('role')") == "button"
    page.keyboard.press("Enter")  # the cluster opens: the map zooms in, the focus stays on the map
    wait_until(page, f"location.hash !== {zoom!r}")
    assert float(page.evaluate("location.hash").lstrip("#").split("/")[0]) > float(
        zoom.lstrip("#").split("/")[0]
    )
    wait_until(page, "document.activeElement.id === 'map'")

    # Typing searches as one types (accents and case ignored, word starts), the markers follow.
    page.locator("#id_q").fill("mediatheque")
    found = places_search(SearchFilters(q="mediatheque")).total
    expect(page.locator("#map")).to_have_attribute("data-points", str(found))
    expect(page.locator("#map-results-title")).to_contain_text("dans la zone affichée")
    assert "q=mediatheque" in page.url
    page.get_by_role("link", name="Voir les lieux de tout le territoire").click()
    expect(page.locator("#map-results-title")).to_have_text(f"{found} lieux")
    wait_until(page, "!location.search.includes('bbox=')")


def test_on_a_phone_the_list_and_the_map_switch(census: int, phone_visitor: Visitor) -> None:
    page = phone_visitor.page
    phone_visitor.goto("/carte/")
    show_list = page.get_by_role("button", name="Voir la liste")
    show_map = page.get_by_role("button", name="Voir la carte")
    expect(show_list).to_have_attribute("aria-pressed", "true")
    expect(show_map).to_have_attribute("aria-controls", "map-panel")
    expect(page.locator(".map-list__item").first).to_be_visible()
    assert page.locator("#map-panel").evaluate("el => getComputedStyle(el).visibility") == "hidden"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(LAYOUT_SHIFT) < 0.05
    phone_visitor.screenshot("map-phone-list", full_page=False)
    phone_visitor.assert_accessible("the map page's list on a phone")

    show_map.tap()
    expect(show_map).to_have_attribute("aria-pressed", "true")
    expect(show_list).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#map-results")).to_be_hidden()
    _wait_for_map(page, census)
    box = page.locator("#map").bounding_box()
    assert box is not None
    assert box["height"] > 400
    assert box["width"] == 390
    page.locator("#map").scroll_into_view_if_needed()
    phone_visitor.screenshot("map-phone-map", full_page=False)
    phone_visitor.assert_accessible("the map on a phone")
    show_list.tap()
    expect(page.locator(".map-list__item").first).to_be_visible()
