"""The pinned data·inclusion schema: packaged files, vocabularies and pydantic models agree."""

import datetime
import json
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from maillage.interop.data_inclusion import SERVICE_SCHEMA_PATH, STRUCTURE_SCHEMA_PATH, Service, Structure
from maillage.interop.data_inclusion.schema import (
    FRAIS,
    MODES_ACCUEIL,
    MODES_MOBILISATION,
    PERSONNES_MOBILISATRICES,
    PUBLICS,
    REFERENCE_DIR,
    RESEAUX_PORTEURS,
    SCHEMA_VERSION,
    THEMATIQUES,
    TYPES_DE_SERVICES,
    V0_SERVICE_FIELDS,
    V0_STRUCTURE_FIELDS,
)


def schema(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


STRUCTURE_SCHEMA = schema(STRUCTURE_SCHEMA_PATH)
SERVICE_SCHEMA = schema(SERVICE_SCHEMA_PATH)


def enum(document: dict[str, Any], name: str) -> list[str]:
    definitions = document["$defs"]
    assert isinstance(definitions, dict)
    return list(definitions[name]["enum"])


@pytest.mark.parametrize(
    ("vocabulary", "document", "definition"),
    [
        (THEMATIQUES, SERVICE_SCHEMA, "Thematique"),
        (PUBLICS, SERVICE_SCHEMA, "Public"),
        (FRAIS, SERVICE_SCHEMA, "Frais"),
        (MODES_ACCUEIL, SERVICE_SCHEMA, "ModeAccueil"),
        (MODES_MOBILISATION, SERVICE_SCHEMA, "ModeMobilisation"),
        (PERSONNES_MOBILISATRICES, SERVICE_SCHEMA, "PersonneMobilisatrice"),
        (TYPES_DE_SERVICES, SERVICE_SCHEMA, "TypeService"),
        (RESEAUX_PORTEURS, STRUCTURE_SCHEMA, "ReseauPorteur"),
    ],
)
def test_vocabularies_equal_the_schema_enumerations(
    vocabulary: dict[str, str], document: dict[str, Any], definition: str
) -> None:
    assert sorted(vocabulary) == sorted(enum(document, definition))
    assert all(label for label in vocabulary.values())


@pytest.mark.parametrize(("model", "document"), [(Structure, STRUCTURE_SCHEMA), (Service, SERVICE_SCHEMA)])
def test_models_have_the_schema_fields_and_required_fields(
    model: type[Structure] | type[Service], document: dict[str, Any]
) -> None:
    properties = document["properties"]
    assert isinstance(properties, dict)
    assert set(model.model_fields) == set(properties)
    required = {name for name, field in model.model_fields.items() if field.is_required()}
    assert required == set(document["required"])


def test_pinned_version_and_packaged_files() -> None:
    assert SCHEMA_VERSION == "1.0.8"
    assert STRUCTURE_SCHEMA["title"] == "Structure"
    assert SERVICE_SCHEMA["title"] == "Service"
    assert "mdph" in RESEAUX_PORTEURS  # added in 1.0.8
    assert {"typologie", "labels_nationaux", "presentation_resume"} <= set(V0_STRUCTURE_FIELDS)
    assert {"profils", "types", "modes_orientation_beneficiaire"} <= set(V0_SERVICE_FIELDS)
    listed = (REFERENCE_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
    for path in REFERENCE_DIR.iterdir():
        assert path.name == "PROVENANCE.md" or f"`{path.name}`" in listed, path.name


MINIMAL_SERVICE = {
    "source": "maillage",
    "structure_id": "maillage--1",
    "id": "maillage--1-mediation-numerique",
    "nom": "Service d'accompagnement au numérique",
    "description": "Accompagnement aux usages du numérique.",
    "date_maj": datetime.date(2024, 9, 1),
}


def test_a_minimal_service_and_structure_are_valid() -> None:
    assert Service.model_validate(MINIMAL_SERVICE).publics is None
    structure = Structure(
        source="maillage", id="maillage--1", nom="Mairie", date_maj=datetime.date(2024, 9, 1)
    )
    assert structure.reseaux_porteurs is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"publics": ["tous-publics", "jeunes"]}, "publics"),
        ({"publics": []}, "publics"),
        ({"thematiques": ["numerique"]}, "thematiques"),
        ({"thematiques": ["numerique--acquerir-un-equipement"] * 2}, "thematiques"),
        ({"frais": "gratuit-sous-conditions"}, "frais"),
        ({"type": "autonomie"}, "type"),
        ({"zone_eligibilite": ["Loire-42"]}, "zone_eligibilite"),
        ({"courriel": "pas une adresse"}, "courriel"),
        ({"lien_mobilisation": "www.exemple.fr"}, "lien_mobilisation"),
        ({"description": "Bof"}, "description"),
        ({"nom": "Ab"}, "nom"),
        ({"nombre_semaines": 0}, "nombre_semaines"),
        ({"code_postal": "4216"}, "code_postal"),
    ],
)
def test_service_rules(changes: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Service.model_validate(MINIMAL_SERVICE | changes)
    assert [error["loc"][0] for error in caught.value.errors()] == [field]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"nom": "Mairie de Neulise."}, "nom"),
        ({"nom": "x" * 151}, "nom"),
        ({"siret": "0000000000000"}, "siret"),
        ({"reseaux_porteurs": ["conseiller-numerique"]}, "reseaux_porteurs"),
        ({"site_web": "ftp://exemple.fr"}, "site_web"),
        ({"latitude": float("nan")}, "latitude"),
        ({"rna": "W421234567"}, "rna"),
    ],
)
def test_structure_rules(changes: dict[str, object], field: str) -> None:
    base = {"source": "maillage", "id": "maillage--1", "nom": "Mairie", "date_maj": "2024-09-01"}
    with pytest.raises(ValidationError) as caught:
        Structure.model_validate(base | changes)
    assert [error["loc"][0] for error in caught.value.errors()] == [field]
