"""The list beside the map (`/carte/`, issue 20) on the real Loire census (Hinaura 2022, 81 places):
its order, what each row tells, and the empty state."""

from __future__ import annotations

import html as html_module
import re
from urllib.parse import urlencode

import pytest
from django.test import Client

from maillage.core.geo import Point, haversine_km
from maillage.core.text import normalize
from maillage.places.models import Place
from maillage.territories.models import Commune

pytestmark = pytest.mark.django_db

ROANNE = "42187"
SAINT_ETIENNE = "42218"


def _page(client: Client, **params: str | list[str]) -> str:
    response = client.get("/carte/?" + urlencode(params, doseq=True))
    assert response.status_code == 200
    return response.content.decode()


def _rows(html: str) -> list[tuple[Place, str]]:
    """(place, the row's HTML) in page order."""
    rows = []
    for body in html.split('<li class="map-list__item"')[1:]:
        match = re.search(r'data-place="([0-9a-f-]{36})"', body)
        assert match
        rows.append((Place.objects.select_related("commune").get(pk=match.group(1)), body.split("</li>")[0]))
    return rows


def _text(fragment: str) -> str:
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_without_query_the_list_is_by_commune_then_name_under_commune_headings(
    loire_census: None, client: Client
) -> None:
    html = _page(client)
    rows = _rows(html)
    assert len(rows) == Place.objects.count() == 79
    keys = [(normalize(p.commune.name), normalize(p.name)) for p, _ in rows]  # type: ignore[union-attr]
    assert keys == sorted(keys)
    headings = [_text(h) for h in re.findall(r'<h3 class="map-group">(.*?)</h3>', html, re.S)]
    communes = list(dict.fromkeys(p.commune.name for p, _ in rows))  # type: ignore[union-attr]
    assert [h.rsplit(" (", 1)[0] for h in headings] == communes  # each commune once, in list order
    assert "Saint-Étienne (25 lieux)" in headings
    assert "Classés par commune, puis par nom." in _text(html)
    # Headings come between the groups' lists: a screen reader's heading list reaches each commune.
    assert html.count('<ol class="map-list">') == len(headings)


def test_a_query_puts_the_places_whose_name_carries_it_first(loire_census: None, client: Client) -> None:
    rows = _rows(_page(client, q="roanne"))
    named = [" roanne" in " " + normalize(place.name) for place, _ in rows]
    assert any(named)
    assert not all(named), "some places match on their commune only"
    assert named == sorted(named, reverse=True)


def test_a_commune_gives_distances_from_its_centre_nearest_first(loire_census: None, client: Client) -> None:
    html = _page(client, code_insee=SAINT_ETIENNE)
    rows = _rows(html)
    assert len(rows) == 25
    commune = Commune.objects.get(pk=SAINT_ETIENNE)
    centre = Point(commune.latitude, commune.longitude)  # type: ignore[arg-type]
    shown = []
    for place, body in rows:
        match = re.search(r'data-testid="row-distance">([^<]+)<', body)
        assert match, place.name
        text = match.group(1).replace("\xa0", " ")
        km = haversine_km(centre, Point(place.latitude, place.longitude))  # type: ignore[arg-type]
        if km >= 1:
            assert re.fullmatch(r"\d+(,\d)? km", text), text  # « 1,2 km », French decimal comma
            assert float(text.split()[0].replace(",", ".")) == pytest.approx(
                km, abs=0.051 if km < 10 else 0.51
            )
        else:
            assert re.fullmatch(r"\d+ m|moins de 100 m", text), text
        shown.append(round(km, 1))
    assert shown == sorted(shown)
    assert "distances à vol d'oiseau depuis le centre de Saint-Étienne" in _text(html)
    assert '<h3 class="map-group">' not in html


def test_each_row_tells_type_services_and_open_now(loire_census: None, client: Client) -> None:
    # Made-up for this test: the Hinaura extract has no typology; one place is given « BIB ».
    library = Place.objects.filter(name__icontains="médiathèque").first()
    assert library is not None
    Place.objects.filter(pk=library.pk).update(typologies=["BIB"])
    rows = _rows(_page(client))
    with_hours = without_hours = 0
    for place, body in rows:
        status = re.search(r'data-testid="row-status">([^<]+)<', body)
        assert status, place.name
        if place.opening_hours:
            with_hours += 1
            assert re.match(r"(Ouvert|Fermé|Ouverture à confirmer|Horaires non reconnus)", status.group(1))
        else:
            without_hours += 1
            assert status.group(1) == "Horaires non renseignés"
        services = re.search(r'data-testid="row-services">(.*?)</p>', body, re.S)
        if not place.services:
            assert services is None
            continue
        assert services, place.name
        text = _text(services.group(1))
        assert text.startswith("Services : " + " · ".join(place.services[:3])), place.name
        if len(place.services) > 3:
            assert f"et {len(place.services) - 3} autre" in text
        assert ("Bibliothèque / Médiathèque" in body) == (place.pk == library.pk)
    assert with_hours > 50
    assert without_hours > 0


