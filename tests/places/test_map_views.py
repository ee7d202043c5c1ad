"""The map of places (`/carte/`) and its GeoJSON layers, from the outside, on the Loire's real census."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from maillage.home.demo import demo_load
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from maillage.territories.models import Commune

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def loire_demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    """The whole demo census, loaded once for this module (each test still runs in its own transaction)."""
    with django_db_blocker.unblock():
        demo_load(with_france=False)
        yield
        call_command("flush", interactive=False, verbosity=0)


def _published() -> int:
    return Place.objects.filter(status=PlaceStatus.PUBLISHED).count()


def _count(html: str) -> int:
    match = re.search(r'data-count="(\d+)"', html)
    assert match, "no result count on the page"
    return int(match.group(1))


def _hits(client: Client, query: dict[str, Any]) -> list[Place]:
    response = client.get("/carte/", query)
    assert response.status_code == 200
    return [hit.place for hit in response.context["page"].result.hits]


def test_page_shows_every_filter_with_counts_and_the_whole_list(client: Client) -> None:
    response = client.get("/carte/")
    assert response.status_code == 200
    html = response.content.decode()
    assert _count(html) == _published() > 140  # the Loire demo census: 149 cards since issue 17
    for legend in [
        "Services", "Publics spécifiquement adressés", "Prise en charge spécifique", "Frais à charge",
        "Modalités d&#x27;accès", "Modalités d&#x27;accompagnement", "Dispositifs et programmes nationaux",
        "Formations et labels", "Typologie", "Itinérance", "Où ?", "Quand ?",
    ]:  # fmt: skip
        assert f"<legend>{legend}</legend>" in html, legend
    services = Place.objects.filter(
        status=PlaceStatus.PUBLISHED, services__has="Aide aux démarches administratives"
    )
    assert re.search(
        r"Aide aux démarches administratives\s*<span class=\"map-count\"[^>]*>"
        rf"<span class=\"visually-hidden\">, </span>{services.count()}<",
        html,
    )
    # Only the territory's communes and EPCI are offered.
    assert html.count('<option value="42') == Commune.objects.filter(in_territory=True).count() == 320
    assert 'value="200035731"' in html  # Roannais Agglomération
    assert 'aria-current="page">Carte</a>' in html
    assert 'id="map-config"' in html
    assert "tilesUrl" in html


def test_without_javascript_the_list_links_to_every_place_page(client: Client) -> None:
    html = client.get("/carte/").content.decode()
    links = set(re.findall(r'class="map-list__link" href="/lieux/([0-9a-f-]{36})/"', html))
    published = {
        str(pk) for pk in Place.objects.filter(status=PlaceStatus.PUBLISHED).values_list("pk", flat=True)
    }
    assert links == published
    assert '<form id="map-form"' in html
    assert 'method="get"' in html
    assert 'action="/carte/"' in html
    assert '<a href="#map-results">Aller à la liste des lieux</a>' in html


@pytest.mark.parametrize(
    ("parameter", "value", "field"),
    [
        ("services", "Accès internet et matériel informatique", "services"),
        ("publics", "Seniors", "publics"),
        ("prise_en_charge_specifique", "Surdité", "specific_support"),
        ("frais_a_charge", "Payant", "fees"),
        ("modalites_accompagnement", "En autonomie", "support_modes"),
        ("dispositif_programmes_nationaux", "France Services", "national_programmes"),
        ("formations_labels", "Étapes numériques (La Poste)", "training_labels"),
        ("typologie", "RFS", "typologies"),
        ("itinerance", "Itinérant", "mobility"),
    ],
)
def test_each_enumerated_filter_narrows_the_list(
    client: Client, parameter: str, value: str, field: str
) -> None:
    places = _hits(client, {parameter: value})
    assert 0 < len(places) < _published()
    assert all(value in getattr(place, field) for place in places)
    expected = Place.objects.filter(status=PlaceStatus.PUBLISHED, **{f"{field}__has": value}).count()
    assert len(places) == expected


def test_a_field_no_loire_place_fills_is_offered_but_finds_nothing(client: Client) -> None:
    # No source of the Loire census says how to get in (modalites_acces): the filter exists, empty.
    html = client.get("/carte/").content.decode()
    assert "Aucun lieu ne renseigne ce champ" in html
    assert _hits(client, {"modalites_acces": "Se présenter"}) == []


def test_values_of_one_field_add_up_and_fields_combine(client: Client) -> None:
    gratuit = _hits(client, {"frais_a_charge": "Gratuit"})
    payant = _hits(client, {"frais_a_charge": "Payant"})
    either = _hits(client, {"frais_a_charge": ["Gratuit", "Payant"]})
    assert {p.pk for p in either} == {p.pk for p in gratuit} | {p.pk for p in payant}
    both = _hits(client, {"frais_a_charge": "Gratuit", "publics": "Seniors"})
    assert 0 < len(both) < len(gratuit)
    assert all("Seniors" in p.publics and "Gratuit" in p.fees for p in both)


def test_commune_and_epci_filters(client: Client) -> None:
    saint_etienne = _hits(client, {"code_insee": "42218"})
    assert 0 < len(saint_etienne) < _published()
    assert {p.insee_code for p in saint_etienne} == {"42218"}
    roannais = _hits(client, {"epci": "200035731"})
    assert 0 < len(roannais) < _published()
    assert {p.commune.epci_id for p in roannais if p.commune} == {"200035731"}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("st etienne", "Commune de Saint-Étienne"),  # CNFS 2023: « COMMUNE DE SAINT ETIENNE »
        ("SAINT-ÉTIENNE", "Arlequin"),
        ("mediatheque", "Médiathèque Jules Verne"),
        ("centre soc", "Centre Social de Montbrison"),
    ],
)
def test_text_search_ignores_accents_and_case_and_matches_word_starts(
    client: Client, q: str, expected: str
) -> None:
    names = [place.name for place in _hits(client, {"q": q})]
    assert expected in names
    assert 0 < len(names) < _published()


def test_open_on_a_day_at_an_hour(client: Client) -> None:
    # Hand-checked hours. AFR Estivareilles: "Th 11:00-12:30,14:00-19:00";
    # Association Familles Rurales Estivareilles: "Mo 11:00-12:30,13:30-19:00".
    thursday = [p.name for p in _hits(client, {"jour": "jeudi", "heure": "11:30"})]
    assert "AFR Estivareilles" in thursday
    assert "Association Familles Rurales Estivareilles" not in thursday
    assert "AFR Estivareilles" not in [p.name for p in _hits(client, {"jour": "jeudi", "heure": "13h"})]
    monday = [p.name for p in _hits(client, {"jour": "lundi", "heure": "11h30"})]
    assert "Association Familles Rurales Estivareilles" in monday
    assert "AFR Estivareilles" not in monday
    assert 0 < len(thursday) < Place.objects.exclude(opening_hours="").count()


def test_open_now_keeps_only_places_with_known_hours(client: Client) -> None:
    places = _hits(client, {"ouvert_maintenant": "1"})
    assert all(place.opening_hours for place in places)
    assert len(places) < _published()


def test_bbox_limits_the_list_to_the_visible_area(client: Client) -> None:
    # Around Roanne.
    places = _hits(client, {"bbox": "45.98,3.98,46.1,4.15"})
    assert 0 < len(places) < _published()
    assert all(45.98 <= p.latitude <= 46.1 and 3.98 <= p.longitude <= 4.15 for p in places)  # type: ignore[operator]
    html = client.get("/carte/", {"bbox": "45.98,3.98,46.1,4.15", "q": "mediatheque"}).content.decode()
    assert "dans la zone affichée" in html
    assert 'href="/carte/?q=mediatheque" data-map-reset' in html


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ({"services": "Cuisine"}, "services", ["Services", "« Cuisine »"]),
        ({"typologie": "NOPE"}, "typologie", ["Typologie", "« NOPE »"]),
        ({"code_insee": "75056"}, "code_insee", ["Commune", "« 75056 »"]),
        ({"bbox": "45,4,nord,5"}, "bbox", ["Zone de la carte (bbox)", "sud,ouest,nord,est"]),
        ({"bbox": "46,4,45,5"}, "bbox", ["Zone de la carte (bbox)"]),
        ({"jour": "jeudi", "heure": "25:00"}, "heure", ["Heure", "« 25:00 »"]),
        ({"jour": "jeudi", "heure": "midi"}, "heure", ["Heure", "« midi »"]),
        ({"jour": "dimanchee", "heure": "10:00"}, "jour", ["Jour", "« dimanchee »"]),
        ({"heure": "10:00"}, "jour", ["indiquez le jour et l&#x27;heure"]),
        ({"q": "x" * 300}, "q", ["Rechercher un lieu", "200 caractères"]),
        ({"q": "\x00"}, "q", ["Rechercher un lieu", "nul"]),
        ({"services": "\x00"}, "services", ["Services", "« � »"]),
    ],
)
def test_bad_parameters_are_reported_in_french_and_never_break_the_page(
    client: Client, query: dict[str, str], parameter: str, words: list[str]
) -> None:
    for headers in ({}, {"HX-Request": "true"}):
        response = client.get("/carte/", query, headers=headers)
        assert response.status_code == 200
        html = response.content.decode()
        match = re.search(rf'<li data-parameter="{parameter}">([^<]*)</li>', html)
        assert match, html[:2000]
        for word in words:
            assert word in match.group(1)


def test_a_wrong_value_leaves_the_right_ones_applied(client: Client) -> None:
    places = _hits(client, {"services": ["Cuisine", "Accès internet et matériel informatique"]})
    assert 0 < len(places) < _published()
    assert all("Accès internet et matériel informatique" in p.services for p in places)


def test_htmx_gets_the_list_fragment_and_updated_counts(client: Client) -> None:
    response = client.get("/carte/", {"frais_a_charge": "Payant"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "HX-Request" in response.headers["Vary"]
    html = response.content.decode()
    assert "<html" not in html
    assert 'id="map-form"' not in html
    assert 'class="map-list__link"' in html
    assert 'id="map-active-count" class="map-badge" hx-swap-oob="true">1 actif<' in html
    assert re.search(r'id="f-frais_a_charge-\d-n" hx-swap-oob="true"', html)


def test_facet_counts_of_a_field_ignore_its_own_filter(client: Client) -> None:
    groups = {
        g.parameter: g for g in client.get("/carte/", {"frais_a_charge": "Payant"}).context["page"].groups
    }
    fees = {option.value: option.count for option in groups["frais_a_charge"].options}
    assert fees["Gratuit"] == Place.objects.filter(status=PlaceStatus.PUBLISHED, fees__has="Gratuit").count()
    services = {option.value: option.count for option in groups["services"].options}
    paying = Place.objects.filter(status=PlaceStatus.PUBLISHED, fees__has="Payant")
    assert (
        services["Aide aux démarches administratives"]
        == paying.filter(services__has="Aide aux démarches administratives").count()
    )


# --- GeoJSON layers -------------------------------------------------------------------------------


def _decimals(value: float) -> int:
    text = repr(value)
    return len(text.split(".")[1]) if "." in text else 0


def test_points_are_compact_geojson_of_the_published_places(client: Client) -> None:
    response = client.get("/carte/lieux.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert "max-age=60" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["type"] == "FeatureCollection"
    with_position = Place.objects.filter(status=PlaceStatus.PUBLISHED).exclude(latitude=None)
    assert len(data["features"]) == with_position.count() > 140
    feature = data["features"][0]
    assert set(feature) == {"type", "id", "geometry", "properties"}
    assert set(feature["properties"]) == {"n", "c"}
    place = Place.objects.get(pk=feature["id"])
    assert feature["properties"] == {"n": place.name, "c": place.commune_name}
    lon, lat = feature["geometry"]["coordinates"]
    assert (lon, lat) == (round(place.longitude, 5), round(place.latitude, 5))  # type: ignore[arg-type]
    assert all(_decimals(c) <= 5 for f in data["features"] for c in f["geometry"]["coordinates"])
    print(f"\npoints: {len(response.content)} bytes, {len(gzip.compress(response.content))} gzipped")


def test_points_take_the_filters_but_not_the_bbox(client: Client) -> None:
    data = json.loads(
        client.get("/carte/lieux.geojson", {"typologie": "RFS", "bbox": "46,4,46.1,4.1"}).content
    )
    rfs = Place.objects.filter(status=PlaceStatus.PUBLISHED, typologies__has="RFS").exclude(latitude=None)
    assert {f["id"] for f in data["features"]} == {str(pk) for pk in rfs.values_list("pk", flat=True)}
    assert client.get("/carte/lieux.geojson", {"services": "Cuisine"}).status_code == 200


def test_points_etag_gives_304_until_a_place_changes(client: Client) -> None:
    first = client.get("/carte/lieux.geojson")
    etag = first["ETag"]
    again = client.get("/carte/lieux.geojson", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again["ETag"] == etag
    other_filter = client.get("/carte/lieux.geojson", {"typologie": "RFS"}, headers={"If-None-Match": etag})
    assert other_filter.status_code == 200
    place = Place.objects.filter(status=PlaceStatus.PUBLISHED).first()
    assert place is not None
    place.name += " (modifié)"
    place.save()
    assert client.get("/carte/lieux.geojson", headers={"If-None-Match": etag}).status_code == 200


def test_points_are_gzipped_when_the_browser_accepts_it(client: Client) -> None:
    response = client.get("/carte/lieux.geojson", headers={"Accept-Encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(response.content))["type"] == "FeatureCollection"


def test_outlines_are_the_territory_communes_and_department_simplified(client: Client) -> None:
    response = client.get("/carte/contours.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    assert "max-age=86400" in response["Cache-Control"]
    data = json.loads(response.content)
    communes = [f for f in data["features"] if "k" not in f["properties"]]
    departments = [f for f in data["features"] if f["properties"].get("k") == "departement"]
    assert len(communes) == 320
    assert len(departments) == 1
    assert departments[0]["properties"]["n"] == "Loire"
    saint_etienne = next(f for f in communes if f["id"] == "42218")
    assert saint_etienne["properties"] == {"n": "Saint-Étienne", "l": 1}
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for ring in (ring for polygon in polygons for ring in polygon):
            assert len(ring) >= 4
            assert ring[0] == ring[-1]
            assert all(_decimals(c) <= 5 for position in ring for c in position)
    assert (
        client.get("/carte/contours.geojson", headers={"If-None-Match": response["ETag"]}).status_code == 304
    )
    print(f"\noutlines: {len(response.content)} bytes, {len(gzip.compress(response.content))} gzipped")


def test_map_data_of_the_loire_stays_small(client: Client) -> None:
    sizes = [
        len(client.get(url, headers={"Accept-Encoding": "gzip"}).content)
        for url in ("/carte/lieux.geojson", "/carte/contours.geojson")
    ]
    print(f"\nmap data gzipped: points {sizes[0]} + outlines {sizes[1]} = {sum(sizes)} bytes")
    assert sum(sizes) <= 30 * 1024
