"""The ANCT list of France Services → the national standard (real 2024-08-01 list, no database)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import opening_hours
import pytest

from maillage.interop.france_services.hours import DAY_COLUMNS, daily_hours_to_osm, parse_day
from maillage.interop.france_services.reader import read_france_services
from maillage.interop.source_helpers import open_text
from maillage.interop.source_rows import SourceRow, WrongSourceFormat
from tests.interop.sources import SOURCES_DIR, tally

LOIRE = SOURCES_DIR / "france-services-2024" / "liste-fs-20240801-loire-42.csv"
NATIONAL = SOURCES_DIR / "france-services-2024" / "liste-fs-20240801.csv.gz"


@pytest.fixture(scope="module")
def loire() -> dict[str, SourceRow]:
    return {row.source_id: row for row in read_france_services(LOIRE)}


def test_noiretable_field_by_field(loire: dict[str, SourceRow]) -> None:
    # 581,42,France services Noirétable,7 Place de l'église,,42159,42440,Noirétable,45.81745,3.766634,
    # mfs.noiretable@loireforez.fr,04 77 24 97 08,08:30 - 12:30 / 13:30 - 17:00,08:30 - 12:30 / 13:30 - 17:00,
    # 08:30 - 12:30,08:30 - 12:30 / 13:30 - 18:30,08:30 - 12:30,,Non,Accueil du public le matin et le Jeudi
    # toute la journée. […],Principal,Fixe,,Espace labellisé 01/01/2020
    row = loire["581"]
    assert (row.row_number, row.line, row.prospect, row.position_approximate) == (1, 2, False, False)
    assert row.record == {
        "id": "581",
        "pivot": "00000000000000",
        "nom": "France services Noirétable",
        "commune": "Noirétable",
        "code_postal": "42440",
        "code_insee": "42159",
        "adresse": "7 Place de l'église",
        "complement_adresse": None,
        "latitude": 45.81745,
        "longitude": 3.766634,
        "typologie": ["RFS"],
        "telephone": "+33477249708",
        "courriels": ["mfs.noiretable@loireforez.fr"],
        "horaires": "Mo,Tu 08:30-12:30,13:30-17:00; We,Fr 08:30-12:30; Th 08:30-12:30,13:30-18:30",
        "presentation_detail": row.attributes["commentaire"],
        "source": "France Services (ANCT)",
        "itinerance": ["Fixe"],
        "date_maj": "2024-08-01",
        "services": ["Aide aux démarches administratives"],
        "dispositif_programmes_nationaux": ["France Services"],
    }
    assert str(row.attributes["commentaire"]).startswith("Accueil du public le matin et le Jeudi")
    assert row.attributes | {"commentaire": None} == {
        "prise_rdv": False,
        "commentaire": None,
        "type_fs": "Principal",
        "format_fs": "Fixe",
        "groupe_fs": None,
        "labellisation_fs": "Espace labellisé 01/01/2020",
        "date_labellisation": "2020-01-01",
    }


def test_multisite_with_overlapping_slots(loire: dict[str, SourceRow]) -> None:
    # 1355,42,France services Charlieu - Pouilly-sous-Charlieu,7 Rue du 19 mars 1962,,42177,42720,[…],
    # afr42720@gmail.com,06 29 15 87 47,08:30 - 17:30 / 08:30 - 12:30 / 08:30 - 12:30 / 08:30 - 17:30,
    # 08:30 - 17:30 / 08:30 - 12:30 / 08:30 - 17:30 / 08:30 - 12:30,
    # 08:30 - 12:30 / 08:30 - 12:30 / 08:30 - 17:30,08:30 - 17:30 / 08:30 - 12:30,08:30 - 12:30,,Oui,
    # "Nous avons 3 sites […]",Principal,Multisites,,[…]
    row = loire["1355"]
    assert row.record is not None
    assert row.record["horaires"] == "Mo-Th 08:30-17:30; Fr 08:30-12:30"
    assert row.record["telephone"] == "+33629158747"
    assert row.record["itinerance"] == ["Fixe"]
    assert row.attributes["prise_rdv"] is True
    assert row.attributes["format_fs"] == "Multisites"


def test_bus_is_itinerant(loire: dict[str, SourceRow]) -> None:
    # 3109,42,Bus France services UDAF de la Loire Nord,place de l'Hôtel de ville,BP 70062,42187,42300,Roanne,
    # 46.0344137497593,4.07269691735218,mdf.nord@udaf42.fr,04 77 23 73 90,09:00 - 12:00 / 13:30 - 16:30 (×5),,
    # Non,,Principal,Bus_équivalent,,Espace labellisé 01/07/2023
    row = loire["3109"]
    assert row.record is not None
    assert row.record["itinerance"] == ["Itinérant"]
    assert row.record["complement_adresse"] == "BP 70062"
    assert row.record["horaires"] == "Mo-Fr 09:00-12:00,13:30-16:30"
    assert row.record["presentation_detail"] is None


def test_loire_subset_all_maps(loire: dict[str, SourceRow]) -> None:
    assert tally(loire.values()) == {"rows": 25, "mappable": 25}
    # Two antennas give no hours at all (every day empty): no `horaires`, and no warning.
    assert [key for key, row in loire.items() if row.record and row.record["horaires"] is None] == [
        "880",
        "2404",
    ]
    assert all("warnings" not in row.attributes for row in loire.values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("09:00 - 12:00 / 13:30 - 17:00", ((540, 720), (810, 1020))),
        ("", ()),
        ("00:00 - 00:00", ()),  # the form's empty placeholder
        ("00:00 - 00:00 / 09:00 - 12:00", ((540, 720),)),
        ("09:00 - 12:30 / 09:00 - 17:00 / 14:00 - 17:00", ((540, 1020),)),  # overlapping: union
        ("08:45 - 10:15 / 10:30 - 11:30 / 10:30 - 12:00", ((525, 615), (630, 720))),
        ("9h00-12h00", ((540, 720),)),
        ("9h-12h / 14h-17h30", ((540, 720), (840, 1050))),
        ("08:30-12:30 et 13:30-17:00", ((510, 750), (810, 1020))),
        ("Fermé", ()),
        ("14:00 - 12:00", None),  # ends before it starts
        ("09:00 - 25:00", None),
        ("sur rendez-vous", None),
        ("09:00 - 12:00 sur rendez-vous", None),
    ],
)
def test_parse_day(text: str, expected: tuple[tuple[int, int], ...] | None) -> None:
    assert parse_day(text) == expected


def week(*texts: str) -> list[tuple[str, str, str]]:
    return [(column, day, text) for (column, day), text in zip(DAY_COLUMNS, texts, strict=True)]


def test_days_grouping() -> None:
    morning, day = "09:00 - 12:00", "09:00 - 12:00 / 13:30 - 17:00"
    assert daily_hours_to_osm(week(day, day, day, day, day, morning)) == (
        "Mo-Fr 09:00-12:00,13:30-17:00; Sa 09:00-12:00",
        [],
    )
    assert daily_hours_to_osm(week(morning, "", morning, "", "", "")) == ("Mo,We 09:00-12:00", [])
    assert daily_hours_to_osm(week(day, "Fermé", morning, morning, day, morning)) == (
        "Mo,Fr 09:00-12:00,13:30-17:00; We,Th,Sa 09:00-12:00",
        [],
    )
    assert daily_hours_to_osm(week("", "", "", "", "", "")) == (None, [])


def test_unreadable_day_drops_the_hours_and_keeps_the_row(tmp_path: Path) -> None:
    with LOIRE.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    rows[1]["h_mardi"] = "sur rendez-vous"  # id_fs 604
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / "liste-fs.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    row = next(row for row in read_france_services(path) if row.source_id == "604")
    assert row.record is not None
    assert row.record["horaires"] is None
    assert row.attributes["warnings"] == [
        "horaires : h_mardi « sur rendez-vous » illisible, horaires non repris"
    ]


def test_every_hours_text_of_the_national_list() -> None:
    texts: set[str] = set()
    with open_text(NATIONAL) as stream:
        for values in csv.DictReader(stream):
            texts.update(values[column] for column, _day in DAY_COLUMNS)
    unreadable = sorted(text for text in texts if parse_day(text) is None)
    print(f"\nFrance services: {len(texts)} distinct daily hours texts, {len(unreadable)} unreadable")
    assert len(texts) > 900
    assert unreadable == []


def test_national_list() -> None:
    rows = list(read_france_services(NATIONAL))
    counts = tally(rows)
    hours = [row.record["horaires"] for row in rows if row.record and row.record["horaires"]]
    print(f"\nFrance services, national list: {dict(counts)}, {len(hours)} with hours")
    assert counts["rows"] == 2845
    assert counts["mappable"] > 0.95 * counts["rows"]
    assert len(hours) > 2700
    assert all(opening_hours.validate(str(expression)) for expression in hours)
    assert len({row.source_id for row in rows}) == len(rows)


def test_other_files_are_refused() -> None:
    aidants = SOURCES_DIR / "aidants-connect-2024" / "20240212-aidants_connect_structures-loire-42.csv"
    with pytest.raises(WrongSourceFormat, match="n'est pas la liste des France services"):
        list(read_france_services(aidants))
    etapes = SOURCES_DIR / "etapes-numeriques-la-poste" / "etapes-numerique.json.gz"
    with pytest.raises(WrongSourceFormat, match="colonnes attendues absentes : id_fs"):
        list(read_france_services(etapes))
