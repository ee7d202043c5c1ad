"""Writing the standard: CSV, JSON and GeoJSON layout, byte-identical round trips, frictionless validation."""

import datetime
import io
import json
import uuid
from pathlib import Path

import frictionless
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maillage.interop.mediation_numerique import (
    ENUMERATIONS,
    FIELD_ORDER,
    SCHEMA_PATH,
    TYPOLOGIE_CODES,
    Lieu,
    ReadResult,
    read_csv,
    read_file,
    read_json,
    recommended_filename,
    write_csv,
    write_geojson,
    write_json,
)
from maillage.interop.mediation_numerique.normalise import clean_text
from maillage.interop.mediation_numerique.schema import ETAPES_LABEL
from tests.interop.mediation_numerique.conftest import EXEMPLE_VALIDE

NAMESPACE = uuid.UUID("6f1c1a52-5b8e-4c1e-9a55-2d0c7f0f4a10")


@pytest.fixture(scope="module")
def exported(hinaura: ReadResult) -> list[Lieu]:
    """The 81 Hinaura places as we would export them: our UUID as id, and a date."""
    return [
        lieu.model_copy(
            update={"id": str(uuid.uuid5(NAMESPACE, lieu.id)), "date_maj": datetime.date(2024, 9, 1)}
        )
        for lieu in hinaura.lieux
    ]


def csv_bytes(lieux: list[Lieu]) -> bytes:
    stream = io.StringIO()
    write_csv(lieux, stream)
    return stream.getvalue().encode("utf-8")


def json_bytes(lieux: list[Lieu]) -> bytes:
    stream = io.StringIO()
    write_json(lieux, stream)
    return stream.getvalue().encode("utf-8")


def frictionless_report(content: bytes, tmp_path: Path) -> frictionless.Report:
    """Validate a CSV against the packaged schema.json, as the upstream CI does."""
    (tmp_path / "lieux.csv").write_bytes(content)
    schema = frictionless.Schema.from_descriptor(json.loads(SCHEMA_PATH.read_text("utf-8")))
    return frictionless.Resource(path="lieux.csv", basepath=str(tmp_path), schema=schema).validate()


# --- CSV ---------------------------------------------------------------------------------------------


def test_csv_layout(exported: list[Lieu]) -> None:
    content = csv_bytes(exported)
    lines = content.decode("utf-8").split("\n")
    assert lines[0] == ",".join(FIELD_ORDER)
    assert lines[-1] == ""  # the last line ends with \n
    assert b"\r" not in content
    assert not content.startswith(b"\xef\xbb\xbf")
    first = next(line for line in lines if line.startswith(str(uuid.uuid5(NAMESPACE, "17"))))
    assert (
        ",45.52655083612423,4.253832986924483,,+33477557272,cyberfabAB@andrezieux-boutheon.com,"
        "https://www.andrezieux-boutheon.com/demarches-et-services/numerique/le-numerique-pour-tous/,"
        '"Mo-Fr 09:00-12:00,13:30-17:30",,,Hinaura,,,2024-09-01,'
        "Accès internet et matériel informatique|Maîtrise des outils numériques du quotidien|"
        "Compréhension du monde numérique|Aide aux démarches administratives,Jeunes|Seniors,"
        "Handicaps mentaux,Gratuit|Payant,,,,,"
        "Dans un atelier collectif|Accompagnement individuel|En autonomie,,"
    ) in first


def test_csv_round_trip_is_byte_identical(exported: list[Lieu]) -> None:
    first = csv_bytes(exported)
    again = read_csv(io.BytesIO(first))
    assert (again.format_version, again.errors, again.warnings) == ("1.0", [], [])
    assert again.lieux == exported
    assert csv_bytes(again.lieux) == first


def test_official_example_survives_a_round_trip(tmp_path: Path) -> None:
    lieux = read_file(EXEMPLE_VALIDE).lieux
    content = csv_bytes(lieux)
    assert read_csv(io.BytesIO(content)).lieux == lieux
    assert frictionless_report(content, tmp_path).valid


