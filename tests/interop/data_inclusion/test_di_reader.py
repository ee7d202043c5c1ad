"""Reading data·inclusion structures and services back into the standard's fields (census source rows)."""

import json
from pathlib import Path
from typing import Any

import pytest

from maillage.interop.data_inclusion import read_structures
from maillage.interop.mediation_numerique import MULTI_VALUED_FIELDS, Lieu, lieu_to_record
from maillage.interop.source_rows import SourceRow, WrongSourceFormat
from tests.interop.data_inclusion.conftest import (
    DI_SERVICES,
    DI_STRUCTURES,
    HINAURA_LOIRE,
    by_hinaura_id,
    enriched,
    place_id,
    sample_places,
    write_files,
    written,
)

Items = list[dict[str, Any]]

KEPT = (
    "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse", "latitude",
    "longitude", "telephone", "courriels", "site_web", "horaires", "date_maj", "services",
    "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge", "prise_rdv",
)  # fmt: skip
"""Fields of the Loire places that come back unchanged (lists as sets: they come back in schema order)."""
LOST = ("source", "modalites_acces", "modalites_accompagnement")
"""Fields of the Loire places that do not (see the package docstring for the full list)."""


def same(field: str, left: object, right: object) -> bool:
    if field in MULTI_VALUED_FIELDS:
        assert isinstance(left, list)
        assert isinstance(right, list)
        return set(left) == set(right)
    return left == right


def round_trip(tmp_path: Path, lieux: list[Lieu]) -> list[SourceRow]:
    return list(read_structures(*write_files(tmp_path, *written(lieux))))


def test_loire_round_trip(tmp_path: Path, loire: list[Lieu]) -> None:
    rows = round_trip(tmp_path, loire)
    assert [row.problems for row in rows] == [[]] * 81
    assert all(row.record is not None and not row.prospect for row in rows)
    lost: dict[str, int] = {}
    for lieu, row in zip(loire, rows, strict=True):
        assert row.record is not None
        assert Lieu.model_validate(row.record)
        assert row.source_id == f"maillage--{lieu.id}"
        before = lieu_to_record(lieu)
        for field in KEPT:
            assert same(field, before[field], row.record[field]), (lieu.id, field)
        for field in before:
            if not same(field, before[field], row.record[field]):
                lost[field] = lost.get(field, 0) + 1
    assert set(lost) == set(LOST)
    assert lost["source"] == 81  # « Hinaura » → « maillage », the d·i producer
    assert lost["modalites_acces"] == 81  # empty in Hinaura: they come back as the modes d·i derived
    assert lost["modalites_accompagnement"] == 68  # one service type: only the first by priority


def test_what_comes_back_for_place_17(tmp_path: Path, loire: list[Lieu]) -> None:
    row = round_trip(tmp_path, [by_hinaura_id(loire, "17")])[0]
    assert row.record is not None
    assert row.record["source"] == "maillage"
    assert row.record["modalites_acces"] == ["Téléphoner", "Contacter par mail"]
    assert row.record["modalites_accompagnement"] == ["En autonomie"]
    assert row.record["frais_a_charge"] == ["Gratuit", "Payant"]
    assert row.attributes["publics"] == ["jeunes", "seniors", "personnes-en-situation-de-handicap"]
    assert row.attributes["services"] == [f"maillage--{place_id('17')}-mediation-numerique"]
    assert row.raw["nom"] == "Espace Numérique Public"
    services = row.raw["services"]
    assert isinstance(services, list)
    assert [service["id"] for service in services] == row.attributes["services"]


