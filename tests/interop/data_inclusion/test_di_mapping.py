"""The mapping tables restate the packaged mapping CSV exactly; the reverse rules on each service."""

import csv
import json
from collections.abc import Iterator

import pytest

from maillage.interop.data_inclusion import legacy, local_id, mapping, service_id, structure_id
from maillage.interop.data_inclusion.schema import (
    MODES_ACCUEIL,
    PUBLICS,
    REFERENCE_DIR,
    RESEAUX_PORTEURS,
    THEMATIQUES,
    TYPES_DE_SERVICES,
    V0_SERVICE_SCHEMA_PATH,
    V0_STRUCTURE_SCHEMA_PATH,
)
from maillage.interop.mediation_numerique import ENUMERATIONS, TYPOLOGIE_CODES

MAPPING_CSV = REFERENCE_DIR / "mapping-mednum-v1.0-to-data-inclusion.csv"
EMPTY = "(empty)"


def rows(field: str) -> Iterator[dict[str, str]]:
    with MAPPING_CSV.open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            if row["mednum_field"] == field and row["mednum_value"] != EMPTY:
                yield row


def default_of(field: str) -> str:
    with MAPPING_CSV.open(encoding="utf-8", newline="") as stream:
        row = next(
            r for r in csv.DictReader(stream) if r["mednum_field"] == field and r["mednum_value"] == EMPTY
        )
    return row["data_inclusion_v1_value"].removesuffix(" (default)")


def split(value: str, separator: str = "|") -> list[str]:
    return [part.strip() for part in value.split(separator) if part.strip()]


def v0_enum(path_name: str, definition: str) -> set[str]:
    path = V0_STRUCTURE_SCHEMA_PATH if path_name == "structure" else V0_SERVICE_SCHEMA_PATH
    return set(json.loads(path.read_text(encoding="utf-8"))["$defs"][definition]["enum"])


# --- v1 columns ----------------------------------------------------------------------------------------


def test_services_to_thematiques() -> None:
    table = {row["mednum_value"]: tuple(split(row["data_inclusion_v1_value"])) for row in rows("services")}
    assert dict(mapping.THEMATIQUES_OF_SERVICE) == table
    assert set(table) == set(ENUMERATIONS["services"])
    assert (default_of("services"),) == mapping.DEFAULT_THEMATIQUES
    assert {t for themes in table.values() for t in themes} <= set(THEMATIQUES)


def test_frais() -> None:
    assert dict(mapping.FRAIS_OF_FEE) == {
        r["mednum_value"]: r["data_inclusion_v1_value"] for r in rows("frais_a_charge")
    }
    assert default_of("frais_a_charge") == mapping.DEFAULT_FRAIS
    assert mapping.frais_of(["Payant", "Gratuit sous condition"]) == "gratuit"  # « Gratuit preferred »
    assert mapping.frais_of(["Payant"]) == "payant"


def test_publics_and_specific_support() -> None:
    publics = {
        r["mednum_value"]: r["data_inclusion_v1_value"] for r in rows("publics_specifiquement_adresses")
    }
    support = {
        r["mednum_value"]: r["data_inclusion_v1_value"] or None for r in rows("prise_en_charge_specifique")
    }
    assert dict(mapping.PUBLIC_OF_PUBLIC) == publics
    assert dict(mapping.PUBLIC_OF_SUPPORT) == support
    assert set(publics) == set(ENUMERATIONS["publics_specifiquement_adresses"])
    assert set(support) == set(ENUMERATIONS["prise_en_charge_specifique"])
    assert set(publics.values()) | {p for p in support.values() if p} <= set(PUBLICS)
    assert mapping.publics_of([], ["Illettrisme"]) == ["tous-publics"]


