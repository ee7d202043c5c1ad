"""The `Lieu` model and the constants pinned to the standard v1.0.2 (no database)."""

import ast
import datetime
import json
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from maillage.interop.mediation_numerique import schema
from maillage.interop.mediation_numerique.schema import (
    ENUMERATIONS,
    ETAPES_LABEL,
    ETAPES_LABEL_IN_SCHEMA_REGEX,
    FIELD_ORDER,
    MULTI_VALUED_FIELDS,
    REQUIRED_FIELDS,
    SCHEMA_PATH,
    TYPOLOGIE_CODES,
    Lieu,
)

PACKAGE_DIR = Path(schema.__file__).resolve().parent
SCHEMA_FIELDS = {field["name"]: field for field in json.loads(SCHEMA_PATH.read_text("utf-8"))["fields"]}

MINIMAL: dict[str, Any] = {
    "id": "lieu-1",
    "pivot": "43493312300029",
    "nom": "Espace numérique",
    "commune": "Saint-Étienne",
    "code_postal": "42000",
    "adresse": "41 rue de la Télématique",
    "date_maj": "2024-04-02",
}


def errors_of(**values: Any) -> dict[str, str]:
    """Validate MINIMAL updated with `values`; return {field: message} of the errors."""
    with pytest.raises(ValidationError) as caught:
        Lieu.model_validate(MINIMAL | values)
    return {
        str(error["loc"][0] if error["loc"] else error["ctx"]["field"]): error["msg"]
        for error in caught.value.errors()
    }


def test_field_order_is_the_packaged_schema_order() -> None:
    assert list(FIELD_ORDER) == list(SCHEMA_FIELDS)
    assert len(FIELD_ORDER) == 32
    assert list(Lieu.model_fields) == list(FIELD_ORDER)


def test_required_fields_are_the_schema_ones() -> None:
    required = {name for name, field in SCHEMA_FIELDS.items() if field.get("constraints", {}).get("required")}
    assert required == REQUIRED_FIELDS


def test_every_enumerated_field_is_multi_valued_and_has_a_schema_regex() -> None:
    assert set(ENUMERATIONS) <= MULTI_VALUED_FIELDS
    for name in ENUMERATIONS:
        assert "pattern" in SCHEMA_FIELDS[name]["constraints"], name


@pytest.mark.parametrize("name", sorted(ENUMERATIONS))
def test_enumerations_match_the_schema_regexes(name: str) -> None:
    pattern = re.compile(SCHEMA_FIELDS[name]["constraints"]["pattern"])
    rejected = [value for value in ENUMERATIONS[name] if not pattern.fullmatch(value)]
    if name == "formations_labels":
        # Upstream bug in v1.0.2: the regex spells « Étapes numériques(La Poste) » without the space that
        # the description and the ANCT library use. We write the spaced (canonical) label anyway.
        assert rejected == [ETAPES_LABEL]
        assert pattern.fullmatch(ETAPES_LABEL_IN_SCHEMA_REGEX)
        written = [value for value in ENUMERATIONS[name] if value != ETAPES_LABEL]
    else:
        assert rejected == []
        written = list(ENUMERATIONS[name])
    assert pattern.fullmatch("|".join(written))


def test_typologie_codes_come_from_the_reference_list() -> None:
    assert len(TYPOLOGIE_CODES) == 96
    assert {"EPN", "BIB", "CCAS", "TIERS_LIEUX", "RFS", "MDH", "Autre"} <= set(TYPOLOGIE_CODES)


def test_package_imports_no_django() -> None:
    for path in PACKAGE_DIR.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
                assert node.level == 0, f"relative import in {path.name}"
            else:
                continue
            assert not any(module.split(".")[0] in {"django", "ninja"} for module in modules), path.name


