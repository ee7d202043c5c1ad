"""A place's card as a person reads it in Chromium (desktop and a 390 px phone), on the real Loire census:
typographic name, French phone, a small map of the place and no raw coordinate."""

from __future__ import annotations

import re

import pytest

from maillage.places.models import Place, SourceRecord
from tests.browser.conftest import Visitor

pytestmark = pytest.mark.django_db(transaction=True)


def _afr_cordelle() -> Place:
    # Hinaura 2022 wrote « AFR CORDELLE Saint-Cyr-de-Favières », phone +33684524784.
    record = SourceRecord.objects.get(source="hinaura", fields__name="AFR CORDELLE Saint-Cyr-de-Favières")
    assert record.place is not None
    return record.place


def _check_card(visitor: Visitor, place: Place) -> None:
    page = visitor.page
    assert page.get_by_role("heading", level=1).inner_text() == "AFR Cordelle Saint-Cyr-de-Favières"
    phone = page.get_by_role("link", name="06 84 52 47 84")
    assert phone.get_attribute("href") == "tel:+33684524784"
    text = page.locator("main").inner_text()
    assert not re.search(r"\b4[56][.,]\d{3,}", text)
    page.wait_for_selector("#place-map[data-outlines]")  # the map drew the outlines (our own data)
    assert page.locator("#place-map .place-map__marker").count() == 1
    assert page.get_by_role("link", name=re.compile("Itinéraire vers ce lieu")).is_visible()
    assert not visitor.console_errors, visitor.console_errors


def test_place_card_on_a_desktop(demo_census: list[str], visitor: Visitor) -> None:
    place = _afr_cordelle()
    visitor.goto(f"/lieux/{place.pk}/")
    _check_card(visitor, place)
    visitor.screenshot("place-card-desktop")
    visitor.assert_accessible("a place card (map, actions)")


def test_place_card_on_a_phone(demo_census: list[str], phone_visitor: Visitor) -> None:
    place = _afr_cordelle()
    phone_visitor.goto(f"/lieux/{place.pk}/")
    _check_card(phone_visitor, place)
    assert phone_visitor.page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_visitor.screenshot("place-card-phone")
    phone_visitor.assert_accessible("a place card on a phone")


def test_a_france_services_card_on_a_phone(demo_census: list[str], phone_visitor: Visitor) -> None:
    # Noirétable: Hinaura, the ANCT list and Aidants Connect describe the same France services.
    place = SourceRecord.objects.get(source="france-services", source_id="581").place
    assert place is not None
    phone_visitor.goto(f"/lieux/{place.pk}/")
    page = phone_visitor.page
    programmes = page.get_by_label("Programmes nationaux")
    assert programmes.inner_text().split("\n")[:2] == ["France services", "Aidants Connect"]
    assert page.locator("#place-map").is_visible()
    phone_visitor.screenshot("place-card-france-services-phone")
    phone_visitor.assert_accessible("a France services card on a phone")