def test_the_services_asked_for_come_first_in_a_row(loire_census: None, client: Client) -> None:
    wanted = "Aide aux démarches administratives"
    for place, body in _rows(_page(client, services=wanted)):
        text = _text(re.search(r'data-testid="row-services">(.*?)</p>', body, re.S).group(1))  # type: ignore[union-attr]
        assert text.startswith(f"Services : {wanted}"), place.name


def test_empty_without_filters_says_what_was_searched_and_no_filter_advice(
    loire_census: None, client: Client
) -> None:
    html = _page(client, q="zzqx")
    empty = _text(re.search(r'data-testid="map-empty">(.*?)</div>', html, re.S).group(1))  # type: ignore[union-attr]
    assert "Aucun lieu ne correspond à « zzqx »" in empty
    assert "filtre" not in empty
    assert "Enlever" not in empty


def _empty_state(html: str) -> tuple[str, dict[str, str]]:
    """The empty state's HTML, and its links: text → address."""
    empty = re.search(r'data-testid="map-empty">(.*?)</div>', html, re.S).group(1)  # type: ignore[union-attr]
    links = {
        _text(text): html_module.unescape(href)
        for href, text in re.findall(r'<a href="([^"]+)">(.*?)</a>', empty)
    }
    return empty, links


def test_empty_with_filters_offers_to_remove_each(loire_census: None, client: Client) -> None:
    # Nothing matches all of these (no itinerant place in Roanne is called « mairie »).
    params = {"q": "mairie", "code_insee": ROANNE, "ouvert_maintenant": "1", "itinerance": "Itinérant"}
    html = _page(client, **params)
    assert '<li class="map-list__item"' not in html
    empty, links = _empty_state(html)
    assert "« mairie »" in _text(empty)
    assert "Enlever « Commune : Roanne »" in links
    assert "Enlever « Ouvert maintenant »" in links
    assert "Enlever tous les filtres, garder la recherche" in links
    assert links["Enlever tous les filtres, garder la recherche"] == "/carte/?q=mairie"
    without_commune = links["Enlever « Commune : Roanne »"]
    assert "code_insee" not in without_commune
    assert "q=mairie" in without_commune
    assert "ouvert_maintenant=1" in without_commune
    assert client.get(links["Enlever tous les filtres, garder la recherche"]).status_code == 200


def test_a_moment_and_a_radius_are_criteria_that_can_be_removed(loire_census: None, client: Client) -> None:
    """The API's `ouvert_a` and `distance_km`, read by the one parser, are said and removable on the map."""
    params = {
        "q": "mairie",
        "lat": "45.44",
        "lon": "4.39",
        "distance_km": "0.5",
        "ouvert_a": "2027-01-03T03:00",
    }
    html = _page(client, **params)  # no town hall within 500 m is open on a Sunday at 3 a.m.
    assert '<li class="map-list__item"' not in html
    _, links = _empty_state(html)
    assert "Enlever « Ouvert le 3 janvier 2027 à 3 h 00 »" in links
    assert "Enlever « À 0,5 km au plus »" in links
    # Kept by the form (its next searches, the map's points layer): no field of the form shows them.
    assert '<input type="hidden" name="distance_km" value="0.5">' in html
    assert '<input type="hidden" name="ouvert_a" value="2027-01-03T03:00:00+01:00">' in html
    without_radius = links["Enlever « À 0,5 km au plus »"]
    assert "distance_km" not in without_radius
    assert "ouvert_a=" in without_radius
    assert "lat=45.44" in without_radius


def test_a_position_orders_the_list_nearest_first_and_narrows_nothing(
    loire_census: None, client: Client
) -> None:
    html = _page(client, lat="45.44", lon="4.39")  # in Saint-Étienne
    rows = _rows(html)
    assert len(rows) == 79
    point = Point(45.44, 4.39)
    shown = [round(haversine_km(point, Point(p.latitude, p.longitude)), 1) for p, _ in rows]  # type: ignore[arg-type]
    assert shown == sorted(shown)
    assert "depuis la position indiquée" in _text(html)
    assert '<input type="hidden" name="lat" value="45.44">' in html  # kept by the form's next search
    assert 'href="/carte/">Ne plus classer depuis cette position</a>' in html
    assert "Ne plus classer" not in _page(client, code_insee=SAINT_ETIENNE)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"lat": "45.44"}, "Longitude : indiquez la latitude et la longitude."),
        ({"lat": "12", "lon": "120"}, "Position : « 12.0, 120.0 » n&#x27;est pas en France."),
        ({"lat": "nord", "lon": "4.39"}, "Latitude"),
    ],
)
def test_a_wrong_position_is_reported_and_the_list_stays_by_commune(
    loire_census: None, client: Client, params: dict[str, str], message: str
) -> None:
    html = _page(client, **params)
    assert message in html
    assert 'data-order="commune"' in html
