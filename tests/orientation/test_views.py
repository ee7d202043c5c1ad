"""The orientation flow from the outside, on the real Loire census: steps, errors, ranking, counting."""

from __future__ import annotations

import html as html_module
import re
from urllib.parse import urlencode

import pytest
from django.test import Client

from maillage.core.geo import Point, haversine_km
from maillage.orientation.domain import need_get
from maillage.orientation.models import OrientationCount
from maillage.places.models import Place
from maillage.territories.models import Commune

pytestmark = pytest.mark.django_db

NEED = "demarche-en-ligne"
MONTBRISON = "42147"
ROANNE = "42187"
SAINT_ETIENNE = "42218"


def get(client: Client, path: str, **params: str | list[str]) -> str:
    response = client.get(path + "?" + urlencode(params, doseq=True))
    assert response.status_code == 200
    return response.content.decode()


def results(client: Client, **params: str | list[str]) -> str:
    return get(client, "/orienter/lieux/", **params)


def ranked(html: str) -> list[tuple[str, float]]:
    """(place id, distance in km) of each result card, in page order (the main list, then itinerant)."""
    cards = re.findall(r'data-place="([0-9a-f-]{36})"\s+data-distance-km="([0-9.]+)"', html)
    return [(pk, float(km)) for pk, km in cards]


def error_summary(html: str) -> str:
    match = re.search(r'class="orient-error-summary".*?</ul>', html, re.S)
    assert match, "no error summary"
    return html_module.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(0))))


# --- Each step ----------------------------------------------------------------------------------


def test_each_step_answers_with_its_form(census: None, client: Client) -> None:
    html = get(client, "/orienter/")
    assert "De quoi la personne a-t-elle besoin ?" in html
    assert html.count('name="besoin"') == 16
    html = get(client, "/orienter/commune/", besoin=NEED)
    assert '<label for="orient-commune">Commune (nom ou code postal)</label>' in html
    assert '<input type="hidden" name="besoin" value="demarche-en-ligne">' in html
    html = get(client, "/orienter/criteres/", besoin=NEED, commune="montbrison")
    assert "Montbrison (42600)" in html
    assert '<input type="hidden" name="insee" value="42147">' in html
    assert '<legend class="orient-legend">Quand la personne peut-elle y aller ?</legend>' in html
    assert "Matin : 8 h – 12 h 30 ; Après-midi : 13 h 30 – 18 h 30." in html
    html = results(client, besoin=NEED, insee=MONTBRISON)
    assert "distance à vol d'oiseau" in html
    assert "Prochaine ouverture" in html


def test_earlier_choices_travel_through_the_steps(census: None, client: Client) -> None:
    # Back to the need from the results: the commune and the constraints are kept.
    html = get(client, "/orienter/", besoin=NEED, insee=MONTBRISON, publics="seniors", creneaux="mar-matin")
    for name, value in [("insee", MONTBRISON), ("publics", "seniors"), ("creneaux", "mar-matin")]:
        assert f'<input type="hidden" name="{name}" value="{value}">' in html
    assert "Choix actuel" in html
    html = get(
        client, "/orienter/criteres/", besoin=NEED, insee=MONTBRISON, publics="seniors", creneaux="mar-matin"
    )
    assert re.search(r'value="seniors"\s+id="publics-seniors"\s+checked', html)
    assert re.search(r'value="mar-matin"\s+id="creneau-mar-matin"\s+checked', html)