def test_modalites_acces_to_modes_mobilisation() -> None:
    table = {
        r["mednum_value"]: next(iter(split(r["data_inclusion_v1_value"], " ")), None)
        for r in rows("modalites_acces")
    }
    assert dict(mapping.MODE_OF_ACCESS) == table
    assert set(table) == set(ENUMERATIONS["modalites_acces"])
    assert {
        mode for label, mode in table.items() if mode and label not in mapping.ACCESS_WITHOUT_MODE
    } == set(mapping.ACCESS_OF_MODE)


def test_modalites_accompagnement_to_type_and_modes_accueil() -> None:
    types: dict[str, str | None] = {}
    for row in rows("modalites_accompagnement"):
        kind, modes = (part.strip() for part in row["data_inclusion_v1_value"].split("/"))
        types[row["mednum_value"]] = kind or None
        assert split(modes, " ")[0] in MODES_ACCUEIL
        assert (split(modes, " ")[0] == "a-distance") == (row["mednum_value"] == mapping.REMOTE)
    assert dict(mapping.TYPE_OF_SUPPORT) == types
    assert set(types) == set(ENUMERATIONS["modalites_accompagnement"])
    assert set(mapping.TYPE_PRIORITY) <= set(TYPES_DE_SERVICES)
    assert (
        "aide-materielle > atelier > accompagnement"
        in next(rows("modalites_accompagnement"))["data_inclusion_v1_target_field"]
    )
    assert mapping.type_of(["Accompagnement individuel", "Dans un atelier collectif"]) == "atelier"


def test_programmes_to_reseaux_porteurs() -> None:
    table = {
        r["mednum_value"]: r["data_inclusion_v1_value"] or None
        for r in rows("dispositif_programmes_nationaux")
    }
    assert dict(mapping.RESEAU_OF_PROGRAMME) == table
    assert set(table) == set(ENUMERATIONS["dispositif_programmes_nationaux"])
    assert {r for r in table.values() if r} <= set(RESEAUX_PORTEURS)


def test_typologie_proposal() -> None:
    with (REFERENCE_DIR / "proposed-typologie-to-reseaux-porteurs.csv").open(encoding="utf-8") as stream:
        proposal = {
            r["mednum_typologie"]: r["data_inclusion_v1_reseau_porteur"] for r in csv.DictReader(stream)
        }
    assert dict(mapping.RESEAU_OF_TYPOLOGIE) == {code: r for code, r in proposal.items() if r}
    assert set(proposal) <= set(TYPOLOGIE_CODES)
    assert set(mapping.RESEAU_OF_TYPOLOGIE.values()) <= set(RESEAUX_PORTEURS)
    # Read back only where unambiguous: communes (CC, EPCI, MUNI) is not, france-service is a programme's.
    assert mapping.TYPOLOGIE_OF_RESEAU["espaces-publics-numeriques"] == "EPN"
    assert "communes" not in mapping.TYPOLOGIE_OF_RESEAU
    assert "france-service" not in mapping.TYPOLOGIE_OF_RESEAU
    assert mapping.reseaux_porteurs_of(["France Services", "Certification PIX"], ["RFS", "EPN", "ASSO"]) == [
        "france-service",
        "espaces-publics-numeriques",
    ]


def test_ids() -> None:
    assert structure_id("42") == "maillage--42"
    assert service_id("42", "loire") == "loire--42-mediation-numerique"
    assert local_id("maillage--a-b--c", "maillage") == "a-b--c"
    assert local_id("dora--42", "mediation-numerique") == "dora--42"
    assert [mapping.departement_of(code) for code in ("42218", "2A004", "97411")] == ["42", "2A", "974"]