def test_written_csv_passes_frictionless_validation(exported: list[Lieu], tmp_path: Path) -> None:
    report = frictionless_report(csv_bytes(exported), tmp_path)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[0].stats["rows"] == 81


def test_spaced_etapes_label_fails_the_official_regex(exported: list[Lieu], tmp_path: Path) -> None:
    """Upstream bug in schema.json v1.0.2: its regex wants « Étapes numériques(La Poste) » (no space).

    We write the canonical spaced label, as the standard's description and the ANCT library do, so a file
    holding it fails frictionless validation on that cell only; the same file without it validates.
    """
    labelled = exported[0].model_copy(update={"formations_labels": [ETAPES_LABEL, "ORDI 3.0"]})
    report = frictionless_report(csv_bytes([labelled, *exported[1:]]), tmp_path)
    assert report.flatten(["rowNumber", "fieldName", "type"]) == [
        [2, "formations_labels", "constraint-error"]
    ]
    without = labelled.model_copy(update={"formations_labels": ["ORDI 3.0"]})
    assert frictionless_report(csv_bytes([without, *exported[1:]]), tmp_path).valid


def test_both_etapes_spellings_are_written_spaced() -> None:
    base = read_file(EXEMPLE_VALIDE).lieux[0].model_dump()
    for written in ("Étapes numériques(La Poste)", "Étapes numériques (La Poste)"):
        lieu = Lieu.model_validate(base | {"formations_labels": written})
        assert ",Étapes numériques (La Poste)," in csv_bytes([lieu]).decode("utf-8")


def test_floats_are_written_without_noise_or_exponent() -> None:
    base = read_file(EXEMPLE_VALIDE).lieux[0]
    lieu = base.model_copy(update={"latitude": 0.00001, "longitude": -0.1 + 0.3})
    text = csv_bytes([lieu]).decode("utf-8")
    assert ",0.00001,0.19999999999999998," in text
    assert read_csv(io.StringIO(text)).lieux == [lieu]


# --- JSON and GeoJSON ----------------------------------------------------------------------------------


def test_json_layout(exported: list[Lieu]) -> None:
    text = json_bytes(exported[:1]).decode("utf-8")
    assert text.startswith('[\n  {\n    "id": ')
    assert text.endswith("]\n")
    assert "Andrézieux-Bouthéon" in text  # not escaped
    [record] = json.loads(text)
    assert list(record) == list(FIELD_ORDER)
    assert record["code_insee"] is None
    assert record["typologie"] == []
    assert record["publics_specifiquement_adresses"] == ["Jeunes", "Seniors"]
    assert record["date_maj"] == "2024-09-01"
    assert record["latitude"] == 45.52655083612423


def test_json_round_trip_is_byte_identical(exported: list[Lieu]) -> None:
    first = json_bytes(exported)
    again = read_json(io.BytesIO(first))
    assert (again.format_version, again.file_format, again.errors) == ("1.0", "json", [])
    assert json_bytes(again.lieux) == first


def test_geojson_is_a_feature_collection_of_points(exported: list[Lieu]) -> None:
    without_coordinates = exported[1].model_copy(update={"latitude": None, "longitude": None})
    stream = io.StringIO()
    omitted = write_geojson([exported[0], without_coordinates, *exported[2:]], stream)
    collection = json.loads(stream.getvalue())
    assert omitted == 1
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == 80
    feature = collection["features"][0]
    assert feature["type"] == "Feature"
    assert feature["id"] == exported[0].id
    assert feature["geometry"] == {"type": "Point", "coordinates": [4.253832986924483, 45.52655083612423]}
    assert list(feature["properties"]) == list(FIELD_ORDER)
    for feature in collection["features"]:
        longitude, latitude = feature["geometry"]["coordinates"]
        assert 45 < latitude < 47  # the Loire, in [lon, lat] order
        assert 3.5 < longitude < 5


# --- file name -----------------------------------------------------------------------------------------


