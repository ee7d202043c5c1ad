"""The map's layers and search form read little on a repeated request: the gzipped body is kept per ETag,
and the territory's communes and EPCI are kept until one of them is saved.

Requests run outside any transaction here (`transactional_db`), as in production, so the caches are
used. The places, communes and EPCI are made up (they stand for nothing real).
"""

from __future__ import annotations

import datetime
import gzip
import json
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from maillage.publishing.forms import PlaceSearchForm, territory_choices
from maillage.territories.models import Commune, Epci

pytestmark = pytest.mark.django_db(transaction=True)
GZIP = {"Accept-Encoding": "gzip, deflate"}


@pytest.fixture(autouse=True)
def _census() -> None:
    cache.clear()
    epci = Epci.objects.create(siren="200000001", name="Communauté inventée", kind="CC")
    Commune.objects.create(
        insee_code="42998", name="Inventée-sur-Loire", search_name="inventee sur loire",
        department_code="42", epci=epci, in_territory=True,
    )  # fmt: skip
    Place.objects.bulk_create(
        [
            Place(
                name=f"Lieu inventé {index}",
                status=PlaceStatus.PUBLISHED,
                commune_name="Inventée-sur-Loire",
                insee_code="42998",
                postal_code="42000",
                address=f"{index} rue inventée",
                latitude=45.4 + index / 1000,
                longitude=4.3 + index / 1000,
                typologies=["TIERS_LIEUX"] if index % 2 else [],
                updated_on=datetime.date(2025, 1, 1),
            )
            for index in range(40)
        ]
    )


def _features(content: bytes) -> list[dict[str, Any]]:
    features: list[dict[str, Any]] = json.loads(content)["features"]
    return features


def test_the_gzipped_points_are_those_sent_plain_and_read_once(
    client: Client, django_assert_num_queries: Any
) -> None:
    plain = client.get("/carte/lieux.geojson")
    first = client.get("/carte/lieux.geojson", headers=GZIP)
    assert "Content-Encoding" not in plain
    assert first["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.content) == plain.content
    assert len(_features(plain.content)) == 40
    assert first["ETag"] == f"W/{plain['ETag']}"
    assert "Accept-Encoding" in first["Vary"]
    assert "Accept-Encoding" in plain["Vary"]
    assert first["Content-Length"] == str(len(first.content))
    with django_assert_num_queries(0):  # census version, form choices and body: all kept
        again = client.get("/carte/lieux.geojson", headers=GZIP)
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert (
        client.get("/carte/lieux.geojson", headers={**GZIP, "If-None-Match": first["ETag"]}).status_code
        == 304
    )


def test_a_filtered_layer_is_kept_apart_and_a_changed_census_is_sent_again(client: Client) -> None:
    everything = client.get("/carte/lieux.geojson", headers=GZIP)
    filtered = client.get("/carte/lieux.geojson", {"typologie": "TIERS_LIEUX"}, headers=GZIP)
    assert len(_features(gzip.decompress(everything.content))) == 40
    assert len(_features(gzip.decompress(filtered.content))) == 20
    place = Place.objects.get(name="Lieu inventé 3")
    place.name = "Lieu inventé renommé"
    place.save()  # forgets the census version: a new ETag, a new body
    changed = client.get("/carte/lieux.geojson", headers={**GZIP, "If-None-Match": everything["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != everything["ETag"]
    names = {feature["properties"]["n"] for feature in _features(gzip.decompress(changed.content))}
    assert "Lieu inventé renommé" in names
    assert "Lieu inventé 3" not in names


def test_a_short_layer_is_sent_as_it_is(client: Client) -> None:
    response = client.get("/carte/lieux.geojson", {"q": "aucun lieu ne porte ce nom"}, headers=GZIP)
    assert "Content-Encoding" not in response
    assert _features(response.content) == []
    assert not response["ETag"].startswith("W/")


def test_the_territory_choices_are_kept_until_a_commune_is_saved() -> None:
    assert territory_choices()[0] == [("42998", "Inventée-sur-Loire")]
    Commune.objects.bulk_create(
        [
            Commune(
                insee_code="42997",
                name="Autre-Inventée",
                search_name="autre inventee",
                department_code="42",
                in_territory=True,
            )
        ]
    )
    assert [code for code, _ in territory_choices()[0]] == ["42998"]  # no signal: still kept
    commune = Commune.objects.get(insee_code="42997")
    commune.epci = Epci.objects.get(siren="200000001")
    commune.save()
    communes, epcis = territory_choices()
    assert communes == [("42997", "Autre-Inventée"), ("42998", "Inventée-sur-Loire")]
    assert epcis == [("200000001", "Communauté inventée")]
    form = PlaceSearchForm({"code_insee": "42997"})
    assert form.search_filters(now=datetime.datetime.now(datetime.UTC)).insee_codes == ("42997",)
