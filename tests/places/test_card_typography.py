"""The census shows cards in typographic case; the sources' values stay; an editor's value wins (DB).

On the real Loire census (`demo_census`): Aidants Connect wrote « AFR POUIILY SOUS CHARLIEU »,
« 15 RUE DU 19 MARS 1962 », « Pouilly Sous Charlieu » (record 952).
"""

from __future__ import annotations

import pytest

from maillage.census.services import census_rebuild
from maillage.contributions.services.editing import place_apply_changes
from maillage.places.domain.typography import is_shouting
from maillage.places.enums import VersionOrigin
from maillage.places.models import Place, SourceRecord
from maillage.places.standard import place_to_lieu

pytestmark = pytest.mark.django_db


def _afr_pouilly() -> tuple[SourceRecord, Place]:
    record = SourceRecord.objects.select_related("place").get(source="aidants-connect", source_id="952")
    assert record.place is not None
    return record, record.place


def test_a_shouting_source_is_shown_in_typographic_case_and_kept_as_it_came(demo_census: list[str]) -> None:
    record, place = _afr_pouilly()
    assert (place.name, place.address, place.commune_name) == (
        "AFR Pouiily sous Charlieu",
        "15 rue du 19-Mars-1962",
        "Pouilly-sous-Charlieu",  # the official name of INSEE 42177
    )
    # The source's values are kept: in its record, and in the card's provenance.
    assert (record.fields["name"], record.fields["address"], record.fields["commune_name"]) == (
        "AFR POUIILY SOUS CHARLIEU",
        "15 RUE DU 19 MARS 1962",
        "Pouilly Sous Charlieu",
    )
    assert place.provenance["name"] == {"from": record.key, "others": {}, "raw": "AFR POUIILY SOUS CHARLIEU"}
    assert place.provenance["address"]["raw"] == "15 RUE DU 19 MARS 1962"
    # The open-data files carry what the card shows.
    lieu = place_to_lieu(place)
    assert (lieu.nom, lieu.adresse, lieu.commune) == (place.name, place.address, place.commune_name)
    # A rebuild over the same census changes nothing more.
    assert census_rebuild().places_updated == 0


def test_no_card_of_the_loire_census_shouts(demo_census: list[str]) -> None:
    shown = [
        text for place in Place.objects.all() for text in (place.name, place.address, place.commune_name)
    ]
    assert [text for text in shown if is_shouting(text)] == []
    assert not Place.objects.filter(commune_name="Rozier Cotes D Aurec").exists()


def test_what_an_editor_types_wins_unchanged(demo_census: list[str]) -> None:
    record, place = _afr_pouilly()
    typed = {"name": "AFR POUILLY-SOUS-CHARLIEU", "address": "15 RUE DU 19 MARS 1962"}  # capitals, on purpose
    place_apply_changes(
        place=place, changes=typed, author=None, origin=VersionOrigin.EDIT, author_label="test"
    )
    place.refresh_from_db()
    assert (place.name, place.address) == (typed["name"], typed["address"])
    assert "raw" not in place.provenance["name"]
    census_rebuild()  # a re-import does not put the editor's value in typographic case
    place.refresh_from_db()
    assert (place.name, place.address) == (typed["name"], typed["address"])
    record.refresh_from_db()
    assert record.fields["name"] == "AFR POUIILY SOUS CHARLIEU"  # the source's record is untouched