def test_minimal_record() -> None:
    lieu = Lieu.model_validate(MINIMAL)
    assert lieu.date_maj == datetime.date(2024, 4, 2)
    assert lieu.services == []
    assert lieu.code_insee is None
    assert not lieu.has_coordinates


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("04 77 55 72 72", "+33477557272"),
        ("0477557272", "+33477557272"),
        ("04.77.55.72.72", "+33477557272"),
        ("04-77-55-72-72", "+33477557272"),
        ("+33 4 77 55 72 72", "+33477557272"),
        ("+33 (0)4 77 55 72 72", "+33477557272"),
        ("0033 4 77 55 72 72", "+33477557272"),
        ("06 12 34 56 78", "+33612345678"),
        ("02 62 12 34 56", "+262262123456"),
        ("0690 12 34 56", "+590690123456"),
        ("+33477557272", "+33477557272"),
    ],
)
def test_obvious_french_phone_numbers_are_normalised(written: str, expected: str) -> None:
    assert Lieu.model_validate(MINIMAL | {"telephone": written}).telephone == expected


@pytest.mark.parametrize(
    "written", ["04 77 55 72", "04 77 55 72 72 / 06 12 34 56 78", "+1 555 0100", "tél. mairie"]
)
def test_other_phone_numbers_are_errors(written: str) -> None:
    message = errors_of(telephone=written)["telephone"]
    assert "numéro de téléphone" in message
    assert "+33" in message


def test_both_etapes_spellings_are_accepted_and_the_spaced_one_is_kept() -> None:
    for written in (ETAPES_LABEL_IN_SCHEMA_REGEX, ETAPES_LABEL, "étapes numériques  (la poste)"):
        lieu = Lieu.model_validate(MINIMAL | {"formations_labels": [written, "ORDI 3.0"]})
        assert lieu.formations_labels == [ETAPES_LABEL, "ORDI 3.0"]
    both = Lieu.model_validate(
        MINIMAL | {"formations_labels": f"{ETAPES_LABEL_IN_SCHEMA_REGEX}|{ETAPES_LABEL}"}
    )
    assert both.formations_labels == [ETAPES_LABEL]


def test_enumerated_values_are_matched_leniently_and_stored_canonically() -> None:
    lieu = Lieu.model_validate(
        MINIMAL
        | {
            "formations_labels": "Formé à «\u00a0Mon Espace Santé\u00a0»",
            "dispositif_programmes_nationaux": "point d\u2019accès numérique caf",
            "services": " gratuit | ".replace("gratuit", "loisirs et créations numériques"),
            "typologie": "bib|epn|BIB",
        }
    )
    assert lieu.formations_labels == ["Formé à « Mon Espace Santé »"]
    assert lieu.dispositif_programmes_nationaux == ["Point d'accès numérique CAF"]
    assert lieu.services == ["Loisirs et créations numériques"]
    assert lieu.typologie == ["BIB", "EPN"]


def test_unknown_enumerated_values_and_typologies_are_errors() -> None:
    errors = errors_of(services="Aide aux démarches administratives|Cours de cuisine", typologie="EPN|XYZ")
    assert "« Cours de cuisine »" in errors["services"]
    assert "Aide aux démarches administratives" in errors["services"]  # the admitted values are listed
    assert "« XYZ »" in errors["typologie"]


def test_lists_accept_json_arrays_and_pipe_strings_and_drop_empty_items() -> None:
    from_array = Lieu.model_validate(MINIMAL | {"courriels": ["a@ex.fr", " b@ex.fr ", ""]})
    from_pipes = Lieu.model_validate(MINIMAL | {"courriels": "a@ex.fr| b@ex.fr ||a@ex.fr"})
    assert from_array.courriels == from_pipes.courriels == ["a@ex.fr", "b@ex.fr"]
    assert Lieu.model_validate(MINIMAL | {"courriels": ""}).courriels == []


