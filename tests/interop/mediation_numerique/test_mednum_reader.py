"""Reading files of the standard: v1 and v0.1, CSV and JSON, real data and broken files (no database)."""

import datetime
import io
import json
from pathlib import Path

import pytest

from maillage.interop.mediation_numerique import (
    FIELD_ORDER,
    FieldError,
    NotAMednumFile,
    ReadResult,
    read_csv,
    read_file,
    read_json,
)
from tests.interop.mediation_numerique.conftest import EXEMPLE_VALIDE, HINAURA_LOIRE

HEADER = "id,pivot,nom,commune,code_postal,adresse,date_maj,telephone,services,latitude,longitude\n"
GOOD_ROW = "a1,43493312300029,Zoomacom,Saint-Étienne,42000,41 rue de la Télématique,2024-04-02,,,,\n"


def csv_text(*rows: str, header: str = HEADER) -> io.StringIO:
    return io.StringIO(header + "".join(rows))


def only_row(result: ReadResult) -> dict[str, object]:
    assert result.errors == []
    [row] = result.rows
    assert row.lieu is not None
    return row.lieu.model_dump()


def by_id(result: ReadResult, identifier: str) -> dict[str, object]:
    [lieu] = [lieu for lieu in result.lieux if lieu.id == identifier]
    return lieu.model_dump()


# --- real files --------------------------------------------------------------------------------------


def test_official_example_reads_without_errors() -> None:
    result = read_file(EXEMPLE_VALIDE)
    assert (result.format_version, result.file_format, result.warnings) == ("1.0", "csv", [])
    lieu = only_row(result)
    assert lieu["id"] == "structure-1"
    assert lieu["typologie"] == ["TIERS_LIEUX", "ASSO"]
    assert lieu["latitude"] == 43.52609
    assert lieu["date_maj"] == datetime.date(2024, 4, 2)
    assert lieu["modalites_accompagnement"] == [
        "Dans un atelier collectif",
        "À distance",
        "En autonomie",
        "Accompagnement individuel",
    ]
    assert result.rows[0].row_number == 1
    assert result.rows[0].line == 2


def test_hinaura_loire_reads_as_v01_without_errors(hinaura: ReadResult) -> None:
    assert (hinaura.format_version, hinaura.file_format) == ("0.1", "json")
    assert len(hinaura.rows) == 81
    assert hinaura.errors == []
    assert len(hinaura.lieux) == 81
    assert [row.row_number for row in hinaura.rows] == list(range(1, 82))
    assert all(row.line is None for row in hinaura.rows)
    # The placeholder pivot is kept and the missing code_insee is left for the Django service to resolve.
    assert {lieu.pivot for lieu in hinaura.lieux} == {"00000000000000"}
    assert {lieu.code_insee for lieu in hinaura.lieux} == {None}
    assert {lieu.source for lieu in hinaura.lieux} == {"Hinaura"}
    assert hinaura.rows[0].raw["courriel"] == "cyberfabAB@andrezieux-boutheon.com"  # raw: as in the file


def test_hinaura_row_17_andrezieux_boutheon(hinaura: ReadResult) -> None:
    lieu = by_id(hinaura, "17")
    assert lieu["commune"] == "Andrézieux-Bouthéon"
    # 10 v0.1 services → 4 v1 services, in order of first appearance.
    assert lieu["services"] == [
        "Accès internet et matériel informatique",
        "Maîtrise des outils numériques du quotidien",
        "Compréhension du monde numérique",
        "Aide aux démarches administratives",
    ]
    # « Adultes » maps to nothing (tout public); « Handicaps mentaux : … » is a specific support.
    assert lieu["publics_specifiquement_adresses"] == ["Jeunes", "Seniors"]
    assert lieu["prise_en_charge_specifique"] == ["Handicaps mentaux"]
    assert lieu["frais_a_charge"] == ["Gratuit", "Payant"]
    # « A ma place » and « Avec de l'aide » both become « Accompagnement individuel ».
    assert lieu["modalites_accompagnement"] == [
        "Dans un atelier collectif",
        "Accompagnement individuel",
        "En autonomie",
    ]
    assert lieu["courriels"] == ["cyberfabAB@andrezieux-boutheon.com"]
    assert lieu["telephone"] == "+33477557272"
    assert (lieu["latitude"], lieu["longitude"]) == (45.52655083612423, 4.253832986924483)
    assert lieu["date_maj"] == datetime.date(2022, 9, 14)
    assert lieu["dispositif_programmes_nationaux"] == lieu["itinerance"] == lieu["modalites_acces"] == []