def test_recommended_filename() -> None:
    assert recommended_filename(datetime.date(2022, 7, 25), "243 300 316 00011", "Bordeaux Métropole") == (
        "2022-07-25_24330031600011_lieux-de-mediation-numerique_BordeauxMetropole.csv"
    )
    assert recommended_filename(datetime.date(2024, 9, 1), "w423001234", "Saint-Étienne Métropole") == (
        "2024-09-01_W423001234_lieux-de-mediation-numerique_SaintEtienneMetropole.csv"
    )
    with pytest.raises(ValueError, match="SIRET"):
        recommended_filename(datetime.date(2024, 9, 1), "00000", "Loire")
    with pytest.raises(ValueError, match="territoire"):
        recommended_filename(datetime.date(2024, 9, 1), "24330031600011", " -- ")


# --- property: any valid place survives write → read → write -----------------------------------------


def _text() -> st.SearchStrategy[str]:
    """Text as the reader gives it back (NFC, `\\n` line breaks, trimmed, not empty), with quotes,
    separators and line breaks inside."""
    characters = st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\r\t\"',;|")
    return st.text(characters, min_size=1, max_size=40).map(clean_text).filter(bool)


def _optional(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.none() | strategy


def _subset(values: tuple[str, ...] | list[str]) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(list(values)), unique=True, max_size=4)


_WORD = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)
_LIEU = st.builds(
    Lieu,
    id=_text(),
    pivot=st.from_regex(r"[a-zA-Z0-9]{9,14}", fullmatch=True),
    nom=_text(),
    commune=_text(),
    code_postal=st.from_regex(r"[0-9]{5}", fullmatch=True),
    code_insee=_optional(st.from_regex(r"(42|2A)[0-9]{3}", fullmatch=True)),
    adresse=_text(),
    complement_adresse=_optional(_text()),
    latitude=st.floats(-90, 90),
    longitude=st.floats(-180, 180),
    typologie=_subset(TYPOLOGIE_CODES),
    telephone=_optional(st.from_regex(r"\+33[1-9][0-9]{8}", fullmatch=True)),
    courriels=st.lists(st.builds("{}@{}.fr".format, _WORD, _WORD), unique=True, max_size=3),
    site_web=st.lists(st.builds("https://{}.fr/{}".format, _WORD, _WORD), unique=True, max_size=3),
    horaires=_optional(_text()),
    presentation_resume=_optional(_text()),
    presentation_detail=_optional(_text()),
    source=_optional(_text()),
    itinerance=_subset(ENUMERATIONS["itinerance"]),
    structure_parente=_optional(_text()),
    date_maj=st.dates(),
    services=_subset(ENUMERATIONS["services"]),
    publics_specifiquement_adresses=_subset(ENUMERATIONS["publics_specifiquement_adresses"]),
    prise_en_charge_specifique=_subset(ENUMERATIONS["prise_en_charge_specifique"]),
    frais_a_charge=_subset(ENUMERATIONS["frais_a_charge"]),
    dispositif_programmes_nationaux=_subset(ENUMERATIONS["dispositif_programmes_nationaux"]),
    formations_labels=_subset(ENUMERATIONS["formations_labels"]),
    autres_formations_labels=_optional(_text()),
    modalites_acces=_subset(ENUMERATIONS["modalites_acces"]),
    modalites_accompagnement=_subset(ENUMERATIONS["modalites_accompagnement"]),
    fiche_acces_libre=_optional(st.builds("https://acceslibre.beta.gouv.fr/app/{}/".format, _WORD)),
    prise_rdv=_optional(st.builds("https://rdv.example.org/{}".format, _WORD)),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_LIEU, min_size=1, max_size=3, unique_by=lambda lieu: lieu.id))
def test_any_valid_place_round_trips_byte_identically(lieux: list[Lieu]) -> None:
    content = csv_bytes(lieux)
    again = read_csv(io.BytesIO(content))
    assert again.errors == []
    assert again.lieux == lieux
    assert csv_bytes(again.lieux) == content
    assert json_bytes(read_json(io.BytesIO(json_bytes(lieux))).lieux) == json_bytes(lieux)