def test_round_trip_of_the_fields_the_hinaura_file_lacks(tmp_path: Path, loire: list[Lieu]) -> None:
    lieu = enriched(by_hinaura_id(loire, "17"))
    record = round_trip(tmp_path, [lieu])[0].record
    assert record is not None
    assert record["pivot"] == "21420005800013"
    assert record["code_insee"] == "42005"
    assert record["typologie"] == ["EPN"]  # MUNI → communes is shared with CC and EPCI: not read back
    assert record["dispositif_programmes_nationaux"] == [
        "Conseillers numériques",
        "France Services",
    ]  # no PIX
    assert record["formations_labels"] == []
    assert record["modalites_acces"] == ["Se présenter", "Envoyer un mail avec une fiche de prescription"]
    assert record["modalites_accompagnement"] == ["Accompagnement individuel", "À distance"]
    assert record["prise_rdv"] == lieu.prise_rdv
    assert record["fiche_acces_libre"] == lieu.fiche_acces_libre
    assert (record["presentation_resume"], record["presentation_detail"]) == (lieu.presentation_detail, None)


def test_committed_files(loire: list[Lieu]) -> None:
    rows = list(read_structures(DI_STRUCTURES, DI_SERVICES))
    places = sample_places()
    assert [row.source_id for row in rows] == [f"maillage--{lieu.id}" for lieu in places]
    assert [row.row_number for row in rows] == [1, 2, 3, 4, 5, 6]
    for lieu, row in zip(places, rows, strict=True):
        assert row.record is not None
        assert row.line is None
        assert Lieu.model_validate(row.record).nom == lieu.nom


def test_without_services_file_the_offer_is_empty(loire: list[Lieu]) -> None:
    row = next(read_structures(DI_STRUCTURES))
    assert row.record is not None
    assert row.record["services"] == row.record["frais_a_charge"] == []
    assert row.record["telephone"] == "+33477557272"
    assert not row.prospect
    assert "services" not in row.raw


def test_structures_without_digital_service_are_prospects(
    tmp_path: Path, loire_files: tuple[Items, Items]
) -> None:
    structures, services = loire_files
    foreign = dict(services[0]) | {"thematiques": ["logement-hebergement--louer-un-logement"]}
    orphan = dict(services[1]) | {"structure_id": "ailleurs--1"}
    rows = list(read_structures(*write_files(tmp_path, structures[:2], [foreign, orphan])))
    assert [row.prospect for row in rows] == [True, True]
    assert rows[0].attributes["thematiques"] == ["logement-hebergement--louer-un-logement"]
    assert "services" not in rows[1].attributes  # the orphan service is ignored


# --- refused records --------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["nom", "commune", "code_postal", "adresse", "date_maj"])
def test_records_without_a_required_field_are_refused(
    tmp_path: Path, loire_files: tuple[Items, Items], field: str
) -> None:
    structures = [dict(loire_files[0][0]) | {field: None}, loire_files[0][1]]
    rows = list(read_structures(write_files(tmp_path, structures)[0]))
    assert rows[0].record is None
    assert rows[1].record is not None
    assert [(p.row, p.field) for p in rows[0].problems] == [(1, field)]


@pytest.mark.parametrize(
    ("position", "field", "message"),
    [
        ((4.2538, 45.5265), "latitude", "latitude et longitude inversées ?"),
        ((45.5265, 104.25), "longitude", "hors de France"),
        ((-45.5, -120.0), "latitude", "hors de France"),
    ],
)
def test_positions_outside_france_are_refused(
    tmp_path: Path, loire_files: tuple[Items, Items], position: tuple[float, float], field: str, message: str
) -> None:
    latitude, longitude = position
    structure = dict(loire_files[0][0]) | {"latitude": latitude, "longitude": longitude}
    row = next(read_structures(write_files(tmp_path, [structure])[0]))
    assert row.record is None
    assert [(p.field, message in p.message) for p in row.problems] == [(field, True)]


def test_invalid_optional_values_are_left_out(tmp_path: Path, loire_files: tuple[Items, Items]) -> None:
    structure = dict(loire_files[0][0]) | {
        "telephone": "04 77 55 72 72 ou 06 00 00 00 00",
        "site_web": "www.exemple",
    }
    row = next(read_structures(write_files(tmp_path, [structure])[0]))
    assert row.record is not None
    assert row.problems == []
    assert (row.record["telephone"], row.record["site_web"]) == (None, [])
    assert row.attributes["valeurs_ignorees"] == {
        "telephone": "04 77 55 72 72 ou 06 00 00 00 00",
        "site_web": ["www.exemple"],
    }