def test_hinaura_row_82_charlieu_membership_and_pass_numerique(hinaura: ReadResult) -> None:
    lieu = by_id(hinaura, "82")
    # Gratuit; Adhésion → Payant; Payant (duplicate); Accepte le Pass numérique → dropped.
    assert lieu["frais_a_charge"] == ["Gratuit", "Payant"]
    assert lieu["publics_specifiquement_adresses"] == ["Familles et/ou enfants", "Jeunes", "Seniors"]
    assert lieu["prise_en_charge_specifique"] == []


def test_hinaura_row_84_chazelles_foreign_languages(hinaura: ReadResult) -> None:
    lieu = by_id(hinaura, "84")
    assert lieu["prise_en_charge_specifique"] == [
        "Surdité",
        "Handicaps mentaux",
        "Illettrisme",
        "Langues étrangères (anglais)",
        "Langues étrangères (autres)",
        "Déficience visuelle",
    ]
    assert lieu["horaires"] == "Tu,Fr 09:30-16:30; We 09:30-12:00,14:00-16:30; Th 14:00-16:30; Sa 09:30-12:00"


def test_read_file_accepts_paths_and_binary_and_text_streams() -> None:
    from_path = read_file(str(HINAURA_LOIRE))
    from_bytes = read_file(io.BytesIO(HINAURA_LOIRE.read_bytes()))
    from_text = read_json(io.StringIO(HINAURA_LOIRE.read_text("utf-8")))
    assert from_path.lieux == from_bytes.lieux == from_text.lieux


# --- errors name the record and the field --------------------------------------------------------------


def test_bad_rows_give_errors_naming_row_line_and_field() -> None:
    result = read_csv(
        csv_text(
            GOOD_ROW,
            "b2,43493312300029,Bad postcode,Saint-Étienne,4200,1 rue,2024-04-02,,,,\n",
            "b3,43493312300029,Bad service,Saint-Étienne,42000,1 rue,2024-04-02,,Cours de cuisine,,\n",
            "b4,43493312300029,Bad phone,Saint-Étienne,42000,1 rue,2024-04-02,04 77 55,,,\n",
            "b5,43493312300029,,Saint-Étienne,42000,1 rue,2024-04-02,,,,\n",
            'b6,43493312300029,Lat only,Saint-Étienne,42000,1 rue,2024-04-02,,,"45,45",\n',
            GOOD_ROW.replace("a1", "a7"),
        )
    )
    found = {(error.row, error.line, error.field) for error in result.errors}
    assert found == {
        (2, 3, "code_postal"),
        (3, 4, "services"),
        (4, 5, "telephone"),
        (5, 6, "nom"),
        (6, 7, "longitude"),
    }
    messages = {error.field: error.message for error in result.errors}
    assert messages["code_postal"] == "code postal « 4200 » invalide : 5 chiffres attendus"
    assert "« Cours de cuisine »" in messages["services"]
    assert "numéro de téléphone « 04 77 55 » invalide" in messages["telephone"]
    assert messages["nom"] == "champ obligatoire non renseigné"
    assert messages["longitude"].startswith("longitude manquante")
    assert [row.lieu is not None for row in result.rows] == [True, False, False, False, False, False, True]
    assert str(result.errors[0]) == (
        "enregistrement 2 (ligne 3), champ « code_postal » : "
        "code postal « 4200 » invalide : 5 chiffres attendus"
    )
    assert result.errors[0].value == "4200"


def test_one_record_reports_all_its_faults_including_the_coordinates_pair() -> None:
    result = read_csv(csv_text("c1,123,Place,Saint-Étienne,4200,1 rue,hier,,,45.4,\n"))
    assert {error.field for error in result.errors} == {"pivot", "code_postal", "date_maj", "longitude"}


def test_line_numbers_follow_line_breaks_inside_cells_and_skip_blank_lines() -> None:
    header = "id,pivot,nom,commune,code_postal,adresse,date_maj,presentation_detail\n"
    rows = [
        'd1,43493312300029,A,Roanne,42300,1 rue,2024-01-01,"Ligne un\nLigne deux\nLigne trois"\n',
        "\n",
        "d2,43493312300029,B,Roanne,4230,1 rue,2024-01-01,\n",
    ]
    result = read_csv(csv_text(*rows, header=header))
    assert [(row.row_number, row.line) for row in result.rows] == [(1, 2), (2, 6)]
    assert result.rows[0].lieu is not None
    assert result.rows[0].lieu.presentation_detail == "Ligne un\nLigne deux\nLigne trois"
    assert result.errors[0].line == 6


def test_duplicate_ids_are_errors_on_the_later_records() -> None:
    result = read_csv(csv_text(GOOD_ROW, GOOD_ROW.replace("Zoomacom", "Autre"), GOOD_ROW))
    assert [(error.row, error.field) for error in result.errors] == [(2, "id"), (3, "id")]
    assert "déjà pris par l'enregistrement 1" in result.errors[0].message
    assert len(result.lieux) == 1


