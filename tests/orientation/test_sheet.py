"""The printable orientation sheet: a one-page PDF, first names printed and never kept, nothing fetched."""

from __future__ import annotations

import io
import re
import shutil
import socket
import subprocess
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client

from maillage.orientation.exports import APP_DIR, LocalOnlyFetcher, sheet_pdf
from maillage.places.models import Place

pytestmark = pytest.mark.django_db

QUERY = urlencode(
    {"besoin": "demarche-en-ligne", "insee": "42147", "creneaux": ["mar-matin", "jeu-apres-midi"]}, doseq=True
)
SHEET = f"/orienter/fiche.pdf?{QUERY}"
REFERRER, BENEFICIARY = "Séverine-Orientrice", "Zéphirin-Oriente"


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is missing")
    path = tmp_path / "sheet.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True).stdout
    return " ".join(text.split())


def pdf_pages(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, check=True, text=True).stdout
    match = re.search(r"^Pages:\s+(\d+)", info, re.M)
    assert match
    return int(match.group(1))


def first_results(client: Client, count: int) -> list[Place]:
    html = client.get(f"/orienter/lieux/?{QUERY}").content.decode()
    ids = re.findall(r'data-place="([0-9a-f-]{36})"', html)[:count]
    return [Place.objects.get(pk=pk) for pk in ids]


def test_the_sheet_is_a_one_page_pdf_with_places_and_first_names(
    census: None, client: Client, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    places = first_results(client, 3)
    response = client.post(
        SHEET, {"lieux": [str(p.pk) for p in places], "orienteur": REFERRER, "beneficiaire": BENEFICIARY}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="fiche-orientation.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content, tmp_path)
    assert pdf_pages(response.content, tmp_path) == 1
    for place in places:
        assert " ".join(place.name.split()) in text
    assert f"Pour {BENEFICIARY} · Orientation proposée par {REFERRER}" in text
    assert "Faire une démarche en ligne (CAF, impôts, ANTS, retraite…)" in text
    assert "Mardi matin, jeudi après-midi" in text
    assert "Horaires habituels" in text
    # The first names are printed, and kept nowhere: not in any table, not in a session, not in the logs.
    dump = io.StringIO()
    call_command("dumpdata", stdout=dump)
    sessions = [str(s.get_decoded()) for s in Session.objects.all()]
    for name in (REFERRER, BENEFICIARY):
        assert name not in dump.getvalue()
        assert not any(name in session for session in sessions)
        assert name not in caplog.text


def test_the_sheet_prints_hours_in_french(census: None, client: Client, tmp_path: Path) -> None:
    # France services multisites Loire Forez Agglomération (France services 2024).
    place = Place.objects.get(name="France services multisites Loire Forez Agglomération")
    response = client.get(f"{SHEET}&lieux={place.pk}")
    text = pdf_text(response.content, tmp_path)
    assert "Lundi et mardi : 9 h – 12 h 30 et 13 h 30 – 16 h 30" in text
    assert "Prochaine ouverture compatible :" in text
    assert "07 86 67 24 65" in text


def test_places_can_be_given_in_the_url_but_never_first_names(
    census: None, client: Client, tmp_path: Path
) -> None:
    a, b = first_results(client, 2)
    response = client.get(f"{SHEET}&lieux={a.pk},{b.pk}&beneficiaire={BENEFICIARY}")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert " ".join(a.name.split()) in text
    assert " ".join(b.name.split()) in text
    assert BENEFICIARY not in text  # a URL ends up in logs and histories: names only in a POST body


@pytest.mark.parametrize(
    ("lieux", "message"),
    [
        ("", "Lieux : cochez au moins un lieu à mettre sur la fiche."),
        ("pas-un-lieu", "Lieux : identifiant de lieu non valide."),
        ("00000000-0000-0000-0000-000000000000", "Lieux : aucun des lieux choisis n&#x27;est publié."),
    ],
)
def test_a_sheet_without_valid_places_shows_the_results_with_the_error(
    census: None, client: Client, lieux: str, message: str
) -> None:
    response = client.post(SHEET, {"lieux": lieux, "beneficiaire": BENEFICIARY})
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'data-testid="orient-result"' in html
    assert BENEFICIARY not in html  # not even echoed back


def test_a_sheet_holds_three_places_at_most(census: None, client: Client) -> None:
    places = first_results(client, 4)
    response = client.post(SHEET, {"lieux": [str(p.pk) for p in places]})
    assert "Lieux : une fiche tient sur une page, 3 lieux au plus." in response.content.decode()
    for place in places:  # the boxes stay checked
        assert re.search(rf'value="{place.pk}"\s+id="lieu-{place.pk}"\s+checked', response.content.decode())


def test_the_fetcher_refuses_anything_not_local(tmp_path: Path) -> None:
    fetcher = LocalOnlyFetcher()
    for url in [
        "https://fonts.example.org/font.woff2",
        "http://127.0.0.1/logo.png",
        "ftp://example.org/a.css",
    ]:
        with pytest.raises(ValueError, match="Ressource non locale refusée"):
            fetcher.fetch(url)
    outside = tmp_path / "outside.css"
    outside.write_text("body { color: red }")
    with pytest.raises(ValueError, match="Ressource non locale refusée"):
        fetcher.fetch(outside.as_uri())
    with pytest.raises(ValueError, match="Ressource non locale refusée"):
        fetcher.fetch((APP_DIR / ".." / ".." / "..").resolve().as_uri() + "/pyproject.toml")
    assert fetcher.fetch("data:text/plain,bonjour").read() == b"bonjour"
    assert b"needs" in fetcher.fetch((APP_DIR / "data" / "needs.json").as_uri()).read()


def test_rendering_makes_no_network_request(monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network used")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", refuse)
    html = """<html><head><style>@import url("https://example.org/x.css");
      @font-face { font-family: Web; src: url("https://example.org/web.woff2"); }
      body { font-family: Web, sans-serif; background: url("http://example.org/bg.png"); }</style></head>
      <body><img src="https://example.org/logo.png" alt="logo"><p>Fiche</p></body></html>"""
    pdf = sheet_pdf(html)
    assert pdf.startswith(b"%PDF")
    assert not attempts
