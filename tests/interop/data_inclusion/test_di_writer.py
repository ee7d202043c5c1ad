"""Writing real Loire places as data·inclusion v1 structures and services, validated by the JSON Schemas."""

import datetime
import io
import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest

from maillage.interop.data_inclusion import (
    SERVICE_SCHEMA_PATH,
    STRUCTURE_SCHEMA_PATH,
    Service,
    Structure,
    write_services,
    write_structures,
)
from maillage.interop.mediation_numerique import Lieu, lieu_to_record
from tests.interop.data_inclusion.conftest import (
    DI_SERVICES,
    DI_STRUCTURES,
    by_hinaura_id,
    enriched,
    place_id,
    sample_places,
    written,
)

Items = list[dict[str, Any]]


def validator(path: object) -> jsonschema.Draft202012Validator:
    schema = json.loads(
        STRUCTURE_SCHEMA_PATH.read_text("utf-8")
        if path == "structure"
        else SERVICE_SCHEMA_PATH.read_text("utf-8")
    )
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


STRUCTURE_VALIDATOR = validator("structure")
SERVICE_VALIDATOR = validator("service")


def schema_errors(structures: Items, services: Items) -> list[str]:
    found = [
        f"structure {i}: {e.message}"
        for i, s in enumerate(structures)
        for e in STRUCTURE_VALIDATOR.iter_errors(s)
    ]
    return found + [
        f"service {i}: {e.message}" for i, s in enumerate(services) for e in SERVICE_VALIDATOR.iter_errors(s)
    ]


def test_every_loire_place_validates_against_the_v1_schemas(loire_files: tuple[Items, Items]) -> None:
    structures, services = loire_files
    assert len(structures) == len(services) == 81
    assert schema_errors(structures, services) == []


def test_ids_are_derived_from_the_place_ids(loire: list[Lieu], loire_files: tuple[Items, Items]) -> None:
    structures, services = loire_files
    assert [s["id"] for s in structures] == [f"maillage--{lieu.id}" for lieu in loire]
    assert [s["id"] for s in services] == [f"maillage--{lieu.id}-mediation-numerique" for lieu in loire]
    assert [s["structure_id"] for s in services] == [s["id"] for s in structures]
    assert {s["source"] for s in structures + services} == {"maillage"}


def test_layout(loire: list[Lieu]) -> None:
    structures, services = written(loire)
    for text, model in ((structures, Structure), (services, Service)):
        assert text.startswith('[\n  {\n    "source": "maillage",\n')
        assert text.endswith("}\n]\n")
        assert "\\u" not in text
        assert "Andrézieux-Bouthéon" in text
        assert all(list(item) == list(model.model_fields) for item in json.loads(text))
    assert written(loire) == (structures, services)  # stable


def test_committed_files_are_what_the_writer_writes() -> None:
    """tests/data/data_inclusion/ holds our writer's output for 6 real places (see its README)."""
    structures, services = written(sample_places())
    assert DI_STRUCTURES.read_text(encoding="utf-8") == structures
    assert DI_SERVICES.read_text(encoding="utf-8") == services


COMMON_17 = {
    "commune": "Andrézieux-Bouthéon",
    "code_postal": "42160",
    "code_insee": None,
    "adresse": "9 rue Alexander Fleming",
    "complement_adresse": None,
    "longitude": 4.253832986924483,
    "latitude": 45.52655083612423,
    "telephone": "+33477557272",
    "courriel": "cyberfabAB@andrezieux-boutheon.com",
}