def test_extra_cells_are_kept_in_raw() -> None:
    result = read_csv(csv_text(GOOD_ROW.rstrip("\n") + ",surplus\n"))
    assert result.rows[0].raw["(valeurs en trop)"] == ["surplus"]


# --- tolerance ---------------------------------------------------------------------------------------


def test_columns_in_any_order_missing_optional_ones_and_unknown_ones() -> None:
    text = (
        "Date_MAJ,nom,id,adresse,code_postal,commune,pivot,remarque\n"
        "2024-04-02,Zoomacom,z1,1 rue,42000,Roanne,W423001234,à voir\n"
    )
    result = read_csv(io.StringIO(text))
    lieu = only_row(result)
    assert (lieu["id"], lieu["pivot"], lieu["date_maj"]) == ("z1", "W423001234", datetime.date(2024, 4, 2))
    assert result.warnings[0] == "Colonnes ignorées car inconnues du standard : remarque."
    assert result.warnings[1].startswith("Colonnes absentes du fichier (laissées vides) : code_insee,")


def test_missing_required_column_is_an_error_on_every_record() -> None:
    header = "id,pivot,nom,commune,code_postal,date_maj\n"
    result = read_csv(csv_text("e1,43493312300029,A,Roanne,42300,2024-01-01\n", header=header))
    assert [(error.field, error.message) for error in result.errors] == [
        ("adresse", "champ obligatoire absent")
    ]


def test_semicolon_separated_csv_with_bom_and_windows_line_endings() -> None:
    text = (HEADER + GOOD_ROW).replace(",", ";").replace("\n", "\r\n")
    lieu = only_row(read_file(io.BytesIO(b"\xef\xbb\xbf" + text.encode("utf-8"))))
    assert (lieu["id"], lieu["commune"]) == ("a1", "Saint-Étienne")


def test_windows_1252_file_is_read_with_a_warning() -> None:
    result = read_file(io.BytesIO((HEADER + GOOD_ROW).encode("cp1252")))
    assert only_row(result)["commune"] == "Saint-Étienne"
    assert "Windows-1252" in result.warnings[0]


def test_json_v1_with_arrays_pipe_strings_and_nested_address() -> None:
    record = {
        "id": "coop-1",
        "pivot": "43493312300029",
        "nom": "Médiathèque",
        "adresse": {
            "commune": "Roanne",
            "code_postal": "42300",
            "code_insee": "42187",
            "numero_voie": 12,
            "repetition": "bis",
            "nom_voie": "rue Jean Jaurès",
        },
        "latitude": 46.03,
        "longitude": 4.07,
        "services": ["Aide aux démarches administratives", "Loisirs et créations numériques"],
        "modalites_acces": "Se présenter|Téléphoner",
        "frais_a_charge": [],
        "courriels": None,
        "date_maj": "2024-06-01T08:00:00.000Z",
        "mediateurs": [{"prenom": "Ada", "nom": "L.", "email": "ada@example.org"}],
    }
    result = read_json(io.StringIO(json.dumps([record])))
    lieu = only_row(result)
    assert result.format_version == "1.0"
    assert (lieu["adresse"], lieu["commune"], lieu["code_postal"], lieu["code_insee"]) == (
        "12 bis rue Jean Jaurès",
        "Roanne",
        "42300",
        "42187",
    )
    assert lieu["services"] == ["Aide aux démarches administratives", "Loisirs et créations numériques"]
    assert lieu["modalites_acces"] == ["Se présenter", "Téléphoner"]
    assert lieu["frais_a_charge"] == lieu["courriels"] == []
    assert lieu["date_maj"] == datetime.date(2024, 6, 1)
    assert "mediateurs" in result.warnings[0]
    assert result.rows[0].raw == record


def test_json_errors_name_the_object_and_the_field() -> None:
    records = [
        {"id": "j1", "pivot": "W423001234", "nom": "A", "commune": "Roanne", "code_postal": "42300",
         "adresse": "1 rue", "date_maj": "2024-01-01", "services": ["Aide aux démarches administratives", 3]},
        {"id": "j2", "pivot": "W423001234", "nom": "B", "commune": "Roanne", "code_postal": "42300",
         "adresse": "1 rue", "date_maj": "2024-01-01", "latitude": True, "longitude": 4.0},
    ]  # fmt: skip
    result = read_json(io.StringIO(json.dumps(records)))
    assert [(error.row, error.line, error.field) for error in result.errors] == [
        (1, None, "services"),
        (2, None, "latitude"),
    ]