# --- reverse -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "read_back"),
    [
        ("Accès internet et matériel informatique", ["Accès internet et matériel informatique"]),
        (
            "Acquisition de matériel informatique à prix solidaire",
            ["Acquisition de matériel informatique à prix solidaire"],
        ),
        ("Aide aux démarches administratives", ["Aide aux démarches administratives"]),
        ("Compréhension du monde numérique", ["Compréhension du monde numérique"]),
        ("Utilisation sécurisée du numérique", ["Compréhension du monde numérique"]),
        (
            "Maîtrise des outils numériques du quotidien",
            ["Maîtrise des outils numériques du quotidien", "Compréhension du monde numérique"],
        ),
        (
            "Insertion professionnelle via le numérique",
            ["Insertion professionnelle via le numérique", "Compréhension du monde numérique"],
        ),
        (
            "Loisirs et créations numériques",
            ["Loisirs et créations numériques", "Compréhension du monde numérique"],
        ),
        (
            "Parentalité et éducation avec le numérique",
            ["Parentalité et éducation avec le numérique", "Compréhension du monde numérique"],
        ),
    ],
)
def test_each_service_read_back(service: str, read_back: list[str]) -> None:
    assert mapping.services_of_thematiques(mapping.thematiques_of([service])) == read_back


def test_services_read_back_from_foreign_thematiques() -> None:
    assert mapping.services_of_thematiques(["numerique--acceder-a-des-services-en-ligne"]) == [
        "Aide aux démarches administratives"
    ]
    assert mapping.services_of_thematiques(["logement-hebergement--louer-un-logement"]) == []


# --- v0 columns (reading v0 files) -------------------------------------------------------------------


def inverse_v0(field: str) -> dict[str, set[str]]:
    """v0 value → the standard's labels that give it, from the CSV's v0 column."""
    inverse: dict[str, set[str]] = {}
    for row in rows(field):
        for value in split(row["data_inclusion_v0_value"]):
            inverse.setdefault(value, set()).add(row["mednum_value"])
    return inverse


def test_v0_thematiques() -> None:
    inverse = inverse_v0("services")
    assert {theme: {service} for theme, service in legacy.SERVICE_OF_V0_THEMATIQUE.items()} == inverse
    assert set(inverse) <= v0_enum("service", "Thematique")


def test_v0_frais_profils_labels() -> None:
    assert {k: {v} for k, v in legacy.FEE_OF_V0_FRAIS.items()} == inverse_v0("frais_a_charge")
    profils = inverse_v0("publics_specifiquement_adresses") | inverse_v0("prise_en_charge_specifique")
    ours = {k: {v} for k, v in legacy.PUBLIC_OF_V0_PROFIL.items()} | {
        k: set(v) for k, v in legacy.SUPPORT_OF_V0_PROFIL.items()
    }
    assert ours == profils
    assert set(profils) <= v0_enum("service", "Profil")
    assert {k: {v} for k, v in legacy.PROGRAMME_OF_V0_LABEL.items()} == inverse_v0(
        "dispositif_programmes_nationaux"
    )
    assert {k: {v} for k, v in legacy.TRAINING_OF_V0_LABEL.items()} == inverse_v0("formations_labels")


def test_v0_types_and_orientation_modes() -> None:
    types: dict[str, set[str]] = {}
    beneficiaire: dict[str, set[str]] = {}
    accompagnateur: dict[str, set[str]] = {}
    for row in rows("modalites_accompagnement"):
        kind = row["data_inclusion_v0_value"].split("/")[0].strip()
        if kind:
            types.setdefault(kind, set()).add(row["mednum_value"])
    for row in rows("modalites_acces"):
        left, right = (part.strip() for part in row["data_inclusion_v0_value"].split("|"))
        for value, table in ((left, beneficiaire), (right, accompagnateur)):
            if value:
                table.setdefault(value, set()).add(row["mednum_value"])
    assert {k: {v} for k, v in legacy.SUPPORT_MODE_OF_V0_TYPE.items()} == types
    assert {k: {v} for k, v in legacy.ACCESS_OF_V0_BENEFICIAIRE.items()} == beneficiaire
    assert {k: {v} for k, v in legacy.ACCESS_OF_V0_ACCOMPAGNATEUR.items()} == accompagnateur
    assert set(types) <= v0_enum("service", "TypologieService")