def test_place_17_by_hand(loire: list[Lieu], loire_files: tuple[Items, Items]) -> None:
    """Hinaura 17, « Espace Numérique Public » of Andrézieux-Bouthéon, checked field by field."""
    index = loire.index(by_hinaura_id(loire, "17"))
    structure, service = loire_files[0][index], loire_files[1][index]
    uid = place_id("17")
    assert structure == {
        "source": "maillage",
        "id": f"maillage--{uid}",
        "nom": "Espace Numérique Public",
        "date_maj": "2022-09-14",
        "description": None,
        "lien_source": None,
        "siret": None,  # the pivot is the placeholder 00000000000000
        **COMMON_17,
        "site_web": "https://www.andrezieux-boutheon.com/demarches-et-services/numerique/le-numerique-pour-tous/",
        "horaires_accueil": "Mo-Fr 09:00-12:00,13:30-17:30",
        "accessibilite_lieu": None,
        "reseaux_porteurs": None,
    }
    assert service == {
        "source": "maillage",
        "structure_id": f"maillage--{uid}",
        "id": f"maillage--{uid}-mediation-numerique",
        "nom": "Service d'accompagnement au numérique",
        "description": "Services proposés : Accès internet et matériel informatique, Maîtrise des outils "
        "numériques du quotidien, Compréhension du monde numérique, Aide aux démarches administratives.",
        "lien_source": None,
        "date_maj": "2022-09-14",
        "type": "aide-materielle",  # atelier + individuel + autonomie: « aide-materielle > atelier > … »
        "thematiques": [
            "numerique--acceder-a-une-connexion-internet",  # Accès internet et matériel informatique
            "numerique--acquerir-un-equipement",
            "numerique--maitriser-les-fondamentaux-du-numerique",  # Maîtrise des outils…
            "numerique--acceder-a-des-services-en-ligne",
            "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
        ],
        "frais": "gratuit",  # Gratuit + Payant: « Gratuit preferred »
        "frais_precisions": "Gratuit, Payant",
        "publics": ["jeunes", "seniors", "personnes-en-situation-de-handicap"],
        "publics_precisions": "Handicaps mentaux",
        "conditions_acces": None,
        **COMMON_17,
        "modes_accueil": ["en-presentiel"],
        "zone_eligibilite": None,  # no code_insee in the Hinaura file
        "contact_nom_prenom": None,
        "lien_mobilisation": None,
        "modes_mobilisation": ["telephoner", "envoyer-un-courriel"],  # no modalites_acces: from contacts
        "mobilisable_par": ["usagers", "professionnels"],
        "mobilisation_precisions": None,
        "volume_horaire_hebdomadaire": None,
        "nombre_semaines": None,
        "horaires_accueil": "Mo-Fr 09:00-12:00,13:30-17:30",
    }


def test_place_163_by_hand(loire: list[Lieu], loire_files: tuple[Items, Items]) -> None:
    """Hinaura 163, « Centre Social de Montbrison »: a conditional fee, illettrisme, no autonomy."""
    lieu = by_hinaura_id(loire, "163")
    assert lieu.frais_a_charge == ["Gratuit sous condition", "Payant"]
    index = loire.index(lieu)
    structure, service = loire_files[0][index], loire_files[1][index]
    assert structure["nom"] == "Centre Social de Montbrison"
    assert (structure["commune"], structure["code_postal"], structure["adresse"]) == (
        lieu.commune,
        lieu.code_postal,
        lieu.adresse,
    )
    assert structure["site_web"] == lieu.site_web[0]
    assert service["type"] == "atelier"  # Dans un atelier collectif + Accompagnement individuel
    assert service["frais"] == "gratuit"
    assert service["frais_precisions"] == "Gratuit sous condition, Payant"
    assert service["publics"] == [
        "jeunes",
        "seniors",
        "personnes-en-situation-de-handicap",
        "personnes-exilees",
    ]
    assert service["publics_precisions"] == (
        "Handicaps mentaux, Illettrisme, Langues étrangères (anglais), Langues étrangères (autres)"
    )
    assert service["thematiques"] == [
        "numerique--acceder-a-une-connexion-internet",
        "numerique--acquerir-un-equipement",
        "numerique--maitriser-les-fondamentaux-du-numerique",
        "numerique--acceder-a-des-services-en-ligne",
    ]
    assert service["horaires_accueil"] == structure["horaires_accueil"] == lieu.horaires


