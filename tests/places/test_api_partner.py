"""The read API for partners: cursor pagination, conditional requests, CORS, territories, private contacts."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from maillage.accounts.models import PROFESSIONALS_GROUP
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place

pytestmark = pytest.mark.django_db
LIEUX = "/api/v1/lieux"


def _get(client: Client, url: str, **params: Any) -> Any:
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def _published_ids() -> set[str]:
    return {str(pk) for pk in Place.objects.filter(status=PlaceStatus.PUBLISHED).values_list("pk", flat=True)}


def _new_place(name: str) -> Place:
    return Place.objects.create(
        name=name,
        status=PlaceStatus.PUBLISHED,
        pivot="00000000000000",
        commune_name="Saint-Étienne",
        postal_code="42000",
        address="1 rue de la Paix",
        updated_on=datetime.date(2025, 1, 1),
    )


def test_cursor_pages_return_every_unchanged_place_once_while_the_census_changes(
    loire_census: None, client: Client
) -> None:
    before = _published_ids()
    ordered = list(Place.objects.filter(status=PlaceStatus.PUBLISHED).order_by("name", "id"))
    seen: list[str] = []
    page = _get(client, LIEUX, cursor="", limit=10)
    changed: set[str] = set()
    step = 0
    while True:
        seen += [item["id"] for item in page["items"]]
        step += 1
        if step == 2:  # between two reads: rows deleted before and after the cursor, rows inserted
            for place in (ordered[3], ordered[-3]):
                changed.add(str(place.pk))
                place.delete()
            changed |= {str(_new_place(name).pk) for name in ("AAA premier", "Zzz dernier", ordered[30].name)}
        if step == 4:  # a place renamed (its key moves): neither required nor forbidden
            ordered[40].name = "A déplacé"
            ordered[40].save()
            changed.add(str(ordered[40].pk))
        if page["next_cursor"] is None:
            assert page["next"] is None
            break
        assert page["next"].startswith("http://testserver/api/v1/lieux?")
        page = _get(client, page["next"].removeprefix("http://testserver"))
    assert len(seen) == len(set(seen)), "a place came twice"
    assert (before - changed) <= set(seen), "an unchanged place was skipped"


def test_offset_pagination_still_works_and_offers_a_cursor(loire_census: None, client: Client) -> None:
    first = _get(client, LIEUX, limit=5, offset=0)
    second = _get(client, LIEUX, limit=5, offset=5)
    by_cursor = _get(client, LIEUX, limit=5, cursor=first["next_cursor"])
    assert by_cursor["items"] == second["items"]
    assert first["count"] == by_cursor["count"] == len(_published_ids())


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"cursor": "pas-un-curseur"}, "cursor"),
        ({"cursor": "", "offset": 5}, "offset"),
        ({"cursor": "", "lat": 45.4, "lon": 4.4}, "cursor"),
    ],
)
def test_bad_cursor_requests_get_422_naming_the_parameter(
    loire_census: None, client: Client, params: dict[str, Any], parameter: str
) -> None:
    response = client.get(LIEUX, params)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", parameter]


def test_no_cursor_with_a_search_point(loire_census: None, client: Client) -> None:
    page = _get(client, LIEUX, lat=45.43, lon=4.39, limit=5)
    assert page["next_cursor"] is None


@pytest.mark.parametrize("detail", [False, True])
def test_etag_and_last_modified_give_304_until_the_census_changes(
    loire_census: None, client: Client, detail: bool
) -> None:
    place = Place.objects.filter(status=PlaceStatus.PUBLISHED).first()
    assert place is not None
    url = f"{LIEUX}/{place.pk}" if detail else f"{LIEUX}?limit=3"
    response = client.get(url)
    etag, modified = response["ETag"], response["Last-Modified"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 304
    other = f"{LIEUX}?limit=4" if not detail else f"{LIEUX}/{place.pk}?x=1"
    if not detail:
        assert client.get(other, headers={"if-none-match": etag}).status_code == 200
    _new_place("Nouveau lieu")  # the census changed
    assert client.get(url, headers={"if-none-match": etag}).status_code == 200


def test_cors_on_get_and_preflight_for_get_only(loire_census: None, client: Client) -> None:
    response = client.get(f"{LIEUX}?limit=1")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    preflight = client.options(
        LIEUX, headers={"origin": "https://partenaire.fr", "access-control-request-method": "GET"}
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    refused = client.options(
        LIEUX, headers={"origin": "https://partenaire.fr", "access-control-request-method": "POST"}
    )
    assert "Access-Control-Allow-Origin" not in refused
    assert "Access-Control-Allow-Origin" not in client.get("/")


def test_communes_and_epci_are_paginated(loire: None, client: Client) -> None:
    communes = _get(client, "/api/v1/communes", limit=50)
    assert communes["count"] == 323 or communes["count"] > 300
    assert len(communes["items"]) == 50
    assert communes["items"][0]["code_insee"] < communes["items"][1]["code_insee"]
    assert communes["items"][0]["departement"] == "42"
    following = _get(client, "/api/v1/communes", limit=50, offset=50)
    assert following["items"][0]["code_insee"] > communes["items"][-1]["code_insee"]
    epcis = _get(client, "/api/v1/epci")
    sirens = {epci["siren"] for epci in epcis["items"]}
    assert len(sirens) == epcis["count"] > 5
    assert {commune["epci"] for commune in communes["items"]} <= sirens


def test_private_contacts_hidden_from_api_and_anonymous_visitors(loire_census: None, client: Client) -> None:
    place = Place.objects.get(name="Espace Numérique Public", commune_name="Andrézieux-Bouthéon")
    place.contact_private = True
    place.save()
    detail = _get(client, f"{LIEUX}/{place.pk}")
    assert (detail["telephone"], detail["courriels"]) == (None, [])
    listed = _get(client, LIEUX, q="Espace Numérique Public Andrézieux")
    assert all(item["telephone"] is None for item in listed["items"] if item["id"] == str(place.pk))
    html = client.get(f"/lieux/{place.pk}/").content.decode()
    assert "+33477557272" not in html
    assert "cyberfabAB@andrezieux-boutheon.com" not in html
    assert "Réservés aux professionnels" in html
    professional = get_user_model().objects.create_user("pro", password="mot-de-passe-solide")
    professional.groups.add(Group.objects.get_or_create(name=PROFESSIONALS_GROUP)[0])
    client.force_login(professional)
    html = client.get(f"/lieux/{place.pk}/").content.decode()
    assert "+33477557272" in html
