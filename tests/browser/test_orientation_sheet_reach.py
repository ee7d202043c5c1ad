"""Issue 20's proof: an orientation from « saint etienne » (typed as people type it) ends with a one-page
PDF sheet whose places all say how to reach them: the address, and a phone number or, when none is known,
that none is and where else to turn (e-mail, the place's page)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from tests.browser.conftest import ARTIFACTS, Visitor, demo_data

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = re.compile(r"Téléphone : (0\d( \d\d){4}|\+\d[\d ]+)")


def _text(pdf: str) -> str:
    found = subprocess.run(["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True)
    return found.stdout


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_from_saint_etienne_to_a_one_page_sheet_where_each_place_can_be_reached(visitor: Visitor) -> None:
    demo_data()
    page = visitor.page
    visitor.goto("/orienter/")
    page.get_by_role("button", name=re.compile(r"^Faire une démarche en ligne")).click()
    page.wait_for_url("**/orienter/commune/**")
    page.get_by_label("Commune (nom ou code postal)").press_sequentially("saint etienne", delay=20)
    suggestion = page.get_by_role("button", name=re.compile(r"^Saint-Étienne 42"))
    suggestion.wait_for()
    suggestion.click()
    page.wait_for_url("**/orienter/criteres/**")
    page.get_by_role("button", name="Voir les lieux").click()
    page.wait_for_url("**/orienter/lieux/**")
    results = page.get_by_test_id("orient-result")
    assert results.count() >= 3
    for index in range(results.count()):  # on screen too, every place says how to reach it
        card = results.nth(index).inner_text()
        assert re.search(r"Téléphone : |Aucun numéro de téléphone connu", card), card

    boxes = page.get_by_label(re.compile(r"^Mettre sur la fiche"))
    for index in range(3):
        boxes.nth(index).check()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Télécharger la fiche (PDF)").click()
    pdf = ARTIFACTS / "orientation-saint-etienne.pdf"
    download_info.value.save_as(pdf)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", info, re.M), info
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "70",
            "-f",
            "1",
            "-l",
            "1",
            str(pdf),
            str(ARTIFACTS / "orientation-saint-etienne"),
        ],
        check=True,
    )

    text = _text(str(pdf))
    places = text.split("Fiche du lieu : ")[:-1]  # each place's text ends with its page's address
    assert len(places) == 3
    for part in places:
        assert re.search(r"\b42\d{3} ", part), part  # the postal address
        assert PHONE.search(part) or "Aucun numéro de téléphone connu" in part, part
