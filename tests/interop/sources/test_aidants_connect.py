"""The Aidants Connect export of habilitated structures → the national standard (real 2024-02-12 export)."""

from __future__ import annotations

import pytest

from maillage.interop.aidants_connect.reader import read_aidants_connect
from maillage.interop.source_rows import SourceRow, WrongSourceFormat
from tests.interop.sources import SOURCES_DIR, tally

LOIRE = SOURCES_DIR / "aidants-connect-2024" / "20240212-aidants_connect_structures-loire-42.csv"
NATIONAL = SOURCES_DIR / "aidants-connect-2024" / "20240212-aidants_connect_structures.csv.gz"
NO_COUNTS = dict.fromkeys(
    [
        "usagers_uniques", "demarches_total", "demarches_argent", "demarches_etranger", "demarches_famille",
        "demarches_justice", "demarches_loisirs", "demarches_papiers", "demarches_social",
        "demarches_transport", "demarches_travail", "demarches_logement",
    ]
)  # fmt: skip


@pytest.fixture(scope="module")
def loire() -> dict[str, SourceRow]:
    return {row.source_id: row for row in read_aidants_connect(LOIRE)}


def test_address_ending_with_postcode_and_city(loire: dict[str, SourceRow]) -> None:
    # PIMMS Blois,6,29481202-b7ba-4365-b868-92fcba2c2b58,true,42218,11 place René Coty 42000 Blois,42000,
    # 42410964300066.0,false,Blois,6,1,,,,,,,,,,,
    row = loire["6"]
    assert (row.row_number, row.line, row.position_approximate) == (1, 2, True)
    # The INSEE code (Saint-Étienne) and the written city disagree: both are kept, the resolver decides.
    assert row.record == {
        "id": "6",
        "pivot": "42410964300066",
        "nom": "PIMMS Blois",
        "commune": "Blois",
        "code_postal": "42000",
        "code_insee": "42218",
        "adresse": "11 place René Coty",
        "latitude": None,
        "longitude": None,
        "source": "Aidants Connect",
        "date_maj": "2024-02-12",
        "services": ["Aide aux démarches administratives"],
        "dispositif_programmes_nationaux": ["Aidants Connect"],
        "modalites_accompagnement": ["Accompagnement individuel"],
    }
    assert row.attributes == {
        "uuid": "29481202-b7ba-4365-b868-92fcba2c2b58",
        "label_france_services": False,
        "nombre_aidants": 6,
        **NO_COUNTS,
        "usagers_uniques": 1,
    }


def test_france_services_label_and_counters(loire: dict[str, SourceRow]) -> None:
    # COMMUNAUTÉ DE COMMUNES DE FOREZ EST (France Services Chazelles-sur-Lyon),713,ea7d86a9-[…],true,42059,
    # "3 Place Massenet, Chazelles-sur-Lyon",42140,20006589400012.0,true,Chazelles-Sur-Lyon,2,504,1205,50,,
    # 2,2,,32,178,62,875,4
    row = loire["713"]
    assert row.record is not None
    assert row.record["adresse"] == "3 Place Massenet"
    assert row.record["commune"] == "Chazelles-Sur-Lyon"
    assert row.record["pivot"] == "20006589400012"
    assert row.record["dispositif_programmes_nationaux"] == ["Aidants Connect", "France Services"]
    assert row.attributes == {
        "uuid": "ea7d86a9-1719-4ed0-9adc-4744dbbad7f2",
        "label_france_services": True,
        "nombre_aidants": 2,
        "usagers_uniques": 504,
        "demarches_total": 1205,
        "demarches_argent": 50,
        "demarches_etranger": None,
        "demarches_famille": 2,
        "demarches_justice": 2,
        "demarches_loisirs": None,
        "demarches_papiers": 32,
        "demarches_social": 178,
        "demarches_transport": 62,
        "demarches_travail": 875,
        "demarches_logement": 4,
    }


def test_multiline_address_and_glued_postcode(loire: dict[str, SourceRow]) -> None:
    # Mairie de Saint Etienne,4153,[…],true,42218,"Direction Santé Publique seniors solidarité
    # 1 rue de l'Attache aux Bœufs",42000,21420218600018.0,false,Saint-Etienne,14,,,,,,,,,,,,
    row = loire["4153"]
    assert (row.row_number, row.line) == (47, 48)
    assert row.record is not None
    assert (
        row.record["adresse"] == "Direction Santé Publique seniors solidarité, 1 rue de l'Attache aux Bœufs"
    )
    assert (loire["4421"].row_number, loire["4421"].line) == (48, 50)  # the next record
    # SITE ROANNE PARC,96,[…],true,42187,25 RUE CONDORCET42300 Roanne,42300,26421024600015.0,false,Roanne,[…]
    assert loire["96"].record is not None
    assert loire["96"].record["adresse"] == "25 RUE CONDORCET"


def test_empty_insee_code(loire: dict[str, SourceRow]) -> None:
    # ESPASS - Chambon-Feugerolles,5063,[…],true,,2 boulevard d'auvergne,42500,22420001400013.0,false,
    # Le Chambon Feugerolles,9,6,10,,3,,,,,3,,3,1
    row = loire["5063"]
    assert row.record is not None
    assert (row.record["code_insee"], row.record["code_postal"]) == (None, "42500")
    assert row.record["commune"] == "Le Chambon Feugerolles"


def test_loire_subset(loire: dict[str, SourceRow]) -> None:
    assert tally(loire.values()) == {"rows": 68, "mappable": 68}
    labelled = [row for row in loire.values() if row.attributes["label_france_services"]]
    assert len(labelled) == 10


def test_national_export() -> None:
    rows = list(read_aidants_connect(NATIONAL))
    counts = tally(rows)
    print(f"\nAidants Connect, national export: {dict(counts)}")
    assert counts["rows"] == 5227
    assert counts["unmappable:Is Active"] == 46
    assert counts["mappable"] > 0.95 * counts["rows"]
    inactive = next(row for row in rows if row.source_id == "3")  # La Palette - Le Panel des possibles
    assert inactive.record is None
    assert [(p.field, p.message, p.value, p.line) for p in inactive.problems] == [
        ("Is Active", "structure inactive", "false", 4)
    ]
    # « 1500 » for Moyenvic's rows: the spreadsheet dropped the postcode's leading zero.
    shortened = [row for row in rows if row.raw["Zip Code"] == "1500"]
    assert shortened[0].record is not None
    assert shortened[0].record["code_postal"] == "01500"
    # « 2406005850014.0 » lost a digit inside, not a leading zero: placeholder and warning.
    sophia = next(row for row in rows if row.raw["Siret"] == "2406005850014.0")
    assert sophia.record is not None
    assert sophia.record["pivot"] == "00000000000000"
    assert sophia.attributes["warnings"] == [
        "pivot : SIRET « 2406005850014.0 » invalide, remplacé par 00000000000000"
    ]


def test_other_files_are_refused() -> None:
    france_services = SOURCES_DIR / "france-services-2024" / "liste-fs-20240801-loire-42.csv"
    with pytest.raises(WrongSourceFormat, match="n'est pas un export des structures Aidants Connect"):
        list(read_aidants_connect(france_services))
