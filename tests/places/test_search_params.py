"""The search's one parser (`SearchFilters.from_params`), without a database: what it reads and refuses."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from maillage.core.geo import BBox, Point
from maillage.places.domain.search import SearchFilters
from maillage.places.domain.search_params import SearchVocabulary, parse_search
from maillage.publishing.facets import search_vocabulary

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime.datetime(2026, 12, 3, 10, 0, tzinfo=PARIS)  # a Thursday
API = search_vocabulary()
TERRITORY = search_vocabulary(
    ([("42218", "Saint-Étienne")], [("244200770", "Saint-Étienne Métropole")]), france_only=True
)


def parse(
    vocabulary: SearchVocabulary = API, **params: str | list[str]
) -> tuple[SearchFilters, dict[str, str]]:
    lists = {name: value if isinstance(value, list) else [value] for name, value in params.items()}
    filters, errors = SearchFilters.from_params(lists, now=NOW, vocabulary=vocabulary)
    return filters, {error.parameter: error.message for error in errors}


def test_every_kind_of_parameter_is_read_into_the_filters() -> None:
    filters, errors = parse(
        q="  st etienne ",
        services=["Accès internet et matériel informatique", "Accès internet et matériel informatique"],
        formations_labels="Étapes numériques(La Poste)",
        code_insee="42218",
        epci="244200770",
        lat="45.43",
        lon="4.39",
        distance_km="2,5",
        bbox="45,4,46,5",
        jour="lundi",
        heure="14h30",
    )
    assert errors == {}
    assert filters.q == "st etienne"
    assert filters.services == ("Accès internet et matériel informatique",)  # repeated once
    assert filters.training_labels == (
        "Étapes numériques (La Poste)",
    )  # the schema's spelling, read as written
    assert (filters.insee_codes, filters.epcis) == (("42218",), ("244200770",))
    assert filters.point == Point(45.43, 4.39)
    assert filters.distance_km == 2.5
    assert filters.bbox == BBox(45, 4, 46, 5)
    assert filters.open_at == datetime.datetime(2026, 12, 7, 14, 30, tzinfo=PARIS)  # the next Monday


def test_open_at_now_at_a_moment_and_on_a_day_skipping_public_holidays() -> None:
    assert parse(ouvert_maintenant="1")[0].open_at == NOW
    assert parse(ouvert_maintenant="0")[0].open_at is None
    assert parse(ouvert_a="2027-01-04T09:00")[0].open_at == datetime.datetime(2027, 1, 4, 9, 0, tzinfo=PARIS)
    utc = parse(ouvert_a="2027-01-04T09:00+00:00")[0].open_at
    assert utc is not None
    assert utc.utcoffset() == datetime.timedelta(0)
    # Friday 25 December 2026 is Christmas: « vendredi à 10:00 » is the next Friday that is not a holiday.
    friday = parse(jour="vendredi", heure="10:00")[0].open_at
    assert friday == datetime.datetime(2026, 12, 4, 10, 0, tzinfo=PARIS)
    after_christmas = SearchFilters.from_params(
        {"jour": ["vendredi"], "heure": ["10:00"]}, now=NOW + datetime.timedelta(days=20), vocabulary=API
    )[0]
    assert after_christmas.open_at == datetime.datetime(2027, 1, 1, 10, 0, tzinfo=PARIS) + datetime.timedelta(
        days=7
    )


@pytest.mark.parametrize(
    ("params", "parameter", "words"),
    [
        ({"q": "x" * 201}, "q", "200 caractères au plus"),
        ({"q": "a\x00"}, "q", "caractères nuls"),
        (
            {"services": ["Cuisine", "Bricolage"]},
            "services",
            "Services : « Cuisine », « Bricolage » ne sont pas",
        ),
        ({"typologie": "NOPE"}, "typologie", "Typologie : « NOPE » n'est pas une valeur connue"),
        ({"code_insee": "4221"}, "code_insee", "Commune : « 4221 » n'est pas un code INSEE"),
        ({"epci": "24420077X"}, "epci", "Intercommunalité : « 24420077X » n'est pas un SIREN"),
        ({"lat": "nord", "lon": "4.39"}, "lat", "Latitude : « nord » n'est pas un nombre entre -90 et 90"),
        ({"lat": "45.4", "lon": "inf"}, "lon", "Longitude : « inf »"),
        ({"lat": "45.4"}, "lon", "Longitude : indiquez la latitude et la longitude."),
        ({"distance_km": "5"}, "distance_km", "une distance demande une position"),
        ({"lat": "45.4", "lon": "4.3", "distance_km": "0"}, "distance_km", "plus grande que 0"),
        ({"lat": "45.4", "lon": "4.3", "distance_km": "5000"}, "distance_km", "entre 0 et 1000"),
        ({"ouvert_maintenant": "peut-être"}, "ouvert_maintenant", "attendu 1 (oui) ou 0 (non)"),
        ({"ouvert_a": "demain"}, "ouvert_a", "n'est pas une date et heure ISO 8601"),
        ({"ouvert_a": "2027-01-04T09:00", "ouvert_maintenant": "1"}, "ouvert_a", "choisissez"),
        ({"jour": "dimanchee", "heure": "10:00"}, "jour", "Jour : « dimanchee » n'est pas un jour"),
        ({"jour": "jeudi", "heure": "25:00"}, "heure", "Heure : « 25:00 » n'est pas une heure valide"),
        ({"heure": "10:00"}, "jour", "Jour : indiquez le jour et l'heure"),
        ({"bbox": "46,4,45,5"}, "bbox", "Zone de la carte (bbox) : « 46,4,45,5 » n'est pas une zone valide"),
        ({"bbox": "45,4,nord,5"}, "bbox", "sud,ouest,nord,est"),
    ],
)
def test_each_wrong_value_is_named_and_the_right_ones_still_apply(
    params: dict[str, str | list[str]], parameter: str, words: str
) -> None:
    filters, errors = parse(**params, publics="Seniors")
    assert list(errors) == [parameter]
    assert words in errors[parameter]
    assert filters.publics == ("Seniors",)  # the value that is right is searched


def test_the_pages_vocabulary_knows_the_territory_and_france() -> None:
    _, errors = parse(TERRITORY, code_insee=["42218", "75056"], lat="12", lon="120")
    assert errors["code_insee"] == "Commune : « 75056 » n'est pas une valeur connue."
    assert errors["lat"] == "Position : « 12.0, 120.0 » n'est pas en France."
    filters, errors = parse(API, code_insee="75056", lat="40.7", lon="-74.0")  # the API: anywhere
    assert errors == {}
    assert filters.insee_codes == ("75056",)
    assert filters.point == Point(40.7, -74.0)


def test_canonical_parameters_read_again_give_the_same_search() -> None:
    params = {
        "q": ["mediatheque"],
        "services": ["Accès internet et matériel informatique"],
        "lat": ["45.43"],
        "lon": ["4.39"],
        "distance_km": ["3"],
        "jour": ["mardi"],
        "heure": ["9h"],
        "bbox": ["45,4,46,5"],
    }
    parsed = parse_search(params, API)
    again: dict[str, list[str]] = {}
    for name, value in parsed.parameters():
        again.setdefault(name, []).append(value)
    assert parse_search(again, API).filters(NOW) == parsed.filters(NOW)
    assert ("heure", "09:00") in parsed.parameters()
