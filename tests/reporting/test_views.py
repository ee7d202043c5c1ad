"""The reports from the outside: private until published, the mission's text kept across regenerations,
PDF / DOCX / ODT opened back, the monthly summary, the page counters."""

from __future__ import annotations

import io
from html import unescape
from typing import Any

import docx
import pytest
from django.test import Client
from django.urls import reverse
from odf import table as odf_table
from odf import teletype
from odf import text as odf_text
from odf.opendocument import load

from maillage.accounts.models import Structure
from maillage.reporting.models import DailyCount, Mission, Report
from tests.agenda.factories import PASSWORD, user_make
from tests.reporting.year import year_build

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(loire_census: None) -> dict[str, Any]:
    built = year_build(organiser=Structure.objects.create(name="Structure fictive organisatrice"))
    animator = user_make("animation@example.org", is_staff=True)
    client = Client()
    assert client.login(username=animator.username, password=PASSWORD)
    lending = Mission.objects.get(convention=built["convention"], topics__has="lending")
    return built | {"client": client, "lending": lending}


def test_private_until_published(world: dict[str, Any]) -> None:
    url = reverse("reporting:report-detail", args=[2026])
    assert Client().get(url).status_code == 404
    member = user_make("membre@example.org")
    other = Client()
    other.login(username=member.username, password=PASSWORD)
    assert other.get(url).status_code == 403
    assert Client().get(reverse("reporting:report-file", args=[2026, "pdf"])).status_code == 404
    assert world["client"].get(url).status_code == 200
    world["client"].post(reverse("reporting:report-publish", args=[2026]), {"mois": "0", "publier": "1"})
    assert Client().get(url).status_code == 200
    assert "Bilan annuel 2026" in Client().get(reverse("reporting:report-index")).content.decode()
    world["client"].post(reverse("reporting:report-publish", args=[2026]), {"mois": "0", "publier": "0"})
    assert Client().get(url).status_code == 404


def test_mission_text_stays_across_regenerations(world: dict[str, Any]) -> None:
    client = world["client"]
    mission = world["lending"]
    client.post(reverse("reporting:report-regenerate", args=[2026]), {"mois": "0"})
    first = Report.objects.get(year=2026, month=0)
    text = "Cette activité étant extrêmement chronophage, un retour exhaustif s'imposait."
    response = client.post(
        reverse("reporting:mission-text", args=[2026, mission.pk]), {"mois": "0", "texte": text}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#mission-8")
    client.post(reverse("reporting:report-regenerate", args=[2026]), {"mois": "0"})
    report = Report.objects.get(year=2026, month=0)
    assert report.generated_at is not None
    assert first.generated_at is not None
    assert report.generated_at > first.generated_at
    html = unescape(client.get(reverse("reporting:report-detail", args=[2026])).content.decode())
    assert text in html
    # The monthly summary keeps its own texts: the year's text is not shown there.
    month = unescape(client.get(reverse("reporting:report-month", args=[2026, 6])).content.decode())
    assert "Synthèse mensuelle juin 2026" in month
    assert text not in month


def test_frozen_figures_until_regenerated(world: dict[str, Any]) -> None:
    client = world["client"]
    client.post(reverse("reporting:report-regenerate", args=[2026]), {"mois": "0"})
    before = Report.objects.get(year=2026).snapshot["totals"]["actions"]
    from maillage.activity.models import Action

    Action.objects.create(
        title="Action fictive tardive", kind="meeting", date_start="2026-11-30", date_end="2026-11-30"
    )
    assert Report.objects.get(year=2026).snapshot["totals"]["actions"] == before
    client.post(reverse("reporting:report-regenerate", args=[2026]), {"mois": "0"})
    assert Report.objects.get(year=2026).snapshot["totals"]["actions"] == before + 1


def test_pdf_docx_odt(world: dict[str, Any]) -> None:
    client = world["client"]
    client.post(
        reverse("reporting:mission-text", args=[2026, world["lending"].pk]),
        {"mois": "0", "texte": "Texte fictif du prêt."},
    )
    pdf = client.get(reverse("reporting:report-file", args=[2026, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    word = docx.Document(
        io.BytesIO(client.get(reverse("reporting:report-file", args=[2026, "docx"])).content)
    )
    headings = [p.text for p in word.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert "Animation de réseau" in headings
    assert world["lending"].title in headings
    assert "Texte fictif du prêt." in [p.text for p in word.paragraphs]
    action_tables = [t for t in word.tables if t.rows[0].cells[1].text == "Action"]
    titles = {row.cells[1].text for table in action_tables for row in table.rows[1:]}
    assert {"Journée au Fablab Roanne", "Formation Aidants Connect des travailleurs sociaux"} <= titles
    odt = load(io.BytesIO(client.get(reverse("reporting:report-file", args=[2026, "odt"])).content))
    odt_headings = [teletype.extractText(h) for h in odt.getElementsByType(odf_text.H)]
    assert odt_headings[0] == "Bilan annuel 2026"
    assert world["lending"].title in odt_headings
    tables = odt.getElementsByType(odf_table.Table)
    cells = [teletype.extractText(c) for t in tables for c in t.getElementsByType(odf_table.TableCell)]
    assert "Participants" in cells
    assert "Journée au Fablab Roanne" in cells
    assert client.get(reverse("reporting:report-file", args=[2026, "xls"])).status_code == 404
    monthly = client.get(reverse("reporting:report-month-file", args=[2026, 2, "pdf"]))
    assert monthly.content.startswith(b"%PDF")


def test_no_convention_for_the_year_is_a_named_404(world: dict[str, Any]) -> None:
    response = world["client"].get(reverse("reporting:report-detail", args=[2031]))
    assert response.status_code == 404


def test_counters_count_pages_and_downloads_without_personal_data(world: dict[str, Any]) -> None:
    DailyCount.objects.all().delete()
    visitor = Client()
    visitor.get(reverse("publishing:map"))
    visitor.get(reverse("publishing:map"))
    visitor.get(reverse("publishing:map"), HTTP_USER_AGENT="Googlebot/2.1")
    visitor.get(reverse("opendata:opendata-list"))
    counts = {row.key: row.count for row in DailyCount.objects.all()}
    assert counts == {"map.page": 2, "opendata.page": 1}
    fields = {f.name for f in DailyCount._meta.get_fields()}
    assert fields == {"id", "day", "key", "count"}


def test_animators_edit_the_convention_and_a_mission(world: dict[str, Any]) -> None:
    client = world["client"]
    mission = Mission.objects.get(convention=world["convention"], position=1)
    page = client.get(reverse("reporting:mission-edit", args=[mission.pk]))
    assert page.status_code == 200
    response = client.post(
        reverse("reporting:mission-edit", args=[mission.pk]),
        {"position": "1", "axis": mission.axis, "title": mission.title, "objective": "Objectif fictif.",
         "indicators": "Visiteurs", "topics": ["map", "opendata"]},
    )  # fmt: skip
    assert response.status_code == 302
    html = unescape(client.get(reverse("reporting:report-detail", args=[2026])).content.decode())
    first = html.split('id="mission-1"')[1].split('id="mission-2"')[0]
    assert "Objectif fictif." in first
    assert "Pages de la carte servies" in first
    bad = client.post(
        reverse("reporting:convention-edit", args=[world["convention"].pk]),
        {
            "title": "Convention fictive",
            "funder": "Financeur fictif",
            "start_year": "2027",
            "end_year": "2025",
        },
    )
    assert bad.status_code == 400
    assert "La dernière année précède la première." in unescape(bad.content.decode())
