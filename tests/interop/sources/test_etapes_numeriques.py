"""La Poste's « Étapes numériques » places → the national standard (real file of 2024-05-30)."""

from __future__ import annotations

import pytest

from maillage.interop.etapes_numeriques.reader import read_etapes_numeriques
from maillage.interop.source_rows import WrongSourceFormat
from tests.interop.sources import SOURCES_DIR, tally

NATIONAL = SOURCES_DIR / "etapes-numeriques-la-poste" / "etapes-numerique.json.gz"


def test_the_loire_place_field_by_field() -> None:
    # {"ID": 32, "SIRET": 35600000013944, "Nom": "Saint Etienne Montreynaud BP", "Commune": "Saint-Étienne",
    #  "Code postal": 42000, "Code INSEE": 42218, "Adresse": "Boulevard Antonio Vivaldi",
    #  "latitude": 45.470693, "longitude": 4.40017}
    row = next(row for row in read_etapes_numeriques(NATIONAL) if row.source_id == "32")
    assert (row.row_number, row.line, row.prospect) == (32, None, False)
    assert row.record == {
        "id": "32",
        "pivot": "35600000013944",
        "nom": "Saint Etienne Montreynaud BP",
        "commune": "Saint-Étienne",
        "code_postal": "42000",
        "code_insee": "42218",
        "adresse": "Boulevard Antonio Vivaldi",
        "latitude": 45.470693,
        "longitude": 4.40017,
        "typologie": ["LA_POSTE"],
        "source": "La Poste (Étapes numériques)",
        "date_maj": "2024-05-30",
        "formations_labels": ["Étapes numériques (La Poste)"],
    }


def test_codes_get_their_leading_zero_back() -> None:
    # {"ID": 1, "SIRET": 35600000063516, "Nom": "Bourg En Bresse Maginot BP", "Commune": "Bourg-en-Bresse",
    #  "Code postal": 1000, "Code INSEE": 1053, "Adresse": "45 avenue andré maginot", […]}
    row = next(iter(read_etapes_numeriques(NATIONAL)))
    assert row.record is not None
    assert (row.record["code_postal"], row.record["code_insee"]) == ("01000", "01053")
    assert row.record["pivot"] == "35600000063516"  # La Poste's SIRET follow their own check rule


def test_national_file() -> None:
    counts = tally(read_etapes_numeriques(NATIONAL))
    print(f"\nÉtapes numériques: {dict(counts)}")
    assert counts == {"rows": 95, "mappable": 95}


def test_other_files_are_refused() -> None:
    permanences = (
        SOURCES_DIR / "cartographie-nationale-cnfs-2022" / "lieux-de-mediation-numerique-cnfs-loire-42.json"
    )
    with pytest.raises(WrongSourceFormat, match="clés attendues absentes : ID, SIRET"):
        list(read_etapes_numeriques(permanences))
    france_services = SOURCES_DIR / "france-services-2024" / "liste-fs-20240801-loire-42.csv"
    with pytest.raises(WrongSourceFormat, match="JSON illisible"):
        list(read_etapes_numeriques(france_services))
