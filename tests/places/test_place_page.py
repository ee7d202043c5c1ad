"""The public place page in French formats: phone in pairs and dialable, a map instead of coordinates."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

from maillage.places.models import SourceRecord
from tests.places.test_print import pdf_text

pytestmark = pytest.mark.django_db


class _Text(HTMLParser):
    """The page's text as a person reads it (no script, no style, no attribute)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._hidden += tag in {"script", "style"}

    def handle_endtag(self, tag: str) -> None:
        self._hidden -= tag in {"script", "style"}

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def test_the_card_of_afr_cordelle(demo_census: list[str], client: Client) -> None:
    # Hinaura 2022 wrote « AFR CORDELLE Saint-Cyr-de-Favières », phone +33684524784.
    record = SourceRecord.objects.get(source="hinaura", fields__name="AFR CORDELLE Saint-Cyr-de-Favières")
    place = record.place
    assert place is not None
    assert place.latitude is not None
    assert place.longitude is not None
    html = client.get(f"/lieux/{place.pk}/").content.decode()
    text = _text(html)
    assert "<h1>AFR Cordelle Saint-Cyr-de-Favières</h1>" in html
    assert '<a href="tel:+33684524784">06 84 52 47 84</a>' in html
    assert "+33684524784" not in text
    # No coordinate as text: the map and the links carry the position.
    assert not re.search(r"\b4[56][.,]\d{3,}", text), re.findall(r"\b4[56][.,]\d{3,}", text)
    assert "Coordonnées" not in text
    assert 'id="place-map"' in html
    assert 'id="place-map-config"' in html
    lat, lon = f"{place.latitude:.5f}", f"{place.longitude:.5f}"
    assert f'href="geo:{lat},{lon}"' in html
    assert f"https://www.openstreetmap.org/directions?route=%3B{lat}%2C{lon}" in html
    # The actions, in one order: print, share, propose a correction, report, history.
    actions = re.search(r'<ul class="place-actions".*?</ul>', html, re.S)
    assert actions is not None
    links = re.findall(r'class="button[^"]*"[^>]*>(.*?)</a>', actions.group(0))
    assert [re.sub(r"<span.*?</span>", "", link) for link in links] == [
        *["Imprimer la fiche (PDF)", "Partager", "Proposer une correction"],
        *["Signaler un problème", "Historique"],
    ]
    # Leaflet comes from this site, not a CDN.
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert any("leaflet" in src for src in scripts)
    assert all(src.startswith("/static/") for src in scripts)


def test_the_printed_card_shows_the_card_the_french_way(
    demo_census: list[str], client: Client, tmp_path: Path
) -> None:
    record = SourceRecord.objects.get(source="hinaura", fields__name="AFR CORDELLE Saint-Cyr-de-Favières")
    response = client.get(f"/lieux/{record.place_id}/fiche.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    assert "AFR Cordelle Saint-Cyr-de-Favières" in text
    assert "06 84 52 47 84" in text
    assert "+33684524784" not in text
    assert "CORDELLE" not in text


def test_the_programmes_show_as_badges_as_each_writes_itself(demo_census: list[str], client: Client) -> None:
    # Noirétable: Hinaura, the ANCT list and Aidants Connect describe the same France services.
    place = SourceRecord.objects.get(source="france-services", source_id="581").place
    assert place is not None
    assert "France Services" in place.national_programmes  # the standard's value, in the data files
    html = client.get(f"/lieux/{place.pk}/").content.decode()
    header = html[
        html.index('<header class="place__header">') : html.index("</header>", html.index("place__header"))
    ]
    badges = re.findall(r'<span class="tag tag--programme">([^<]+)</span>', header)
    assert "France services" in badges
    assert "Aidants Connect" in badges
    assert "France Services" not in badges
