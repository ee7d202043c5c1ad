"""Mapping between `Lieu` (the standard's names) and our domain's place fields (no database)."""

import datetime
import typing
import uuid

import pytest
from pydantic import ValidationError

from maillage.interop.mediation_numerique import (
    FIELD_ORDER,
    LIST_FIELDS,
    MULTI_VALUED_FIELDS,
    PLACE_FIELD_NAMES,
    STANDARD_NAMES,
    STANDARD_TO_PLACE,
    PlaceFields,
    ReadResult,
    lieu_to_place_fields,
    place_fields_to_lieu,
)
from maillage.interop.mediation_numerique.mapping import TEXT_FIELDS


def test_domain_field_names() -> None:
    assert PLACE_FIELD_NAMES == (
        "id", "pivot", "name", "commune_name", "postal_code", "insee_code", "address", "address_complement",
        "latitude", "longitude", "typologies", "phone", "emails", "websites", "opening_hours", "summary",
        "description", "source_label", "mobility", "parent_structure", "updated_on", "services", "publics",
        "specific_support", "fees", "national_programmes", "training_labels", "other_labels", "access_modes",
        "support_modes", "acceslibre_url", "booking_url",
    )  # fmt: skip
    assert tuple(STANDARD_TO_PLACE) == FIELD_ORDER
    assert tuple(typing.get_type_hints(PlaceFields)) == PLACE_FIELD_NAMES
    assert {STANDARD_NAMES[name] for name in LIST_FIELDS} == MULTI_VALUED_FIELDS
    assert "other_labels" in TEXT_FIELDS
    assert "other_labels" not in LIST_FIELDS


def test_empty_values_follow_domain_conventions(hinaura: ReadResult) -> None:
    [lieu] = [lieu for lieu in hinaura.lieux if lieu.id == "226"]  # FabLab OpenFactory: no phone
    fields = lieu_to_place_fields(lieu)
    assert fields["name"] == "FabLab OpenFactory"
    assert fields["phone"] == fields["insee_code"] == fields["other_labels"] == fields["summary"] == ""
    assert fields["typologies"] == fields["mobility"] == fields["national_programmes"] == []
    assert fields["pivot"] == "00000000000000"
    assert isinstance(fields["latitude"], float)
    assert isinstance(fields["updated_on"], datetime.date)


def test_every_hinaura_place_survives_the_round_trip(hinaura: ReadResult) -> None:
    for lieu in hinaura.lieux:
        fields = lieu_to_place_fields(lieu)
        assert list(fields) == list(PLACE_FIELD_NAMES)
        assert place_fields_to_lieu(fields) == lieu


def test_domain_lists_are_copies(hinaura: ReadResult) -> None:
    lieu = hinaura.lieux[0]
    fields = lieu_to_place_fields(lieu)
    fields["services"].append("Autre")
    assert "Autre" not in lieu.services


def test_place_fields_to_lieu_accepts_a_uuid_and_empty_strings() -> None:
    identifier = uuid.UUID("0b5f2f6e-8f0a-4f59-9c8e-3c8f2d3f4a10")
    lieu = place_fields_to_lieu(
        {
            "id": identifier,
            "pivot": "43493312300029",
            "name": "Zoomacom",
            "commune_name": "Saint-Étienne",
            "postal_code": "42000",
            "insee_code": "",
            "address": "41 rue de la Télématique",
            "phone": "04 77 93 32 26",
            "updated_on": datetime.date(2024, 9, 1),
            "services": ["Loisirs et créations numériques"],
            "other_labels": "",
            "latitude": None,
            "longitude": None,
        }
    )
    assert lieu.id == str(identifier)
    assert lieu.code_insee is None
    assert lieu.telephone == "+33477933226"
    assert lieu.autres_formations_labels is None


def test_unknown_domain_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="champs inconnus : created_at"):
        place_fields_to_lieu({"name": "x", "created_at": None})


def test_invalid_domain_values_raise_with_standard_field_names(hinaura: ReadResult) -> None:
    fields = lieu_to_place_fields(hinaura.lieux[0]) | {"postal_code": "4216"}
    with pytest.raises(ValidationError) as caught:
        place_fields_to_lieu(fields)
    [error] = caught.value.errors()
    assert error["loc"] == ("code_postal",)
    assert STANDARD_TO_PLACE[str(error["loc"][0])] == "postal_code"
