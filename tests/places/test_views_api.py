"""Pages and API of places, from the outside: status codes, content, what is public."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from tests.conftest import HINAURA_LOIRE, import_mednum

pytestmark = pytest.mark.django_db


def test_home_counts_places_and_communes(loire_census: None, client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="places-count">79<' in html
    communes = Place.objects.values("commune").distinct().count()
    assert f'data-testid="communes-count">{communes}<' in html
    assert "sur 320" in html


def test_place_page_shows_everything_the_standard_holds(loire_census: None, client: Client) -> None:
    place = Place.objects.get(name="Espace Numérique Public", commune_name="Andrézieux-Bouthéon")
    response = client.get(f"/lieux/{place.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "9 rue Alexander Fleming",
        "42160 Andrézieux-Bouthéon",
        "+33477557272",
        "cyberfabAB@andrezieux-boutheon.com",
        "Du lundi au vendredi : 9 h – 12 h et 13 h 30 – 17 h 30",
        "Handicaps mentaux",
        "Accompagnement individuel",
        "Saint-Étienne Métropole",
        "14 septembre 2022",
    ]:
        assert text in html, text


def test_drafts_and_unknown_places_are_not_found(loire_census: None, client: Client) -> None:
    place = Place.objects.first()
    assert place is not None
    Place.objects.filter(pk=place.pk).update(status=PlaceStatus.DRAFT)
    assert client.get(f"/lieux/{place.pk}/").status_code == 404
    assert client.get(f"/lieux/{uuid.uuid4()}/").status_code == 404
    assert client.get("/lieux/pas-un-uuid/").status_code == 404


def test_free_text_is_escaped(loire_census: None, client: Client) -> None:
    place = Place.objects.first()
    assert place is not None
    Place.objects.filter(pk=place.pk).update(summary="<script>alert(1)</script>", name="<b>Nom</b>")
    html = client.get(f"/lieux/{place.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_api_detail_speaks_the_standard(loire_census: None, client: Client) -> None:
    place = Place.objects.get(name="AFR Estivareilles")
    response = client.get(f"/api/v1/lieux/{place.pk}")
    assert response.status_code == 200
    data = response.json()
    assert data["id"] == str(place.pk)
    assert data["nom"] == "AFR Estivareilles"
    assert data["code_insee"] == place.insee_code
    assert data["horaires"] == "Th 11:00-12:30,14:00-19:00"
    assert isinstance(data["services"], list)
    assert "Accès internet et matériel informatique" in data["services"]
    assert client.get(f"/api/v1/lieux/{uuid.uuid4()}").status_code == 404


def test_api_list_is_paginated(loire_census: None, client: Client) -> None:
    data = client.get("/api/v1/lieux?limit=10&offset=0").json()
    assert data["count"] == 79  # 81 Hinaura rows, 2 duplicates merged
    assert len(data["items"]) == 10
    names = [item["nom"] for item in data["items"]]
    assert names == sorted(names)


def test_openapi_documents_the_routes(client: Client) -> None:
    schema = client.get("/api/openapi.json").json()
    assert "/api/v1/lieux" in schema["paths"]
    assert "/api/v1/lieux/{place_id}" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


@pytest.mark.parametrize(
    ("lookup", "value", "expected"),
    [
        ("services__has", "Aide aux démarches administratives", True),
        ("services__has", "Aide aux démarches", False),  # a whole value, not a substring
        ("publics__has_any", ["Femmes", "Seniors"], True),
        ("publics__has_any", ["Femmes", "Étudiants"], False),
    ],
)
def test_list_fields_filter_in_sql(loire: None, lookup: str, value: object, expected: bool) -> None:
    import_mednum(HINAURA_LOIRE)
    place = Place.objects.get(name="Espace Numérique Public", commune_name="Andrézieux-Bouthéon")
    assert Place.objects.filter(pk=place.pk, **{lookup: value}).exists() is expected


def test_list_field_counts_match_python(loire_census: None) -> None:
    in_sql = Place.objects.filter(services__has="Aide aux démarches administratives").count()
    in_python = sum("Aide aux démarches administratives" in p.services for p in Place.objects.all())
    assert in_sql == in_python > 0
