"""Conseillers numériques: 2023 host structures (CSV), 2022 cartography permanences (JSON) → standard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maillage.interop.conseillers_numeriques.reader import read_permanences, read_structures
from maillage.interop.source_rows import SourceRow, WrongSourceFormat
from tests.interop.sources import SOURCES_DIR, tally

STRUCTURES_LOIRE = SOURCES_DIR / "conseillers-numeriques-2023" / "20230405-3925-cnfs-loire-42.csv"
STRUCTURES_NATIONAL = SOURCES_DIR / "conseillers-numeriques-2023" / "20230405-3925-cnfs.csv.gz"
PERMANENCES_LOIRE = (
    SOURCES_DIR / "cartographie-nationale-cnfs-2022" / "lieux-de-mediation-numerique-cnfs-loire-42.json"
)


@pytest.fixture(scope="module")
def structures() -> list[SourceRow]:
    return list(read_structures(STRUCTURES_LOIRE))


@pytest.fixture(scope="module")
def permanences() -> list[SourceRow]:
    return list(read_permanences(PERMANENCES_LOIRE))


def test_structure_field_by_field(structures: list[SourceRow]) -> None:
    # COMMUNE DE NEULISE;Neulise;Loire;Auvergne-Rhône-Alpes;1;14/04/2021;publique;21420156800018;42;
    #  CHE VIEUX 42590 NEULISE;42156;42590;55429;oui;Non défini;non
    row = structures[0]
    assert (row.row_number, row.line, row.source_id, row.position_approximate) == (
        1,
        2,
        "21420156800018",
        True,
    )
    assert row.record == {
        "id": "21420156800018",
        "pivot": "21420156800018",
        "nom": "COMMUNE DE NEULISE",
        "commune": "Neulise",
        "code_postal": "42590",
        "code_insee": "42156",
        "adresse": "CHE VIEUX",
        "latitude": None,
        "longitude": None,
        "source": "Conseillers numériques (structures d'accueil)",
        "date_maj": "2023-04-05",
        "dispositif_programmes_nationaux": ["Conseillers numériques"],
    }
    assert row.attributes == {
        "nombre_conseillers": 1,
        "date_validation": "2021-04-14",
        "type_structure": "publique",
        "zrr": True,
        "qpv": "Non défini",
        "france_services": "non",
    }


def test_structure_postcode_comes_from_its_address(structures: list[SourceRow]) -> None:
    # UNION DEPART ASSOC FAMILIALES LOIRE;Saint-Étienne;Loire;Auvergne-Rhône-Alpes;2;14/04/2021;privée;
    # 77639896800060;42;7 RUE ETIENNE DOLET 42000 SAINT-ETIENNE;42218;42300;74858;non;non;non
    row = next(row for row in structures if row.source_id == "77639896800060")
    assert row.record is not None
    assert (row.record["adresse"], row.record["code_postal"]) == ("7 RUE ETIENNE DOLET", "42000")
    assert (row.record["commune"], row.record["code_insee"]) == ("Saint-Étienne", "42218")
    assert row.attributes["nombre_conseillers"] == 2


def test_structure_labelled_france_services(structures: list[SourceRow]) -> None:
    # LOIRE FOREZ AGGLOMERATION LFA;Montbrison;Loire;Auvergne-Rhône-Alpes;2;14/04/2021;publique;
    # 20006588600018;42;17 BD DE LA PREFECTURE 42600 MONTBRISON;42147;42600;110858;non;sans objet;oui
    row = next(row for row in structures if row.source_id == "20006588600018")
    assert row.record is not None
    assert row.record["dispositif_programmes_nationaux"] == ["Conseillers numériques", "France Services"]
    assert (row.attributes["qpv"], row.attributes["france_services"]) == ("sans objet", "oui")


def test_structures_loire(structures: list[SourceRow]) -> None:
    assert tally(structures) == {"rows": 27, "mappable": 27}
    assert sum(int(str(row.attributes["nombre_conseillers"])) for row in structures) == 43


def test_structures_national() -> None:
    rows = list(read_structures(STRUCTURES_NATIONAL))
    counts = tally(rows)
    print(f"\nConseillers numériques, national structures: {dict(counts)}")
    assert counts["rows"] == 2889
    assert counts["mappable"] > 0.95 * counts["rows"]
    assert counts["unmappable"] == counts["unmappable:SIRET"]  # only later agreements of a structure
    # FACE ALSACE MULHOUSE signed twice (records 2 and 2,037): the second is reported on SIRET.
    again = next(row for row in rows if row.source_id == "40751453800021" and row.record is None)
    assert again.problems[0].message.startswith("structure déjà lue à l'enregistrement 2 (même SIRET)")
    # « 102 RUE AMELOT 75011 PARIS 11 »: an arrondissement number after the city.
    paris = next(row for row in rows if row.raw["Adresse"] == "102 RUE AMELOT 75011 PARIS 11" and row.record)
    assert paris.record is not None
    assert (paris.record["adresse"], paris.record["code_postal"]) == ("102 RUE AMELOT", "75011")


def test_permanence_field_by_field(permanences: list[SourceRow]) -> None:
    # {"id": "62727b6dda550c06ed369d70", "nom": "LA POSTE", "commune": "SAINT-ETIENNE",
    #  "code_postal": "42000", "adresse": "97 BD ANTONIO VIVALDI", "latitude": 45.470799,
    #  "longitude": 4.400877,
    #  "telephone": "+33785731634", "courriel": null,
    #  "horaires": "Tu,Fr 09:00-12:00,14:00-17:00; We,Th 14:00-17:00; Sa 09:00-12:00",
    #  "source": "conseiller-numerique", "date_maj": "2022-06-22", "services": "Prendre en main un
    #  smartphone ou une tablette, Prendre en main un ordinateur, Utiliser le numérique au quotidien,
    #  Approfondir ma culture numérique", "conditions_access": "Gratuit", "labels_nationaux": "CNFS",
    #  "pivot": "35600000013944"}
    row = permanences[0]
    assert (row.row_number, row.line, row.source_id) == (1, None, "62727b6dda550c06ed369d70")
    assert row.record == {
        "id": "62727b6dda550c06ed369d70",
        "nom": "LA POSTE",
        "commune": "SAINT-ETIENNE",
        "code_postal": "42000",
        "adresse": "97 BD ANTONIO VIVALDI",
        "latitude": 45.470799,
        "longitude": 4.400877,
        "telephone": "+33785731634",
        "courriels": [],
        "horaires": "Tu,Fr 09:00-12:00,14:00-17:00; We,Th 14:00-17:00; Sa 09:00-12:00",
        "source": "conseiller-numerique",
        "date_maj": "2022-06-22",
        "pivot": "35600000013944",
        "services": ["Maîtrise des outils numériques du quotidien", "Compréhension du monde numérique"],
        "frais_a_charge": ["Gratuit"],
        "dispositif_programmes_nationaux": ["Conseillers numériques"],
    }
    assert row.attributes == {}


def test_permanence_phone_labels_and_pivot(permanences: list[SourceRow]) -> None:
    # {"id": "62a0b39b209baa06e2170af0", "nom": "PVS-Direction Insertion Emploi", […],
    #  "telephone": "0477344500", […], "labels_nationaux": "CNFS", "pivot": "224200014"}
    insertion = next(row for row in permanences if row.source_id == "62a0b39b209baa06e2170af0")
    assert insertion.record is not None
    assert insertion.record["telephone"] == "+33477344500"
    assert insertion.record["pivot"] == "224200014"  # a SIREN
    # {"id": "6282029bad1bdb06edc4b545", "nom": "COMMUNAUTE DE COMMUNES PILAT RHODANIEN", […],
    #  "courriel": "mds@pilatrhodanien.fr", […], "labels_nationaux": "CNFS, France Services", "pivot": […]}
    pilat = next(row for row in permanences if row.source_id == "6282029bad1bdb06edc4b545")
    assert pilat.record is not None
    assert pilat.record["dispositif_programmes_nationaux"] == ["Conseillers numériques", "France Services"]
    assert pilat.record["courriels"] == ["mds@pilatrhodanien.fr"]
    # {"id": "62b1b745dd51e705b180759c", "nom": "Centre Social de Solaure", […] no pivot}
    solaure = next(row for row in permanences if row.source_id == "62b1b745dd51e705b180759c")
    assert solaure.record is not None
    assert solaure.record["pivot"] == "00000000000000"


def test_permanences_loire(permanences: list[SourceRow]) -> None:
    assert tally(permanences) == {"rows": 17, "mappable": 17}


def test_permanence_access_conditions_and_bad_hours(tmp_path: Path) -> None:
    items = json.loads(PERMANENCES_LOIRE.read_text(encoding="utf-8"))
    items[0]["conditions_access"] = (
        "Gratuit sous condition : La gratuité est conditionnée à des critères (situation familiale, "
        "convention avec un organisme social...), Payant"
    )
    items[0]["horaires"] = "lundi matin"
    items[1]["services"] = "Prendre en main un ordinateur, Faire des crêpes"
    path = tmp_path / "permanences.json"
    path.write_text(json.dumps(items), encoding="utf-8")
    first, second = list(read_permanences(path))[:2]
    assert first.record is not None
    assert first.record["frais_a_charge"] == ["Gratuit sous condition", "Payant"]
    assert first.record["horaires"] is None
    assert first.attributes["warnings"] == [
        "horaires : horaires « lundi matin » illisible (syntaxe OSM), horaires non repris"
    ]
    assert second.record is None
    assert [(p.field, p.message) for p in second.problems] == [
        ("services", "valeur(s) inconnue(s) du standard v0.1 : « Faire des crêpes »")
    ]


def test_other_files_are_refused() -> None:
    with pytest.raises(WrongSourceFormat, match="structures d'accueil de conseillers numériques"):
        list(read_structures(PERMANENCES_LOIRE))
    with pytest.raises(WrongSourceFormat, match="lieux des conseillers numériques"):
        list(read_permanences(STRUCTURES_LOIRE))
    etapes = SOURCES_DIR / "etapes-numeriques-la-poste" / "etapes-numerique.json.gz"
    with pytest.raises(WrongSourceFormat, match="clés attendues absentes : id, nom"):
        list(read_permanences(etapes))