def test_the_commune_suggestions_fragment(census: None, client: Client) -> None:
    response = client.get("/orienter/commune/?commune=montb", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert re.search(r'name="insee"\s+value="42147"', html)
    assert "Montbrison" in html
    assert "42600" in html
    assert 'hx-swap-oob="true"' in html
    assert "1 commune proposée" in html
    by_postal_code = client.get("/orienter/commune/?commune=4260", headers={"HX-Request": "true"})
    assert 'value="42147"' in by_postal_code.content.decode()
    assert (
        "Aucune commune"
        in client.get("/orienter/commune/?commune=zz", headers={"HX-Request": "true"}).content.decode()
    )


# --- Wrong input: the step again, with the error naming its field ---------------------------------


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("/orienter/commune/", {}, "Besoin : choisissez d'abord le besoin de la personne."),
        ("/orienter/commune/", {"besoin": "voyager"}, "Besoin : « voyager » ne fait pas partie du catalogue"),
        (
            "/orienter/criteres/",
            {"besoin": NEED},
            "Commune : indiquez le nom ou le code postal d'une commune",
        ),
        (
            "/orienter/criteres/",
            {"besoin": NEED, "commune": "Trifouilly"},
            "Commune : aucune commune ne correspond",
        ),
        ("/orienter/criteres/", {"besoin": NEED, "insee": "99999"}, "Commune : code INSEE inconnu"),
        (
            "/orienter/criteres/",
            {"besoin": NEED, "lat": "nord", "lon": "4"},
            "Position (latitude) : valeur non valide.",
        ),
        (
            "/orienter/criteres/",
            {"besoin": NEED, "lat": "45.6"},
            "Position : latitude et longitude vont ensemble.",
        ),
        (
            "/orienter/lieux/",
            {"besoin": NEED, "insee": MONTBRISON, "creneaux": "lundi"},
            "Disponibilités : « lundi »",
        ),
        ("/orienter/lieux/", {"besoin": NEED, "insee": MONTBRISON, "publics": "tous"}, "Public : « tous »"),
        (
            "/orienter/lieux/",
            {"besoin": NEED, "insee": MONTBRISON, "rdv": "peut-etre"},
            "Rendez-vous : « peut-etre »",
        ),
    ],
)
def test_wrong_input_shows_the_step_with_a_french_error(
    census: None, client: Client, path: str, params: dict[str, str], message: str
) -> None:
    html = get(client, path, **params)
    assert message in error_summary(html)
    assert "<title>Erreur : " in html
    assert not OrientationCount.objects.exists()


def test_an_ambiguous_commune_offers_choices(census: None, client: Client) -> None:
    html = get(client, "/orienter/criteres/", besoin=NEED, commune="Saint-Jean")
    assert "Commune : plusieurs communes correspondent à « Saint-Jean »" in error_summary(html)
    assert 'aria-invalid="true"' in html
    choices = re.findall(r'name="insee"\s+value="(\d{5})"', html)
    assert "42240" in choices
    assert "42237" in choices
    html = get(client, "/orienter/criteres/", besoin=NEED, commune="42600")  # Montbrison and its neighbours
    assert "plusieurs communes" in html
    assert 'value="42147"' in html
    # With the postal code, or choosing one of the buttons, the commune is found.
    assert "Montbrison (42600)" in get(client, "/orienter/criteres/", besoin=NEED, commune="Montbrison 42600")
    assert "Saint-Jean-Soleymieux (42560)" in get(
        client, "/orienter/criteres/", besoin=NEED, commune="Saint-Jean", insee="42240"
    )


# --- Results ------------------------------------------------------------------------------------


def test_results_are_ranked_by_distance_and_offer_the_need(census: None, client: Client) -> None:
    html = results(client, besoin=NEED, insee=MONTBRISON)
    cards = ranked(html)
    assert len(cards) == 10  # the ten nearest
    # Precisely placed places nearest first (those placed only at a commune's centre: see below).
    distances = [km for pk, km in cards if not Place.objects.get(pk=pk).position_approximate]
    assert distances == sorted(distances)
    assert max(km for _, km in cards) <= 30
    montbrison = Commune.objects.get(pk=MONTBRISON)
    centre = Point(montbrison.latitude, montbrison.longitude)  # type: ignore[arg-type]
    need = need_get(NEED)
    assert need is not None
    for pk, km in cards:
        place = Place.objects.get(pk=pk)
        assert set(place.services) & set(need.services), place.name
        assert km == pytest.approx(haversine_km(centre, Point(place.latitude, place.longitude)), abs=0.001)  # type: ignore[arg-type]
    assert "dans un rayon de 30 km." in html
    assert "Les 10 plus proches sur" in html


