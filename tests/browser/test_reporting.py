"""In Chromium: an animator logs an action from an agenda event in two clicks, opens the year's report,
writes a mission's text, regenerates (the text stays), downloads the PDF (pages rendered to PNG), the
DOCX and the ODT (opened back); axe-core on the log, the form and the report.

Every event and structure here is a made-up example and says so.
"""

from __future__ import annotations

import io
import re
import subprocess
import zoneinfo
from pathlib import Path

import docx
import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load
from playwright.sync_api import expect

from maillage.accounts.models import Structure
from maillage.activity.models import Action
from maillage.agenda.models import Event
from maillage.lending.services.bookings import booking_approve, booking_request
from maillage.lending.services.handover import CheckLine, booking_checkin, booking_checkout
from maillage.network.services.requests import request_close
from maillage.reporting.models import Mission
from maillage.reporting.sample import convention_sample_load
from tests.activity.factories import past_event_make
from tests.browser.conftest import ARTIFACTS, Visitor, loire_data
from tests.lending.factories import day, kit_make
from tests.network.factories import request_filed

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "mot-de-passe-solide"  # noqa: S105
TITLE = "Exemple fictif : atelier démarches en ligne"
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _world() -> Event:
    loire_data()
    convention_sample_load()
    structure = Structure.objects.create(name="Structure fictive de test")
    get_user_model().objects.create_user(
        "anim@example.org", email="anim@example.org", password=PASSWORD, is_staff=True
    )
    event = past_event_make(title=TITLE, organiser=structure, days_ago=2, confirmed=7)
    # A loan returned today and a request closed today: the « to log » list offers them beside the event.
    animator = get_user_model().objects.get(username="anim@example.org")
    kit = kit_make("Robots fictifs")
    booking = booking_request(
        kit=kit, structure=structure, user=animator, start=day(0), end=day(1), purpose="Atelier fictif"
    )
    booking = booking_approve(booking=booking, by=animator)
    lines = [CheckLine(item.pk, item.quantity) for item in kit.items.all()]
    booking_checkin(
        booking=booking_checkout(booking=booking, by=animator, lines=lines), by=animator, lines=lines
    )
    request_close(request=request_filed("42187"), outcome="partnership", note="", author=animator)
    return event


def test_from_an_event_to_the_report_and_its_files(visitor: Visitor) -> None:
    event = _world()
    page = visitor.page
    visitor.goto("/connexion/?next=/activite/")
    page.get_by_label(re.compile("Adresse e-mail|Identifiant")).fill("anim@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/activite/")
    todo = page.locator("section.activity-todo")
    expect(
        todo.get_by_role("link", name="Consigner « Prêt : Robots fictifs à Structure fictive de test »")
    ).to_be_visible()
    expect(todo.get_by_text("Demande close le")).to_be_visible()
    visitor.assert_accessible("journal d'activité")
    visitor.screenshot("activite-a-consigner")

    # Two clicks: « Consigner » beside the event, then « Enregistrer l'action » on the prefilled form.
    page.get_by_role("link", name=f"Consigner « {TITLE} »").click()
    expect(page.get_by_label("Intitulé")).to_have_value(TITLE)
    expect(page.get_by_label("Participants", exact=False).first).to_have_value("7")
    visitor.assert_accessible("action préremplie")
    visitor.screenshot("activite-preremplie")
    page.get_by_role("button", name="Enregistrer l'action").first.click()
    page.wait_for_url("**/activite/")
    expect(page.get_by_text(f"Action « {TITLE} » consignée.")).to_be_visible()
    action = Action.objects.get()
    assert (action.source, action.participants) == (f"agenda.event:{event.pk}", 7)

    year = timezone.localdate().year
    visitor.goto(f"/bilan/{year}/")
    expect(page.get_by_role("heading", name=f"Bilan annuel {year}", level=1)).to_be_visible()
    expect(page.get_by_text("Exemple fictif pour la démonstration")).to_be_visible()
    visitor.assert_accessible("bilan annuel")

    mission = Mission.objects.get(topics__has="lending")
    section = page.locator("#mission-8")
    section.get_by_text("Modifier le texte de la mission").click()
    visitor.assert_accessible("bilan, texte en cours de modification")
    text = "Exemple fictif : le prêt de matériel a demandé beaucoup de temps cette année."
    section.get_by_label(re.compile("Texte de la mission")).fill(text)
    section.get_by_role("button", name="Enregistrer le texte").click()
    expect(page.locator("#mission-8 .report-text")).to_have_text(text)
    page.get_by_role("button", name="Régénérer les chiffres").click()
    expect(page.get_by_text("Les textes des missions sont conservés.")).to_be_visible()
    expect(page.locator("#mission-8 .report-text")).to_have_text(text)
    expect(page.get_by_text("Chiffres figés le")).to_be_visible()
    visitor.screenshot("bilan-annuel")

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Télécharger en PDF").click()
    pdf = Path(pdf_download.value.path())
    assert pdf.read_bytes().startswith(b"%PDF")
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(
        ["/usr/bin/pdftoppm", "-png", "-r", "60", str(pdf), str(ARTIFACTS / "bilan-pdf")], check=True
    )
    pages = sorted(ARTIFACTS.glob("bilan-pdf-*.png"))
    assert len(pages) >= 4  # cover, contents, missions
    text_of_pdf = subprocess.run(
        ["/usr/bin/pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert f"Bilan annuel {year}" in text_of_pdf
    assert "Sommaire" in text_of_pdf
    assert "Page 2 sur" in text_of_pdf
    assert "le prêt de matériel a demandé beaucoup de temps" in text_of_pdf

    with page.expect_download() as docx_download:
        page.get_by_role("link", name="DOCX (Word)").click()
    word = docx.Document(io.BytesIO(Path(docx_download.value.path()).read_bytes()))
    headings = [p.text for p in word.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert mission.title in headings
    assert text in [p.text for p in word.paragraphs]
    assert any(row.cells[1].text == TITLE for table in word.tables for row in table.rows)

    with page.expect_download() as odt_download:
        page.get_by_role("link", name="ODT (LibreOffice)").click()
    odt = load(io.BytesIO(Path(odt_download.value.path()).read_bytes()))
    assert mission.title in [teletype.extractText(h) for h in odt.getElementsByType(odf_text.H)]

    visitor.goto("/bilan/")
    visitor.assert_accessible("liste des bilans")
    page.get_by_role("link", name="Modifier la convention et ses missions").click()
    visitor.assert_accessible("convention")
    page.get_by_role("link", name=mission.title).click()
    visitor.assert_accessible("mission")
    page.get_by_label("Objectif").fill("Exemple fictif : prêter le matériel du réseau et former à son usage.")
    page.get_by_role("button", name="Enregistrer la mission").click()
    expect(page.get_by_text("enregistrée.")).to_be_visible()
    visitor.goto(f"/bilan/{year}/")
    expect(page.locator("#mission-8")).to_contain_text("prêter le matériel du réseau")
