"""Orientation that ranks honestly (issue 20), on the real Loire census: a place placed only at its
commune's centre says « dans la commune », not « 0,0 km », and ranks after precisely placed ones; a place
that asks to be called shows its number, or says none is known and offers what else there is."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.test import Client

from maillage.places.domain.listing import uncertain_distance_km
from maillage.places.models import Place
from maillage.territories.models import Commune

pytestmark = pytest.mark.django_db

ROANNE = "42187"
MONTBRISON = "42147"


def _results(client: Client, **params: str) -> str:
    response = client.get("/orienter/lieux/?" + urlencode(params))
    assert response.status_code == 200
    return response.content.decode()


def _cards(html: str) -> list[tuple[Place, str]]:
    """(place, its card's HTML) of the main list, in page order."""
    main = html.split('id="lieux-itinerants"')[0].split('id="fiche"')[0]
    cards = []
    for body in main.split('<li class="orient-card"')[1:]:
        match = re.search(r'data-place="([0-9a-f-]{36})"', body)
        assert match, body
        cards.append((Place.objects.get(pk=match.group(1)), body))
    return cards


def _shown_km(body: str) -> float:
    match = re.search(r'data-testid="orient-distance">([^<]+)</strong>', body)
    assert match, body
    text = match.group(1).replace("\xa0", " ")
    if text.endswith(" m"):
        return 0.1 if text.startswith("moins") else int(text.split()[0]) / 1000
    return float(text.split()[0].replace(",", "."))


@pytest.mark.parametrize("insee", [ROANNE, MONTBRISON])
def test_places_only_at_the_commune_centre_say_so_and_rank_after_precise_ones(
    census: None, client: Client, insee: str
) -> None:
    html = _results(client, besoin="demarche-en-ligne", insee=insee)
    cards = _cards(html)
    in_commune = [(p, b) for p, b in cards if ">dans la commune<" in b]
    assert in_commune, "some Saint-Étienne places are placed only at the commune's centre"
    for place, _ in in_commune:
        assert place.position_approximate, place.name
        assert place.insee_code == insee, place.name
    assert "0,0" not in html
    assert "moins de 100" not in html
    area = Commune.objects.get(pk=insee).area_km2
    ranked_at = round(uncertain_distance_km(area), 1)
    assert ranked_at > 1  # Roanne is 16 km² (1.5 km), Montbrison 63 km² (3 km): never 0
    first = next(i for i, (_, body) in enumerate(cards) if ">dans la commune<" in body)
    precise = [(i, _shown_km(b)) for i, (p, b) in enumerate(cards) if ">dans la commune<" not in b]
    assert all(km <= ranked_at for i, km in precise if i < first)
    assert all(km > ranked_at for i, km in precise if i > first)
    assert any(i < first for i, _ in precise), "precisely placed places nearer than that come first"
    assert "est classé à la distance moyenne d'un point de la commune à son centre" in html


def test_a_place_that_asks_to_be_called_shows_a_way_to_reach_it(census: None, client: Client) -> None:
    html = _results(client, besoin="demarche-en-ligne", insee=ROANNE)
    cards = _cards(html)
    calling = [(p, b) for p, b in cards if "appeler" in b.lower() or "téléphoner avant" in b.lower()]
    assert calling, "hours unknown somewhere: « appeler avant »"
    for place, body in calling:
        contact = re.search(r'data-testid="orient-contact">(.*?)</p>', body, re.S)
        assert contact, f"{place.name}: asks to call and shows no contact"
        text = contact.group(1)
        if place.phone:
            assert f'href="tel:{place.phone}"' in text, place.name
        else:
            assert "Aucun numéro de téléphone connu" in text, place.name
            assert f'href="/lieux/{place.pk}/"' in text, place.name
            for email in [] if place.contact_private else place.emails:
                assert f'href="mailto:{email}"' in text, place.name
    assert any(not p.phone for p, _ in calling), "the census has places without a number"


def test_the_intro_counts_the_steps_of_the_stepper(census: None, client: Client) -> None:
    html = client.get("/orienter/").content.decode()
    steps = re.findall(r"<li[^>]*>\s*<(?:a|span)[^>]*>(\d)\. ", html)
    assert len(steps) == 4
    assert "En quatre étapes" in html
    assert "En trois étapes" not in html
