"""Territory pages and downloads from the outside, on the real Loire communes and Hinaura places."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from django.urls import reverse

from maillage.territory import selectors
from maillage.territory.domain.ranking import Weights

pytestmark = pytest.mark.django_db


def _ranking_names(html: str) -> list[str]:
    table = html.split('id="territory-ranking"', 1)[1].split("</table>", 1)[0]
    return [cell.split(">", 2)[1].split("<", 1)[0] for cell in table.split('<th scope="row">')[1:]]


def test_overview_shows_formula_map_and_ranking(client: Client, loire_census: None) -> None:
    response = client.get(reverse("territory:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "score = 100 × (a·F + b·P + c·D) / (a + b + c)" in html
    assert "<svg" in html
    assert "<title>Score de manque d&#x27;aide numérique par commune" in html
    expected = selectors.underserved(selectors.territory_analysis(), "", Weights(1, 1, 1))[:3]
    assert _ranking_names(html)[:3] == [item.row.name for item in expected]


def test_changing_a_weight_updates_the_ranking_fragment(client: Client, loire_census: None) -> None:
    url = reverse("territory:overview")
    distance_only = client.get(
        url, {"poids_fragilite": 0, "poids_population": 0, "poids_distance": 5}, HTTP_HX_REQUEST="true"
    )
    fragility_only = client.get(
        url, {"poids_fragilite": 5, "poids_population": 0, "poids_distance": 0}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in distance_only.content.decode()
    first, second = (
        _ranking_names(distance_only.content.decode()),
        _ranking_names(fragility_only.content.decode()),
    )
    assert first != second
    analysis = selectors.territory_analysis()
    assert first[0] == selectors.underserved(analysis, "", Weights(0, 0, 5))[0].row.name
    assert second[0] == selectors.underserved(analysis, "", Weights(5, 0, 0))[0].row.name


def test_bad_parameters_get_a_french_error_and_defaults(client: Client, loire_census: None) -> None:
    response = client.get(
        reverse("territory:overview"),
        {"poids_fragilite": 0, "poids_population": 0, "poids_distance": 0, "seuil": "loin"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Au moins un poids doit être supérieur à 0." in html
    assert "Distance seuil (km, route estimée) : Saisissez un nombre." in html


def test_commune_page(client: Client, loire_census: None) -> None:
    response = client.get(reverse("territory:commune-detail", args=["42218"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Saint-Étienne (42218)</h1>" in html
    assert "Comparée à son EPCI" in html
    assert "Saint-Étienne Métropole" in html
    assert "Aide aux démarches administratives" in html
    assert client.get(reverse("territory:commune-detail", args=["75056"])).status_code == 404


def test_epci_page_keeps_to_its_communes(client: Client, loire_census: None) -> None:
    response = client.get(reverse("territory:epci-detail", args=["244200770"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Saint-Étienne Métropole" in html
    assert "Aboën" in html or "53 communes" in html
    assert "Roanne<" not in html
    assert client.get(reverse("territory:epci-detail", args=["999999999"])).status_code == 404


def test_indicators_csv_and_geojson(client: Client, loire_census: None) -> None:
    response = client.get(
        reverse("territory:indicators-csv"), {"service": "Aide aux démarches administratives"}
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 320
    expected = {
        r.insee_code: r
        for r in selectors.commune_indicators(
            selectors.territory_analysis(), "Aide aux démarches administratives"
        )
    }
    for row in rows[:20]:
        assert row["places_10km"] == str(expected[row["insee_code"]].places_10km)
        assert row["nearest_place"] == expected[row["insee_code"]].nearest_place
    geojson = json.loads(client.get(reverse("territory:indicators-geojson"), {"epci": "244200770"}).content)
    assert len(geojson["features"]) == 53
    assert geojson["features"][0]["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert "score" in geojson["features"][0]["properties"]


def test_diagnosis_pdf(client: Client, loire_census: None) -> None:
    response = client.get(reverse("territory:diagnosis-pdf"), {"epci": "244200770"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert (
        client.get(reverse("territory:diagnosis-pdf"), {"epci": "999999999"}).status_code == 200
    )  # unknown: territory


def test_planner_page_and_schedule_downloads(client: Client, loire_census: None) -> None:
    params = {"arrets": 5, "distance": 10, "service": "Aide aux démarches administratives"}
    html = client.get(reverse("territory:planner"), params).content.decode()
    assert 'id="plan-stops"' in html
    assert "lundi matin" in html
    schedule = list(
        csv.DictReader(io.StringIO(client.get(reverse("territory:plan-csv"), params).content.decode()))
    )
    stops = {row["ordre"] for row in schedule}
    assert len(schedule) == 4 * len(stops)
    assert 1 <= len(stops) <= 5
    ics = client.get(reverse("territory:plan-ics"), params).content.decode()
    assert ics.startswith("BEGIN:VCALENDAR")
    assert ics.count("BEGIN:VEVENT") == len(schedule)
    assert "TZID=Europe/Paris" in ics
