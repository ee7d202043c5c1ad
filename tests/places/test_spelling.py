"""A search that forgives: « mediateque » finds the médiathèques; a word some card has is never changed."""

from __future__ import annotations

import pytest
from django.test import Client

from maillage.core.text import normalize
from maillage.places.domain.search import SearchFilters, text_matches
from maillage.places.domain.spelling import corrected_query, corrections, nearest_spellings
from maillage.places.models import Place
from maillage.places.search import places_search
from maillage.places.selectors import places_published
from maillage.places.spelling import search_corrected, search_vocabulary

# Counts made up for the pure tests (how many places have each word); the words are real French ones.
WORDS = {"mediatheque": 7, "mediatheques": 2, "mediation": 40, "roanne": 12, "saint": 50, "etienne": 30}


def test_a_word_found_nowhere_is_read_as_its_nearest_spelling() -> None:
    assert nearest_spellings("mediateque", WORDS) == ["mediatheque"]
    assert nearest_spellings("roane", WORDS)[0] == "roanne"  # a whole word before a word start
    assert nearest_spellings("etiene", WORDS)[0] == "etienne"
    found = corrections(["mediateque", "roanne"], WORDS)
    assert [(item.word, item.spelling) for item in found] == [("mediateque", "mediatheque")]
    assert corrected_query(["mediateque", "roanne"], found) == "mediatheque roanne"


@pytest.mark.parametrize("word", ["roanne", "media", "roa", "mediat", "saint"])
def test_a_word_that_begins_a_census_word_is_never_changed(word: str) -> None:
    assert corrections([word], WORDS) == []


@pytest.mark.parametrize("word", ["xqzwv", "abc", "bibliotheque"])
def test_too_short_or_too_far_is_left_alone(word: str) -> None:
    assert corrections([word], WORDS) == []


@pytest.mark.django_db
def test_mediateque_finds_the_mediatheques_of_the_loire(loire_census: None) -> None:
    expected = sorted(
        str(place.pk) for place in places_published() if text_matches(["mediatheque"], place.search_text)
    )
    assert len(expected) >= 2
    exact = places_search(SearchFilters(q="médiathèque")).hits
    assert sorted(str(hit.place.pk) for hit in exact) == expected
    assert places_search(SearchFilters(q="mediateque")).hits == []  # the search itself stays exact

    filters, shown = search_corrected(SearchFilters(q="mediateque"))
    assert [(item.typed, normalize(item.shown)) for item in shown] == [("mediateque", "mediatheque")]
    assert shown[0].shown[0].isupper() or "é" in shown[0].shown  # as a card writes it
    assert sorted(str(hit.place.pk) for hit in places_search(filters).hits) == expected

    unchanged, none = search_corrected(SearchFilters(q="médiathèque"))
    assert none == []
    assert unchanged.q == "médiathèque"


@pytest.mark.django_db
def test_the_vocabulary_follows_a_publish(loire_census: None) -> None:
    assert "zebulon" not in search_vocabulary().words
    place = Place.objects.filter(status="published").first()
    assert place is not None
    place.search_text += " zebulon"
    place.save()
    assert "zebulon" in search_vocabulary().words


@pytest.mark.django_db
def test_the_map_and_the_api_say_what_they_searched_instead(loire_census: None, client: Client) -> None:
    exact = client.get("/api/v1/lieux", {"q": "médiathèque", "limit": 100}).json()
    typo = client.get("/api/v1/lieux", {"q": "mediateque", "limit": 100}).json()
    assert exact["count"] >= 2
    assert [item["id"] for item in typo["items"]] == [item["id"] for item in exact["items"]]
    assert exact["corrections"] == []
    assert [normalize(c["recherche"]) for c in typo["corrections"]] == ["mediatheque"]
    assert typo["corrections"][0]["saisi"] == "mediateque"

    page = client.get("/carte/", {"q": "mediateque"}).content.decode()
    assert 'data-testid="map-correction"' in page
    assert "mediateque" in page
    assert f'data-count="{exact["count"]}"' in page
    plain = client.get("/carte/", {"q": "médiathèque"}).content.decode()
    assert 'data-testid="map-correction"' not in plain
