"""Facts of issue 17's second pass (places.domain.dedup_features), each on real records.

The pairs come from the labelled set (tests/data/dedup/, train part) or, for the Loire, from the files of
the demo census (named in each comment)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from maillage.places.domain.dedup import Candidate, score
from maillage.places.domain.dedup_eval import candidate_from_record, load_labels, load_records
from maillage.places.domain.dedup_features import features
from maillage.places.domain.dedup_model import CAPPED_REVIEW
from maillage.places.domain.names import normalize_address

DATA = Path(__file__).resolve().parents[1] / "data" / "dedup"
RECORDS = load_records(DATA / "records.jsonl.gz")
BY_ID = {pair.pair_id: pair for pair in load_labels(DATA / "labels.csv")}


def _facts(pair_id: str) -> dict[str, float]:
    pair = BY_ID[pair_id]
    a, b = candidate_from_record(RECORDS[pair.key_a]), candidate_from_record(RECORDS[pair.key_b])
    return features(a, b, 0.0)


def test_abbreviated_streets_are_spelled_out() -> None:
    # P0314 (REED, Aidants Connect / Conseillers numériques): « 42 GR DE VAISE », « 42 Grande Rue de Vaise »
    assert normalize_address("42 GR DE VAISE") == normalize_address("42 Grande Rue de Vaise")
    # P0293 (Crest): « PL DOC MAURICE ROZIER HOTEL DE VILLE » and « Place Dr Maurice Rozier »
    assert normalize_address("PL DOC MAURICE ROZIER").startswith(normalize_address("Place Dr Maurice Rozier"))


@pytest.mark.parametrize(
    ("pair_id", "fact"),
    [
        ("P0365", "same_siret_same_premises"),  # « RTE ST LAURENT DAGNY CA… » / « RTE ST LAURENT D'AGNY »
        ("P0094", "same_siret_same_premises"),  # 170 rue Ferdinand Fert / rue Ferdinand Fert les Laurons
        ("P0215", "acronym"),  # « ESCDD »: Espace Social et Culturel Du Diois
        ("P0021", "public_bodies_same_premises"),  # Givors: the commune's France services and its CCAS
        ("P0189", "other_number_close"),  # 1 and 3 rue du Général Desaix, 2 m
        ("P0235", "head_office_unproven"),  # Maison des solidarités d'Ambert under the Département's address
        # issue 17, third pass (train part)
        ("P0683", "one_list_two_phones_one_address"),  # médiathèque Bonlieu / Info Jeunes, 1 rue Jean Jaurès
        ("P1024", "same_siret_vague_address"),  # mairie de L'Albenc / the commune at « HOTEL DE VILLE »
        ("P0510", "same_siret_vague_address"),  # mairie de Saint-Cergues / « CHEF LIEU MAIRIE »
        ("P0189", "hosted_programme_close"),  # « Conseiller Numérique Saint Gervais », 2 m from the FS
        ("P0427", "hosted_programme_close"),  # « Conseillère Numérique », 3 rue Desaix
    ],
)
def test_the_facts_of_hard_pairs(pair_id: str, fact: str) -> None:
    assert _facts(pair_id)[fact] == 1.0


def _loire(key: str, name: str, address: str, latitude: float, longitude: float, phone: str) -> Candidate:
    return Candidate(
        key=key, source=key.split(":")[0], name=name, address=address, postal_code="42510",
        insee_code="42011", latitude=latitude, longitude=longitude, position_approximate=False, siret="",
        phone=phone, commune_name="Balbigny",
    )  # fmt: skip


def test_house_numbers_far_apart_on_one_square_are_not_neighbours() -> None:
    # france-services-2024 id_fs 2930 and hinaura-2022 id 40, both geocoded 2 m apart: 128 and 7 place de
    # la Libération, two phones. Not « numéros voisins »: no automatic merge.
    site = _loire("france-services:2930", "France services multisites de Balbigny - site de Panissières",
                  "128 place de la Libération", 45.8196, 4.1887, "+33477060305")  # fmt: skip
    point = _loire("hinaura:40", "Point Rencontre Emploi - Balbigny", "7 Place de la Libération",
                   45.81961, 4.18872, "+33771917023")  # fmt: skip
    assert features(site, point, 0.0)["other_number_close"] == 0.0
    assert score(site, point).value < 0.7


def test_two_organisations_of_one_list_at_one_address_wait_for_a_person() -> None:
    # Aidants Connect 726 and 5155 (tests/places/test_dedup.py): FACE Loire and CIBC Loire, two SIRETs
    face = Candidate(key="aidants-connect:726", source="aidants-connect", name="FACE LOIRE",
                     address="18 AV AUGUSTIN DUPRE", postal_code="42000", insee_code="42218", latitude=None,
                     longitude=None, position_approximate=False, siret="42070104700037",
                     commune_name="Saint-Étienne")  # fmt: skip
    cibc = Candidate(key="aidants-connect:5155", source="aidants-connect", name="CIBC LOIRE",
                     address="18 Avenue Augustin Dupré", postal_code="42000", insee_code="42218",
                     latitude=None, longitude=None, position_approximate=False, siret="40185574700044",
                     commune_name="Saint-Étienne")  # fmt: skip
    match = score(face, cibc)
    assert match.value == CAPPED_REVIEW
    assert any("décision humaine" in reason for reason in match.reasons)


def test_two_town_halls_are_not_one_street() -> None:
    # P0745 (Conseillers numériques): the communes of Loisin and Massongy, both « HOTEL DE VILLE », 74140
    facts = _facts("P0745")
    assert facts["same_street_unnumbered"] == facts["same_numbered_address"] == 0.0
    # but one organisation misfiled under a neighbouring commune keeps its street (one SIRET)
    mairie = Candidate(
        key="aidants-connect:1", source="aidants-connect", name="Mairie de Loisin", address="Hôtel de ville",
        postal_code="74140", insee_code="74150", latitude=None, longitude=None, position_approximate=True,
        siret="21740150400014",
    )  # fmt: skip
    moved = dataclasses.replace(mairie, key="cnfs-structures:1", source="cnfs-structures", insee_code="74171")
    assert features(mairie, moved, 0.0)["same_street_unnumbered"] == 1.0