# --- other producers, v0, wrong files ------------------------------------------------------------------

# Made up for the test, in the shape of another producer's v1 export (no real d·i export is available).
FOREIGN_STRUCTURE: dict[str, Any] = {
    "source": "dora",
    "id": "dora--mjc-montbrison",
    "nom": "MJC de Montbrison",
    "date_maj": "2025-03-01T10:00:00+01:00",
    "description": "La MJC accompagne les habitants dans leurs usages du numérique. " * 6,
    "siret": "77980098700010",
    "commune": "Montbrison",
    "code_postal": "42600",
    "code_insee": "42147",
    "adresse": "Place de l'Hôtel de Ville",
    "telephone": "04 77 00 00 00",
    "courriel": "accueil@mjc.exemple.fr",
    "reseaux_porteurs": ["mjc", "conseillers-numeriques"],
    "score_qualite": 0.8,
}
FOREIGN_SERVICE = {
    "source": "dora",
    "structure_id": "dora--mjc-montbrison",
    "id": "dora--atelier-1",
    "nom": "Ateliers numériques",
    "description": "Ateliers collectifs.",
    "date_maj": "2025-03-01",
    "type": "atelier",
    "thematiques": ["numerique--acceder-a-des-services-en-ligne", "remobilisation--lien-social"],
    "frais": "payant",
    "frais_precisions": "10 € l'adhésion annuelle",
    "publics": ["tous-publics"],
    "modes_accueil": ["en-presentiel"],
    "modes_mobilisation": ["se-presenter", "envoyer-un-courriel"],
}


def test_another_producers_v1_structure(tmp_path: Path) -> None:
    page = {"items": [FOREIGN_STRUCTURE], "total": 1, "page": 1, "size": 50}
    row = next(read_structures(*write_files(tmp_path, page, [FOREIGN_SERVICE])))
    assert row.source_id == "dora--mjc-montbrison"
    assert row.record is not None
    assert Lieu.model_validate(row.record)
    assert {k: row.record[k] for k in ("id", "pivot", "source", "date_maj", "telephone", "typologie")} == {
        "id": "mjc-montbrison",
        "pivot": "77980098700010",
        "source": "dora",
        "date_maj": "2025-03-01",
        "telephone": "+33477000000",
        "typologie": ["MJC"],
    }
    assert row.record["presentation_detail"] == FOREIGN_STRUCTURE["description"].strip()
    assert row.record["dispositif_programmes_nationaux"] == ["Conseillers numériques"]
    assert row.record["services"] == ["Aide aux démarches administratives"]
    assert row.record["publics_specifiquement_adresses"] == []
    assert row.record["frais_a_charge"] == ["Payant"]
    assert row.record["modalites_acces"] == ["Se présenter", "Contacter par mail"]
    assert row.record["modalites_accompagnement"] == ["Dans un atelier collectif"]
    assert row.attributes["reseaux_porteurs"] == ["mjc", "conseillers-numeriques"]