def test_availability_leaves_out_places_closed_then(census: None, client: Client) -> None:
    html = results(client, besoin="ordinateur-internet", insee=SAINT_ETIENNE, creneaux=["sam-matin"])
    assert re.search(r"\d+ lieux écartés : fermés sur les créneaux choisis dans les 14 prochains jours", html)
    openings = re.findall(r"<strong>Prochaine ouverture compatible :</strong> ([^<]+)", html)
    assert openings  # places open on Saturday mornings, ...
    assert all(re.match(r"(demain, |aujourd'hui, )?samedi \d", text.strip()) for text in openings)
    for pk, _ in ranked(html):  # ... and places whose hours are unknown; no other
        hours = Place.objects.get(pk=pk).opening_hours
        assert not hours or "Sa" in hours, hours
    assert html.count("Horaires non renseignés : appeler avant") == len(ranked(html)) - len(openings)


def test_constraints_filter_and_explain(census: None, client: Client) -> None:
    html = results(client, besoin=NEED, insee=MONTBRISON, publics="seniors", gratuit="1")
    cards = ranked(html)
    assert cards
    for pk, _ in cards:
        place = Place.objects.get(pk=pk)
        assert not place.publics or "Seniors" in place.publics
        assert {"Gratuit", "Gratuit sous condition"} & set(place.fees)
    assert "Public : Seniors ; Gratuit (y compris gratuit sous condition)" in html


def test_few_results_widen_the_search(census: None, client: Client) -> None:
    html = results(client, besoin="ordinateur-prix-solidaire", insee=MONTBRISON)
    assert "Moins de 3 lieux à 30 km : la recherche a été élargie à 60 km." in html
    assert "Aucun lieu proposé" in html
    assert "Enlever des critères" in html


def test_itinerant_places_are_listed_apart_for_their_epci(census: None, client: Client) -> None:
    html = results(client, besoin=NEED, insee=ROANNE)
    section = html.split('id="lieux-itinerants"')[1]
    assert "Bus France services UDAF de la Loire Nord" in section
    assert "Bus France services UDAF de la Loire Nord" not in html.split('id="lieux-itinerants"')[0]
    assert "Bus France services UDAF de la Loire Sud" not in html  # Saint-Étienne Métropole's bus
    elsewhere = results(client, besoin=NEED, insee=MONTBRISON)
    assert "Bus France services" not in elsewhere


def test_a_position_ranks_from_the_position_and_is_not_counted_as_a_commune(
    census: None, client: Client
) -> None:
    html = results(client, besoin=NEED, lat="45.439", lon="4.387")  # rounded to 45.44, 4.39
    assert "la position indiquée (près de Saint-Étienne)" in html
    assert '<input type="hidden" name="lat" value="45.44">' not in html  # the state is in the sheet's URL
    assert "lat=45.44&amp;lon=4.39" in html
    # Nearest first, compared as shown (to the tenth of a km): at equal distance a precisely placed
    # place comes before one placed only at its commune's centre.
    distances = [round(km, 1) for _, km in ranked(html)]
    assert distances == sorted(distances)
    assert distances[0] < 2
    assert list(OrientationCount.objects.values_list("need", "insee_code", "count")) == [(NEED, None, 1)]


def test_a_commune_without_a_centre_falls_back_to_its_own_places(census: None, client: Client) -> None:
    Commune.objects.filter(pk=MONTBRISON).update(latitude=None, longitude=None)
    html = results(client, besoin=NEED, insee=MONTBRISON)
    assert "Le centre de cette commune n'est pas connu" in html
    places = [Place.objects.get(pk=pk) for pk in re.findall(r'data-place="([0-9a-f-]{36})"', html)]
    assert places
    assert all(place.insee_code == MONTBRISON for place in places)


def test_a_results_page_is_counted_once_per_query_and_session(census: None, client: Client) -> None:
    results(client, besoin=NEED, insee=MONTBRISON)
    results(client, besoin=NEED, insee=MONTBRISON)  # a reload
    results(client, besoin=NEED, insee=MONTBRISON, creneaux="mar-matin")  # another query
    results(Client(), besoin=NEED, insee=MONTBRISON)  # another session
    get(client, "/orienter/criteres/", besoin=NEED, insee=MONTBRISON)  # not a results page
    row = OrientationCount.objects.get()
    assert (row.need, row.insee_code, row.count) == (NEED, MONTBRISON, 3)
