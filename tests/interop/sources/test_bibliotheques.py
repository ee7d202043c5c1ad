"""The Ministère de la Culture list of public libraries → the standard, as prospects (real ≈2020 list)."""

from __future__ import annotations

import pytest

from maillage.interop.bibliotheques.reader import read_bibliotheques
from maillage.interop.source_rows import SourceRow, WrongSourceFormat
from tests.interop.sources import SOURCES_DIR, tally

LOIRE = SOURCES_DIR / "bibliotheques-publiques" / "adresses-des-bibliotheques-publiques-loire-42.csv"
NATIONAL = SOURCES_DIR / "bibliotheques-publiques" / "adresses-des-bibliotheques-publiques.csv.gz"


@pytest.fixture(scope="module")
def loire() -> dict[str, SourceRow]:
    return {row.source_id: row for row in read_bibliotheques(LOIRE)}


def test_library_field_by_field(loire: dict[str, SourceRow]) -> None:
    # Bibliothèque De La Bénisson-Dieu;Benisson Dieu;mairie;rue bernard de;42720;;La Bénisson-Dieu;42;42016;
    # 46.150542, 4.044447;46.1590458728, 4.04769279694;46.150542,4.044447;7970.0;7970.0;84;
    # Bibliothèque municipale;25.0;Bibliothèque ouverte au public;6.0;433.0
    row = loire["7970"]
    assert (row.row_number, row.line, row.prospect, row.position_approximate) == (2, 3, True, False)
    assert row.record == {
        "id": "7970",
        "pivot": "00000000000000",
        "nom": "Bibliothèque De La Bénisson-Dieu",
        "commune": "La Bénisson-Dieu",
        "code_postal": "42720",
        "code_insee": "42016",
        "adresse": "rue bernard de",
        "complement_adresse": "mairie",
        "latitude": 46.150542,
        "longitude": 4.044447,
        "typologie": ["BIB"],
        "source": "Ministère de la Culture (bibliothèques publiques)",
        "date_maj": "2020-11-26",
    }
    assert row.attributes == {
        "libelle2": "Benisson Dieu",
        "statut": "Bibliothèque municipale",
        "type_adresse": "Bibliothèque ouverte au public",
        "surface_m2": 25.0,
        "amplitude_horaire": 6.0,
        "pop_com": 433,
    }


def test_address_from_second_label(loire: dict[str, SourceRow]) -> None:
    # Bibliotheque De Poncins;185 rue de la mairie;;;42110;;Poncins;42;42174;[…];8066.0;8066.0;84;[…]
    row = loire["8066"]
    assert row.record is not None
    assert (row.record["adresse"], row.record["complement_adresse"]) == ("185 rue de la mairie", None)


def test_library_without_postcode_nor_city(loire: dict[str, SourceRow]) -> None:
    # Médiathèque De Saint Laurent La Conche;;;;00000;;;42;42251;;45.6890006035, 4.23185003367;
    # 45.6890006035,4.23185003367;8118.0;8118.0;84;Bibliothèque municipale;;
    # Bibliothèque ouverte au public;;623.0
    row = loire["8118"]
    assert row.record is None
    assert [(p.field, p.line) for p in row.problems] == [
        ("commune", 52),
        ("code_postal", 52),
        ("adresse", 52),
    ]
    assert row.prospect


def test_loire_subset(loire: dict[str, SourceRow]) -> None:
    assert tally(loire.values()) == {
        "rows": 248, "mappable": 245, "unmappable": 3, "unmappable:commune": 1, "unmappable:adresse": 2,
    }  # fmt: skip
    assert all(row.prospect for row in loire.values())


def test_national_list() -> None:
    counts = tally(read_bibliotheques(NATIONAL))
    print(f"\nBibliothèques publiques, national list: {dict(counts)}")
    assert counts["rows"] == 15779
    assert counts["mappable"] > 0.95 * counts["rows"]


def test_other_files_are_refused() -> None:
    france_services = SOURCES_DIR / "france-services-2024" / "liste-fs-20240801-loire-42.csv"
    with pytest.raises(WrongSourceFormat, match="n'est pas la liste des bibliothèques publiques"):
        list(read_bibliotheques(france_services))
