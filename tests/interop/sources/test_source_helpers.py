"""Helpers shared by the source adapters: reading, cleaning, and the decision whether a row maps."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from maillage.interop.source_helpers import (
    PLACEHOLDER_PIVOT,
    clean_siret,
    code_with_zeros,
    csv_records,
    finish_row,
    open_text,
    split_address,
    split_emails,
)
from maillage.interop.source_rows import WrongSourceFormat
from tests.interop.sources import SOURCES_DIR


@pytest.mark.parametrize(
    ("address", "city", "expected"),
    [  # real addresses of the Aidants Connect and Conseillers numériques files
        ("11 place René Coty 42000 Blois", None, ("11 place René Coty", "42000", "Blois")),
        ("20 Avenue de Ségur, 75007 Paris", None, ("20 Avenue de Ségur", "75007", "Paris")),
        ("9 PLACE DU CHAMP DE FOIRE, 35500, VITRE", None, ("9 PLACE DU CHAMP DE FOIRE", "35500", "VITRE")),
        ("4 Rue Molière 42300", None, ("4 Rue Molière", "42300", None)),
        ("25 RUE CONDORCET42300 Roanne", None, ("25 RUE CONDORCET", "42300", "Roanne")),
        (" CHE VIEUX 42590 NEULISE", None, ("CHE VIEUX", "42590", "NEULISE")),
        (
            "12 RUE JEAN MARIE CHAVANT 69007 LYON 7EME",
            None,
            ("12 RUE JEAN MARIE CHAVANT", "69007", "LYON 7EME"),
        ),
        ("1 place Châtelet 28028 Chartres Cedex", None, ("1 place Châtelet", "28028", "Chartres Cedex")),
        (
            "6 RUE DE MORLAIX - 29520 - CHATEAUNEUF-DU-FAOU",
            None,
            ("6 RUE DE MORLAIX", "29520", "CHATEAUNEUF-DU-FAOU"),
        ),
        (
            "Hôtel de ville \nRue Amédée Dufourg \nBP 303 \n64603 Anglet Cedex",
            None,
            ("Hôtel de ville, Rue Amédée Dufourg, BP 303", "64603", "Anglet Cedex"),
        ),
        (
            "Place de l'Europe, 35235 Thorigné-Fouillard, France",
            None,
            ("Place de l'Europe", "35235", "Thorigné-Fouillard"),
        ),
        ("   24140 VILLAMBLARD", None, ("24140 VILLAMBLARD", "24140", "VILLAMBLARD")),
        ("140 rue des Equarts - CS 28770", None, ("140 rue des Equarts - CS 28770", None, None)),
        (
            "3 Place Massenet, Chazelles-sur-Lyon",
            "Chazelles-Sur-Lyon",
            ("3 Place Massenet", None, "Chazelles-sur-Lyon"),
        ),
        ("Route de Roanne", "Roanne", ("Route de Roanne", None, None)),
        ("rue Sabaton", "Romans Sur Isere", ("rue Sabaton", None, None)),
    ],
)
def test_split_address(address: str, city: str | None, expected: tuple[str, str | None, str | None]) -> None:
    assert split_address(address, city) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("42410964300066.0", "42410964300066"),
        ("21420156800018", "21420156800018"),
        (35600000013944, "35600000013944"),  # La Poste: its own check rule
        ("3021589210007.0", "03021589210007"),  # the float lost a leading zero
        ("776060592.0", "776060592"),  # a SIREN
        ("2406005850014.0", None),  # a digit lost inside: the check digit fails
        ("265905075000053.0", None),  # 15 digits
        ("43246865000006.0", None),  # wrong check digit
        ("0.0", None),
        ("", None),
        (None, None),
    ],
)
def test_clean_siret(value: object, expected: str | None) -> None:
    assert clean_siret(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1053, "01053"),
        ("1500", "01500"),
        ("42218", "42218"),
        ("2A004", "2A004"),
        ("", None),
        ("932360", "932360"),
    ],
)
def test_code_with_zeros(value: object, expected: str | None) -> None:
    assert code_with_zeros(value) == expected


def test_split_emails() -> None:
    # A France Services cell holding three addresses.
    cell = "mairie@dourgne.fr - aini.abdou@dourgne.fr - christel.dauzat@dourgne.fr"
    assert split_emails(cell) == ["mairie@dourgne.fr", "aini.abdou@dourgne.fr", "christel.dauzat@dourgne.fr"]
    assert split_emails("a@x.fr; b@x.fr") == ["a@x.fr", "b@x.fr"]
    assert split_emails("") == []


def test_open_text_reads_gzip_and_plain_alike(tmp_path: Path) -> None:
    plain = SOURCES_DIR / "france-services-2024" / "liste-fs-20240801-loire-42.csv"
    packed = tmp_path / "liste.csv.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    with open_text(plain) as first, open_text(packed) as second:
        assert first.read() == second.read()


def test_csv_records_lines_blank_lines_and_extra_cells(tmp_path: Path) -> None:
    path = tmp_path / "file.csv"
    path.write_text('a,b\n1,"two\nlines"\n\n3,4,extra\n5\n', encoding="utf-8")
    records = list(csv_records(path, expected=["a", "b"], what="un fichier de test"))
    assert [(r.row_number, r.line, r.values) for r in records] == [
        (1, 2, {"a": "1", "b": "two\nlines"}),
        (2, 5, {"a": "3", "b": "4", "(valeurs en trop)": "extra"}),
        (3, 6, {"a": "5", "b": ""}),
    ]


def test_unreadable_files_are_refused(tmp_path: Path) -> None:
    fake_gzip = tmp_path / "file.csv.gz"
    fake_gzip.write_bytes(b"not gzip at all")
    with pytest.raises(WrongSourceFormat, match="fichier CSV illisible"):
        list(csv_records(fake_gzip, expected=["a"], what="un fichier de test"))
    binary = tmp_path / "file.csv"
    binary.write_bytes(bytes(range(256)))
    with pytest.raises(WrongSourceFormat, match="n'est pas un fichier de test"):
        list(csv_records(binary, expected=["a"], what="un fichier de test"))


def record(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "1", "pivot": PLACEHOLDER_PIVOT, "nom": "Médiathèque", "commune": "Roanne",
        "code_postal": "42300", "adresse": "1 rue X", "date_maj": "2024-01-01", "latitude": 46.04,
        "longitude": 4.07,
    }  # fmt: skip
    return base | changes


def test_finish_row_keeps_a_valid_record() -> None:
    row = finish_row(row_number=3, source_id="1", raw={"x": "y"}, record=record(), line=4)
    assert (row.record, row.problems, row.attributes, row.line) == (record(), [], {}, 4)


def test_finish_row_refuses_coordinates_outside_france() -> None:
    row = finish_row(
        row_number=3, source_id="1", raw={}, record=record(latitude=4.07, longitude=46.04), line=4
    )
    assert row.record is None
    assert [(p.field, p.message, p.row, p.line) for p in row.problems] == [
        ("latitude", "coordonnées hors de France (latitude 4.07, longitude 46.04)", 3, 4)
    ]


def test_finish_row_refuses_a_record_without_name_or_commune() -> None:
    row = finish_row(row_number=1, source_id="1", raw={}, record=record(nom="", commune=None))
    assert row.record is None
    assert sorted(p.field for p in row.problems) == ["commune", "nom"]


def test_finish_row_drops_an_invalid_optional_field_with_a_warning() -> None:
    row = finish_row(
        row_number=1, source_id="1", raw={}, record=record(telephone="04 77 00 00 00 ou 06 00 00 00 00")
    )
    assert row.record == record()
    assert str(row.attributes["warnings"]).startswith("['telephone : numéro de téléphone")