def one(
    lieu: Lieu, *, source: str = "maillage", lien_source: Callable[[Lieu], str | None] | None = None
) -> tuple[dict[str, Any], dict[str, Any]]:
    structures, services = io.StringIO(), io.StringIO()
    write_structures([lieu], structures, source=source, lien_source=lien_source)
    write_services([lieu], services, source=source)
    structure, service = json.loads(structures.getvalue())[0], json.loads(services.getvalue())[0]
    assert schema_errors([structure], [service]) == []
    return structure, service


def test_fields_the_hinaura_file_lacks(loire: list[Lieu]) -> None:
    structure, service = one(enriched(by_hinaura_id(loire, "17")))
    assert structure["siret"] == "21420005800013"
    assert structure["description"].startswith("Espace public numérique municipal :")  # the detail
    assert structure["reseaux_porteurs"] == [
        "conseillers-numeriques",
        "france-service",
        "espaces-publics-numeriques",  # EPN, the research's proposal
        "communes",  # MUNI
    ]
    assert structure["accessibilite_lieu"].startswith("https://acceslibre.beta.gouv.fr/")
    assert service["zone_eligibilite"] == ["42"]
    assert service["code_insee"] == "42005"
    assert service["type"] == "accompagnement"
    assert service["modes_accueil"] == ["a-distance", "en-presentiel"]
    assert service["modes_mobilisation"] == ["se-presenter", "envoyer-un-courriel"]
    assert (
        service["mobilisation_precisions"] == "Se présenter, Envoyer un mail avec une fiche de prescription"
    )
    assert service["lien_mobilisation"] == "https://rdv.exemple.fr/espace-numerique"


def test_options_and_limits(loire: list[Lieu]) -> None:
    lieu = enriched(
        by_hinaura_id(loire, "40"),
        nom="Point Rencontre Emploi. " + "Balbigny " * 20 + ".",
        presentation_detail="x" * 12000,
        modalites_acces=["Ce lieu n'accueille pas de public"],
        modalites_accompagnement=[],
        services=[],
        publics_specifiquement_adresses=[],
        prise_en_charge_specifique=[],
        frais_a_charge=[],
    )
    structure, service = one(
        lieu, source="loire", lien_source=lambda place: f"https://maillage.exemple.fr/lieux/{place.id}"
    )
    assert structure["id"] == f"loire--{lieu.id}"
    assert structure["lien_source"] == f"https://maillage.exemple.fr/lieux/{lieu.id}"
    assert len(structure["nom"]) <= 150
    assert structure["nom"].endswith("…")
    assert len(structure["description"]) == 10000
    # Empty offer: d·i's defaults (the CSV's « (empty) » rows).
    assert service["thematiques"] == ["numerique--maitriser-les-fondamentaux-du-numerique"]
    assert (service["frais"], service["frais_precisions"]) == ("gratuit", None)
    assert (service["publics"], service["publics_precisions"]) == (["tous-publics"], None)
    assert (service["type"], service["modes_accueil"], service["modes_mobilisation"]) == (None, None, None)
    assert service["mobilisation_precisions"] == "Ce lieu n'accueille pas de public"


@pytest.mark.parametrize("nom", ["A.", "Ok", "Maison France Services.", "..."])
def test_names_fit_the_d_i_rules(loire: list[Lieu], nom: str) -> None:
    structure, _ = one(Lieu.model_validate(lieu_to_record(by_hinaura_id(loire, "40")) | {"nom": nom}))
    assert len(structure["nom"]) >= 3
    assert not structure["nom"].endswith(".")
    assert structure["nom"].startswith(nom.rstrip("."))


def test_date_maj_is_the_place_date(loire: list[Lieu]) -> None:
    lieu = Lieu.model_validate(lieu_to_record(loire[0]) | {"date_maj": datetime.date(2025, 1, 31)})
    structure, service = one(lieu)
    assert structure["date_maj"] == service["date_maj"] == "2025-01-31"