def test_text_is_trimmed_and_empty_text_is_none() -> None:
    lieu = Lieu.model_validate(
        MINIMAL
        | {
            "nom": "  Espace  ",
            "complement_adresse": "   ",
            "horaires": "",
            "presentation_detail": "Un\r\nDeux\rTrois\n",
            "commune": "Saint-E\u0301tienne",  # decomposed accent (macOS)
        }
    )
    assert lieu.nom == "Espace"
    assert lieu.presentation_detail == "Un\nDeux\nTrois"
    assert lieu.commune == "Saint-Étienne"
    assert lieu.complement_adresse is None
    assert lieu.horaires is None


def test_required_fields_must_be_filled() -> None:
    assert errors_of(nom="  ")["nom"] == "champ obligatoire non renseigné"
    assert errors_of(date_maj="")["date_maj"] == "champ obligatoire non renseigné"
    with pytest.raises(ValidationError) as caught:
        Lieu.model_validate({key: value for key, value in MINIMAL.items() if key != "adresse"})
    assert caught.value.errors()[0]["loc"] == ("adresse",)


def test_json_numbers_are_accepted_for_codes() -> None:
    lieu = Lieu.model_validate(MINIMAL | {"id": 17, "code_postal": 1000, "code_insee": 1053})
    assert (lieu.id, lieu.code_postal, lieu.code_insee) == ("17", "01000", "01053")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("pivot", "123"),
        ("pivot", "4349331230002X9"),
        ("code_postal", "4200"),
        ("code_postal", "42 000 Saint-Étienne"),
        ("code_insee", "20004"),
        ("presentation_resume", "x" * 281),
        ("site_web", "www.zoomacom.org"),
        ("fiche_acces_libre", "acceslibre.beta.gouv.fr/app/42"),
        ("prise_rdv", "ftp://rdv.example.org"),
        ("courriels", "contact(at)zoomacom.org"),
        ("itinerance", "Mobile"),
        ("date_maj", "14 septembre 2022"),
        ("date_maj", "2022-02-30"),
        ("latitude", "45°27'"),
    ],
)
def test_invalid_values_are_errors_in_french(field: str, value: str) -> None:
    extra = {"longitude": 4.39} if field == "latitude" else {}
    errors = errors_of(**{field: value}, **extra)
    assert list(errors) == [field]
    assert re.search(r"invalide|attendu|trop long|non admise", errors[field]), errors[field]


def test_resume_of_280_characters_is_accepted() -> None:
    assert Lieu.model_validate(MINIMAL | {"presentation_resume": "é" * 280}).presentation_resume == "é" * 280


def test_dates_in_iso_or_french_form() -> None:
    for written in ("2022-09-14", "2022-09-14T10:30:00+02:00", "14/09/2022", datetime.date(2022, 9, 14)):
        assert Lieu.model_validate(MINIMAL | {"date_maj": written}).date_maj == datetime.date(2022, 9, 14)


def test_coordinates_accept_a_comma_decimal_mark() -> None:
    lieu = Lieu.model_validate(MINIMAL | {"latitude": " 45,457354 ", "longitude": "4.3952684"})
    assert (lieu.latitude, lieu.longitude) == (45.457354, 4.3952684)
    assert lieu.has_coordinates


@pytest.mark.parametrize(
    ("values", "missing"),
    [({"latitude": "45.45"}, "longitude"), ({"longitude": "4.39", "latitude": ""}, "latitude")],
)
def test_latitude_and_longitude_go_together(values: dict[str, str], missing: str) -> None:
    assert "manquante" in errors_of(**values)[missing]


def test_coordinates_must_be_in_range_and_finite() -> None:
    assert "intervalle" in errors_of(latitude=91, longitude=4)["latitude"]
    assert "intervalle" in errors_of(latitude=45, longitude=-181)["longitude"]
    assert "latitude" in errors_of(latitude="nan", longitude=4)


def test_unknown_fields_are_refused() -> None:
    assert "mediateurs" in errors_of(mediateurs=[])


def test_lieu_is_immutable() -> None:
    lieu = Lieu.model_validate(MINIMAL)
    with pytest.raises(ValidationError):
        setattr(lieu, "nom", "Autre")  # noqa: B010 (frozen model)
