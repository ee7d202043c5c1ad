"""Issue 20 in Chromium: the list of `/carte/` that informs (desktop and phone), and the compact menu of
the header at 390 px (a disclosure button, by keyboard, and without JavaScript)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import Visitor

pytestmark = pytest.mark.django_db(transaction=True)

# How wide the search field's placeholder is drawn, against the room the field gives it.
PLACEHOLDER_FITS = """() => {
    const input = document.querySelector('#id_q');
    const style = getComputedStyle(input);
    const context = document.createElement('canvas').getContext('2d');
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return [context.measureText(input.placeholder).width, room];
}"""


def _tab_to(page: Page, selector: str, limit: int = 10) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement === document.querySelector('{selector}')"):
            return
    raise AssertionError(f"{selector} not reached with Tab in {limit} presses")


def test_the_list_on_a_desktop_informs(loire_census: None, visitor: Visitor) -> None:
    page = visitor.page
    visitor.goto("/carte/")
    expect(page.locator(".map-list__item").first).to_be_visible()
    headings = page.locator("h3.map-group")
    assert headings.count() > 20  # one per commune of the Hinaura census
    first = page.locator(".map-list__item").first
    expect(first.get_by_test_id("row-status")).to_have_text(
        re.compile(r"^(Ouvert|Fermé|Ouverture à confirmer|Horaires non)")
    )
    assert page.locator("[data-menu-button]").is_hidden()  # a desktop shows every link of the header
    expect(
        page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Carte")
    ).to_be_visible()
    visitor.screenshot("issue20-carte-desktop", full_page=False)
    visitor.assert_accessible("/carte/ with the informing list")

    visitor.goto("/carte/?code_insee=42218")
    expect(page.get_by_test_id("row-distance").first).to_have_text(re.compile(r"^\d+(,\d)?\s(k?m)$|^moins"))
    page.locator("#map-results").scroll_into_view_if_needed()
    visitor.screenshot("issue20-carte-desktop-commune", full_page=False)
    visitor.assert_accessible("/carte/ with distances from a commune")


def test_on_a_phone_the_menu_is_one_button_that_the_keyboard_opens(
    loire_census: None, phone_visitor: Visitor
) -> None:
    page = phone_visitor.page
    phone_visitor.goto("/carte/")
    button = page.get_by_role("button", name="Menu")
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("aria-controls", "site-nav")
    nav = page.locator("#site-nav")
    expect(nav).to_be_hidden()
    header = page.locator(".site-header").bounding_box()
    phone_visitor.screenshot("issue20-carte-phone", full_page=False)
    assert header is not None
    assert header["height"] < 80  # one line: the brand and the button
    width, room = page.evaluate(PLACEHOLDER_FITS)
    assert width <= room, f"the placeholder needs {width:.0f} px, the field gives {room:.0f}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_visitor.screenshot("issue20-carte-phone", full_page=False)
    phone_visitor.assert_accessible("/carte/ on a phone, menu closed")

    _tab_to(page, "[data-menu-button]")
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    expect(nav.get_by_role("link", name="Orienter")).to_be_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Accueil"  # the menu comes next
    phone_visitor.screenshot("issue20-carte-phone-menu", full_page=False)
    phone_visitor.assert_accessible("/carte/ on a phone, menu open")
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    assert page.evaluate("document.activeElement.hasAttribute('data-menu-button')")
    page.keyboard.press("Space")
    expect(button).to_have_attribute("aria-expanded", "true")

    phone_visitor.goto("/orienter/")
    expect(page.get_by_role("button", name="Menu")).to_have_attribute("aria-expanded", "false")
    phone_visitor.assert_accessible("/orienter/ on a phone")


@pytest.fixture
def phone_without_javascript(browser: Browser, live_server: object) -> Iterator[Page]:
    context = browser.new_context(
        locale="fr-FR", viewport={"width": 390, "height": 844}, is_mobile=True, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_server.url + "/carte/")  # type: ignore[attr-defined]
    yield page
    context.close()


def test_without_javascript_the_header_is_one_line_of_links(
    loire_census: None, phone_without_javascript: Page
) -> None:
    page = phone_without_javascript
    assert page.locator("[data-menu-button]").is_hidden()
    nav = page.locator("#site-nav")
    expect(nav).to_be_visible()
    tops = {round(box["y"]) for link in nav.get_by_role("link").all() if (box := link.bounding_box())}
    assert len(tops) == 1, f"the links make {len(tops)} lines"
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the line scrolls, not the page


def test_my_position_orders_the_list_nearest_first(
    loire_census: None, browser: Browser, live_server: object
) -> None:
    context = browser.new_context(
        locale="fr-FR",
        viewport={"width": 1280, "height": 900},
        geolocation={"latitude": 45.4397, "longitude": 4.3872},  # made-up position in Saint-Étienne
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.goto(live_server.url + "/carte/")  # type: ignore[attr-defined]
    button = page.get_by_role("button", name="Autour de ma position")
    expect(button).to_be_visible()
    button.click()
    expect(page.locator("[data-order]")).to_have_attribute("data-order", "distance")
    expect(
        page.get_by_text("distances à vol d'oiseau depuis la position indiquée", exact=False)
    ).to_be_visible()
    first = page.get_by_test_id("row-distance").first
    expect(first).to_have_text(re.compile(r"^(\d+\sm|moins de 100\sm|\d,\d\skm)$"))
    Visitor(page, live_server.url).assert_accessible("/carte/ ordered from my position")  # type: ignore[attr-defined]
    context.close()