def test_v01_csv_is_converted() -> None:
    header = (
        "id,pivot,nom,commune,code_postal,adresse,cle_ban,courriel,services,publics_accueillis,"
        "conditions_acces,labels_nationaux,labels_autres,accessibilite,date_maj\n"
    )
    row = (
        "v1,00000000000000,Cyber,Feurs,42110,1 rue,42094_0010_00001,a@ex.fr;b@ex.fr,"
        '"Créer avec le numérique;Prendre en main un ordinateur",Uniquement femmes;Surdité,'
        '"Payant : L\'accès au lieu et/ou à ses services est payant",'
        "CNFS;France Services;Fabriques de Territoire;APTIC;Label maison,Label régional,"
        "https://acceslibre.beta.gouv.fr/app/erp/1/,2022-05-01\n"
    )
    result = read_csv(io.StringIO(header + row))
    assert result.format_version == "0.1"
    lieu = only_row(result)
    assert lieu["courriels"] == ["a@ex.fr", "b@ex.fr"]
    assert lieu["services"] == [
        "Loisirs et créations numériques",
        "Maîtrise des outils numériques du quotidien",
    ]
    assert lieu["publics_specifiquement_adresses"] == ["Femmes"]
    assert lieu["prise_en_charge_specifique"] == ["Surdité"]
    assert lieu["frais_a_charge"] == ["Payant"]
    assert lieu["dispositif_programmes_nationaux"] == ["Conseillers numériques", "France Services"]
    assert lieu["formations_labels"] == ["Fabriques de Territoire"]
    assert lieu["autres_formations_labels"] == "Label régional, APTIC, Label maison"
    assert lieu["fiche_acces_libre"] == "https://acceslibre.beta.gouv.fr/app/erp/1/"


def test_v01_errors_name_the_v01_columns() -> None:
    header = "id,pivot,nom,commune,code_postal,adresse,courriel,services,date_maj\n"
    row = "v2,00000000000000,Cyber,Feurs,42110,1 rue,pas-un-courriel,Faire du vélo,2022-05-01\n"
    result = read_csv(io.StringIO(header + row))
    assert result.format_version == "0.1"
    errors = {error.field: error for error in result.errors}
    assert set(errors) == {"courriel", "services"}
    assert errors["services"].message == "valeur(s) inconnue(s) du standard v0.1 : « Faire du vélo »"
    assert errors["courriel"].line == 2
    assert errors["courriel"].value == "pas-un-courriel"


def test_v01_is_recognised_by_its_services_when_no_field_name_tells() -> None:
    header = "id,pivot,nom,commune,code_postal,adresse,services,date_maj\n"
    row = (
        "v3,00000000000000,Cyber,Feurs,42110,1 rue,Accéder à du matériel;Créer avec le numérique,2022-05-01\n"
    )
    result = read_csv(io.StringIO(header + row))
    assert result.format_version == "0.1"
    assert only_row(result)["services"] == [
        "Accès internet et matériel informatique",
        "Loisirs et créations numériques",
    ]


def test_empty_files_with_a_header_or_an_empty_array_have_no_rows() -> None:
    assert read_csv(io.StringIO(",".join(FIELD_ORDER) + "\n")).rows == []
    assert read_file(io.StringIO("[]")).rows == []


# --- not a file of the standard ------------------------------------------------------------------------

FRANCE_SERVICES_HEADER = (
    "id_fs,insee_dep,lib_fs,adresse,complement_adresse,insee_com,code_postal,latitude,longitude"
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            f"{FRANCE_SERVICES_HEADER}\n1,42,FS Feurs,1 rue,,42094,42110,45.7,4.2\n".encode(),
            "colonnes id et nom",
        ),
        (b"a,b,c\n1,2,3\n", "Colonnes trouvées : a, b, c"),
        (b"", "vide"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binaire"),
        (b'[{"id": "1", "nom": "x"', "JSON invalide"),
        (b'{"type": "FeatureCollection", "features": []}', "tableau d'objets"),
        (b"[1, 2, 3]", "tableau d'objets"),
        (b'[{"name": "x", "city": "Roanne"}]', "standard des lieux de médiation numérique"),
        (b"id,nom,courriel,courriels,commune,adresse\n1,x,,,Roanne,1 rue\n", "mélange"),
    ],
)
def test_files_that_are_not_of_the_standard_are_refused(content: bytes, message: str) -> None:
    with pytest.raises(NotAMednumFile, match=message):
        read_file(io.BytesIO(content))


def test_a_csv_read_as_json_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lieux.json"
    path.write_text(HEADER + GOOD_ROW, encoding="utf-8")
    with pytest.raises(NotAMednumFile, match="JSON invalide"):
        read_json(path)


def test_field_error_text() -> None:
    assert str(FieldError(3, "nom", "champ obligatoire absent")) == (
        "enregistrement 3, champ « nom » : champ obligatoire absent"
    )


def test_blank_lines_before_the_header_are_skipped() -> None:
    result = read_csv(io.StringIO("\n\n" + HEADER + GOOD_ROW))
    assert [(row.row_number, row.line) for row in result.rows] == [(1, 4)]
    assert result.errors == []
