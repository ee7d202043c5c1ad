"""A professional orients a person in Chromium: need, commune, criteria, results, printed sheet."""

from __future__ import annotations

import re
import shutil
import subprocess
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Browser

from maillage.orientation.models import OrientationCount
from tests.browser.conftest import ARTIFACTS, Visitor, demo_data

pytestmark = pytest.mark.django_db(transaction=True)
NEED_SLUG = "demarche-en-ligne"
NEED = "Faire une démarche en ligne (CAF, impôts, ANTS, retraite…)"
RESULTS = "/orienter/lieux/?besoin=demarche-en-ligne&insee=42147&publics=seniors&creneaux=mar-matin"


def distances(visitor: Visitor) -> list[float]:
    """Distances of the precisely placed results (those placed only at the commune's centre say « dans la
    commune » and rank at the commune's mean distance: tests/orientation/test_honest_ranking.py)."""
    cards = visitor.page.locator("#lieux-proposes ~ ol [data-testid=orient-result]")
    script = """cards => cards
        .filter(c => c.querySelector('[data-testid=orient-distance]').textContent !== 'dans la commune')
        .map(c => c.dataset.distanceKm)"""
    return [float(km) for km in cards.evaluate_all(script)]


def test_an_orientation_from_need_to_printed_sheet(visitor: Visitor) -> None:
    demo_data()
    page = visitor.page

    # 1. The need: one click.
    visitor.goto("/orienter/")
    assert page.get_by_role("heading", level=1).inner_text() == "Orienter une personne"
    visitor.screenshot("orientation-1-need")
    visitor.assert_accessible("the need step")
    page.get_by_role("button", name=re.compile(r"^Faire une démarche en ligne")).click()

    # 2. The commune: typing shows suggestions (HTMX); one click on the right one.
    page.wait_for_url("**/orienter/commune/?besoin=demarche-en-ligne")
    field = page.get_by_label("Commune (nom ou code postal)")
    field.press_sequentially("montbr", delay=30)
    suggestion = page.get_by_role("button", name=re.compile(r"^Montbrison 42600"))
    suggestion.wait_for()
    assert "1 commune proposée" in page.locator("#orient-suggestions-status").inner_text()
    assert page.get_by_role("button", name="Utiliser ma position actuelle").is_visible()  # JS and geolocation
    visitor.screenshot("orientation-2-commune")
    visitor.assert_accessible("the commune step with suggestions")
    suggestion.click()

    # 3. The criteria: a senior, free on Tuesday mornings.
    page.wait_for_url("**/orienter/criteres/**")
    assert "Montbrison (42600)" in page.locator(".orient-recap-list").inner_text()
    page.get_by_label("Seniors").check()
    page.get_by_role("group", name="Mardi").get_by_label("matin").check()
    visitor.screenshot("orientation-3-criteria")
    visitor.assert_accessible("the criteria step")
    page.get_by_role("button", name="Voir les lieux").click()

    # 4. The results, nearest first, each saying why and when.
    page.wait_for_url("**/orienter/lieux/**")
    query = parse_qs(urlparse(page.url).query)  # the whole orientation is in the URL
    assert query == {
        "besoin": [NEED_SLUG],
        "insee": ["42147"],
        "publics": ["seniors"],
        "creneaux": ["mar-matin"],
    }
    assert page.get_by_role("heading", level=1).inner_text() == "Lieux proposés"
    assert page.title().startswith(f"Lieux pour : {NEED}")
    assert "distance à vol d'oiseau" in page.locator(".orient-method").inner_text()
    found = distances(visitor)
    assert len(found) >= 3
    assert found == sorted(found)
    first = page.get_by_test_id("orient-result").first
    assert "Propose : Aide aux démarches administratives" in first.inner_text()
    assert re.search(r"Prochaine ouverture compatible : .*mardi|Horaires non renseignés", page.content())
    visitor.screenshot("orientation-4-results")
    visitor.assert_accessible("the results")
    assert OrientationCount.objects.get().count == 1

    # The sheet: two places, two first names, a one-page PDF.
    boxes = page.get_by_label(re.compile(r"^Mettre sur la fiche"))
    boxes.nth(0).check()
    boxes.nth(2).check()
    page.get_by_label("Prénom de la personne orientée (facultatif)").fill("Marcel")
    page.get_by_label("Votre prénom ou votre structure (facultatif)").fill("Samia, France services")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Télécharger la fiche (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == "fiche-orientation.pdf"
    pdf = ARTIFACTS / "orientation-sheet.pdf"
    download.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                str(pdf),
                str(ARTIFACTS / "orientation-sheet"),
            ],
            check=True,
        )
        assert (ARTIFACTS / "orientation-sheet-1.png").exists()
    assert OrientationCount.objects.get().count == 1  # the sheet is not another orientation


def test_the_commune_step_works_without_javascript_and_with_a_position(
    browser: Browser, live_server: object
) -> None:
    demo_data()
    base = live_server.url  # type: ignore[attr-defined]
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base}/orienter/commune/?besoin=demarche-en-ligne")
    assert not page.get_by_role("button", name="Utiliser ma position actuelle").is_visible()
    page.get_by_label("Commune (nom ou code postal)").fill("Saint-Jean")
    page.keyboard.press("Enter")  # submits with the "Continuer" button
    page.wait_for_url("**/orienter/criteres/**")
    assert "plusieurs communes correspondent" in page.get_by_role("alert").inner_text()
    Visitor(page, base).screenshot("orientation-2-commune-choices-nojs")
    page.get_by_role("button", name=re.compile(r"^Saint-Jean-Soleymieux")).click()
    page.wait_for_url("**/orienter/criteres/**insee=42240**")
    assert "Saint-Jean-Soleymieux (42560)" in page.content()
    context.close()

    context = browser.new_context(locale="fr-FR", geolocation={"latitude": 46.0361, "longitude": 4.0689})
    context.grant_permissions(["geolocation"])
    page = context.new_page()
    page.goto(f"{base}/orienter/criteres/?besoin=demarche-en-ligne&commune=Saint-Jean")
    Visitor(page, base).assert_accessible("the commune step with an error and choices")  # axe needs JS
    page.get_by_role("button", name="Utiliser ma position actuelle").click()
    page.wait_for_url("**/orienter/criteres/**lat=**")
    assert "lat=46.04&lon=4.07" in page.url  # rounded before it leaves the browser, and wins over the text
    assert "la position indiquée (près de Roanne)" in page.content()
    context.close()


def test_the_results_on_a_phone(phone_visitor: Visitor) -> None:
    demo_data()
    phone_visitor.goto(RESULTS)
    page = phone_visitor.page
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    assert page.get_by_test_id("orient-result").count() >= 3
    phone_visitor.screenshot("orientation-results-phone")
    phone_visitor.screenshot("orientation-results-phone-top", full_page=False)
    phone_visitor.assert_accessible("the results on a phone")