def test_v0_files(tmp_path: Path) -> None:
    """A v0 structure and service, made up in the shape of the ANCT library's v0 export."""
    structure = {
        "id": "structure-163",
        "source": "hinaura",
        "nom": "Centre Social de Montbrison",
        "date_maj": "2022-09-01",
        "commune": "Montbrison",
        "code_postal": "42600",
        "adresse": "13 place Pasteur",
        "typologie": "CS",
        "rna": "W423000000",
        "labels_nationaux": ["conseiller-numerique", "etapes-numeriques", "aptic"],
        "labels_autres": ["APTIC"],
        "thematiques": ["numerique--prendre-en-main-un-ordinateur"],
        "horaires_ouverture": "Mo-Fr 09:00-12:00",
        "presentation_resume": "Centre social.",
    }
    service = {
        "id": "structure-163-mediation-numerique",
        "structure_id": "structure-163",
        "source": "hinaura",
        "nom": "Médiation numérique",
        "date_maj": "2022-09-01",
        "thematiques": ["numerique--acceder-a-du-materiel", "numerique--creer-avec-le-numerique"],
        "profils": ["jeunes-16-26", "seniors-65", "public-langues-etrangeres", "adultes"],
        "frais": ["gratuit-sous-conditions", "payant"],
        "types": ["atelier", "autonomie"],
        "modes_accueil": ["en-presentiel", "a-distance"],
        "modes_orientation_beneficiaire": ["se-presenter"],
        "modes_orientation_accompagnateur": ["envoyer-un-mail-avec-une-fiche-de-prescription"],
        "prise_rdv": "https://rdv.exemple.fr/cs",
    }
    row = next(read_structures(*write_files(tmp_path, [structure], [service])))
    record = row.record
    assert record is not None, row.problems
    assert (record["pivot"], record["typologie"], record["horaires"]) == (
        "W423000000",
        ["CS"],
        "Mo-Fr 09:00-12:00",
    )
    assert record["dispositif_programmes_nationaux"] == ["Conseillers numériques"]
    assert record["formations_labels"] == ["Étapes numériques (La Poste)"]
    assert record["autres_formations_labels"] == "APTIC"
    assert record["services"] == [
        "Maîtrise des outils numériques du quotidien",
        "Loisirs et créations numériques",
        "Accès internet et matériel informatique",
    ]
    assert record["publics_specifiquement_adresses"] == ["Jeunes", "Seniors"]
    assert record["prise_en_charge_specifique"] == [
        "Langues étrangères (anglais)",
        "Langues étrangères (autres)",
    ]
    assert record["frais_a_charge"] == ["Gratuit sous condition", "Payant"]
    assert record["modalites_acces"] == ["Se présenter", "Envoyer un mail avec une fiche de prescription"]
    assert record["modalites_accompagnement"] == ["En autonomie", "Dans un atelier collectif", "À distance"]
    assert (record["presentation_resume"], record["prise_rdv"]) == (
        "Centre social.",
        "https://rdv.exemple.fr/cs",
    )


@pytest.mark.parametrize(
    ("structures", "services", "message"),
    [
        ("[{", None, "n'est pas un JSON valide"),
        ('{"nom": "x"}', None, "un tableau JSON d'objets est attendu"),
        ("[1, 2]", None, "un tableau JSON d'objets est attendu"),
        ('[{"id": "1", "nom": "Mairie"}]', None, "champs absents : source, date_maj"),
        ("DI_SERVICES", None, "le fichier des structures est attendu en premier"),
        ("HINAURA", None, "standard des lieux de médiation numérique"),
        ("DI_STRUCTURES", "DI_STRUCTURES", "Ce fichier n'est pas un fichier de services data·inclusion"),
        ("DI_STRUCTURES", "[{", "Le fichier des services n'est pas un JSON valide"),
    ],
)
def test_wrong_files_are_refused_whole(
    tmp_path: Path, structures: str, services: str | None, message: str
) -> None:
    files = {"DI_SERVICES": DI_SERVICES, "DI_STRUCTURES": DI_STRUCTURES, "HINAURA": HINAURA_LOIRE}
    contents = [
        files[c].read_text(encoding="utf-8") if c in files else c for c in (structures, services) if c
    ]
    paths = (
        write_files(tmp_path, *contents) if len(contents) == 2 else (write_files(tmp_path, contents[0])[0],)
    )
    with pytest.raises(WrongSourceFormat, match=message):
        list(read_structures(*paths))


def test_non_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "structures.json"
    path.write_bytes(json.dumps([{"nom": "Médiathèque"}], ensure_ascii=False).encode("cp1252"))
    with pytest.raises(WrongSourceFormat, match="UTF-8"):
        list(read_structures(path))


def test_an_empty_array_gives_no_rows(tmp_path: Path) -> None:
    assert list(read_structures(write_files(tmp_path, [])[0])) == []
