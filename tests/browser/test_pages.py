"""The home and a place page, as a person sees them in Chromium."""

from __future__ import annotations

import re

import pytest

from maillage.places.models import Place
from tests.browser.conftest import Visitor

pytestmark = pytest.mark.django_db(transaction=True)


def test_home_shows_the_census_counts(loire_census: None, visitor: Visitor) -> None:
    visitor.goto("/")
    page = visitor.page
    assert page.title().startswith("Accueil")
    assert page.get_by_test_id("places-count").inner_text() == "79"  # 81 Hinaura rows, 2 duplicates merged
    communes = int(page.get_by_test_id("communes-count").inner_text())
    assert communes == Place.objects.values("commune").distinct().count()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Réseau de la médiation numérique")
    visitor.screenshot("home-desktop")
    visitor.assert_accessible("/")


def test_place_page_shows_the_standard_fields_hours_and_status(loire_census: None, visitor: Visitor) -> None:
    # AFR Estivareilles (Hinaura id 106): open on Thursdays only.
    place = Place.objects.get(name="AFR Estivareilles")
    visitor.goto(f"/lieux/{place.pk}/")
    page = visitor.page
    assert page.get_by_role("heading", level=1).inner_text() == "AFR Estivareilles"
    hours = page.locator("#horaires + ul").inner_text()
    assert "Jeudi : 11 h – 12 h 30 et 14 h – 19 h" in hours
    assert re.match(r"^(Ouvert|Fermé) · ", page.get_by_test_id("open-status").inner_text())
    offer = page.locator(
        "section", has=page.get_by_role("heading", name="Ce que propose le lieu")
    ).inner_text()
    assert "Accès internet et matériel informatique" in offer
    assert "Gratuit" in offer
    assert "afr.estivareilles42@outlook.fr" in page.content()
    visitor.screenshot("place-desktop")
    visitor.assert_accessible("a place page")


def test_place_page_on_a_phone(loire_census: None, phone_visitor: Visitor) -> None:
    place = Place.objects.get(name="Espace Numérique Public", commune_name="Andrézieux-Bouthéon")
    phone_visitor.goto(f"/lieux/{place.pk}/")
    page = phone_visitor.page
    # Nothing wider than the screen: no horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_visitor.screenshot("place-phone")
    phone_visitor.assert_accessible("a place page on a phone")


def test_skip_link_reaches_the_content_with_the_keyboard(loire_census: None, visitor: Visitor) -> None:
    visitor.goto("/")
    page = visitor.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Aller au contenu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "contenu"
