"""The territory analysis in Chromium: change a weight and the ranking updates, open a commune, plan five
stops, download the diagnosis PDF (turned into PNGs by pdftoppm); axe-core on every page, desktop and phone.

Data: the real Loire communes and the real Hinaura 2022 places.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from maillage.territory import selectors
from maillage.territory.domain.ranking import Weights
from tests.browser.conftest import ARTIFACTS, Visitor, loire_census_data

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def census() -> None:
    loire_census_data()


def _first_commune(weights: Weights) -> str:
    return selectors.underserved(selectors.territory_analysis(), "", weights)[0].row.name


def test_weights_commune_planner_and_diagnosis(census: None, visitor: Visitor) -> None:
    page = visitor.page
    visitor.goto("/territoire/")
    first_row = page.locator("#territory-ranking tbody tr").first
    expect(first_row.locator("th")).to_contain_text(_first_commune(Weights(1, 1, 1)))
    expect(page.get_by_role("img", name="Score de manque d'aide numérique par commune")).to_be_visible()
    visitor.assert_accessible("territoire")
    visitor.screenshot("territory-overview")

    # Distance only: the ranking updates in place (HTMX), the URL keeps the weights.
    page.get_by_label("Poids de la fragilité (a)").select_option("0")
    page.get_by_label("Poids de la population (b)").select_option("0")
    page.get_by_label("Poids de la distance (c)").select_option("5")
    expected = _first_commune(Weights(0, 0, 5))
    # Each change sends its own request: wait for the last one (weights 0/0/1 and 0/0/5 rank alike).
    expect(page).to_have_url(re.compile(r"poids_distance=5"))
    expect(first_row.locator("th")).to_contain_text(expected)
    expect(page.locator(".formula")).to_contain_text("a = 0, b = 0, c = 5")
    visitor.assert_accessible("territoire, poids changés")
    visitor.screenshot("territory-overview-distance")

    # The diagnosis PDF, as partners print it.
    with page.expect_download() as download:
        page.get_by_role("link", name="Diagnostic territorial (PDF)").click()
    pdf = ARTIFACTS / "territory-diagnosis.pdf"
    download.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / "territory-diagnosis")], check=True
        )
        assert (ARTIFACTS / "territory-diagnosis-1.png").exists()

    # A commune of the ranking.
    first_row.locator("th a").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(expected)
    expect(page.get_by_role("heading", name="Comparée à son EPCI")).to_be_visible()
    visitor.assert_accessible("commune")
    visitor.screenshot("territory-commune")

    # Plan five stops.
    page.get_by_role("link", name="Territoire", exact=True).click()
    page.get_by_role("link", name="Tournée de l'unité mobile").click()
    page.get_by_label("Arrêts par semaine").fill("5")
    page.get_by_role("button", name="Calculer la tournée").click()
    rows = page.locator("#plan-stops tbody tr")
    expect(rows).to_have_count(5)
    expect(rows.first).to_contain_text("lundi matin")
    expect(page.locator(".plan-summary")).to_contain_text("5 arrêts proposés")
    visitor.assert_accessible("tournée")
    visitor.screenshot("territory-planner")


def test_on_a_phone(census: None, phone_visitor: Visitor) -> None:
    for path, name in (
        ("/territoire/", "territory-phone"),
        ("/territoire/tournee/?arrets=5", "territory-planner-phone"),
    ):
        phone_visitor.goto(path)
        expect(phone_visitor.page.locator("svg[role=img]").first).to_be_visible()
        phone_visitor.assert_accessible(name)
        phone_visitor.screenshot(name)
    phone_visitor.goto("/territoire/commune/42159/")
    phone_visitor.assert_accessible("territory-commune-phone")
    phone_visitor.screenshot("territory-commune-phone")
