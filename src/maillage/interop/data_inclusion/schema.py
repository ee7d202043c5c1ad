"""data·inclusion's `structures` and `services`, pinned to schema v1.0.8, and what reading v0 files needs.

The models restate the packaged JSON Schemas `reference/structure.json` and `reference/service.json`
(v1.0.8, copied verbatim from upstream, see `reference/PROVENANCE.md`) field by field, in the order of
the upstream documentation, which is the key order of the files we write. The vocabularies come from the
packaged `reference/<vocabulary>.json` files; the tests check that they equal the enumerations of the
JSON Schemas. Two rules of the upstream documentation that the JSON Schema does not express are checked
too: `tous-publics` stands alone in `publics`, and a structure's `nom` does not end with a full stop.

Of v0 (dropped upstream in v1.0.7) only the field names are kept, read from `reference/v0-*.json`: they
tell a v0 file from a v1 file.
"""

import datetime
import json
import re
from pathlib import Path
from types import MappingProxyType
from typing import Annotated, Final

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from maillage.interop.mediation_numerique.normalise import is_email, is_http_url

SCHEMA_VERSION: Final = "1.0.8"
REFERENCE_DIR: Final = Path(__file__).resolve().parent / "reference"
STRUCTURE_SCHEMA_PATH: Final = REFERENCE_DIR / "structure.json"
SERVICE_SCHEMA_PATH: Final = REFERENCE_DIR / "service.json"
V0_STRUCTURE_SCHEMA_PATH: Final = REFERENCE_DIR / "v0-structure.json"
V0_SERVICE_SCHEMA_PATH: Final = REFERENCE_DIR / "v0-service.json"

TOUS_PUBLICS: Final = "tous-publics"
NOM_MIN_LENGTH: Final = 3
NOM_MAX_LENGTH: Final = 150
DESCRIPTION_MIN_LENGTH: Final = 5
DESCRIPTION_MAX_LENGTH: Final = 10000
URL_MAX_LENGTH: Final = 2083


def _load_vocabulary(name: str) -> MappingProxyType[str, str]:
    """value → French label, in the file's order."""
    items = json.loads((REFERENCE_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return MappingProxyType({item["value"]: item["label"] for item in items})


def _schema_fields(path: Path) -> tuple[str, ...]:
    return tuple(json.loads(path.read_text(encoding="utf-8"))["properties"])


THEMATIQUES: Final = _load_vocabulary("thematiques")
PUBLICS: Final = _load_vocabulary("publics")
FRAIS: Final = _load_vocabulary("frais")
MODES_ACCUEIL: Final = _load_vocabulary("modes-accueil")
MODES_MOBILISATION: Final = _load_vocabulary("modes-mobilisation")
PERSONNES_MOBILISATRICES: Final = _load_vocabulary("personnes-mobilisatrices")
RESEAUX_PORTEURS: Final = _load_vocabulary("reseaux-porteurs")
TYPES_DE_SERVICES: Final = _load_vocabulary("types-de-services")

V1_STRUCTURE_FIELDS: Final = _schema_fields(STRUCTURE_SCHEMA_PATH)
V1_SERVICE_FIELDS: Final = _schema_fields(SERVICE_SCHEMA_PATH)
V0_STRUCTURE_FIELDS: Final = _schema_fields(V0_STRUCTURE_SCHEMA_PATH)
V0_SERVICE_FIELDS: Final = _schema_fields(V0_SERVICE_SCHEMA_PATH)

_ZONE_CODE: Final = re.compile(r"^(\w{5}|\w{2,3}|\d{9}|france)$")


def _error(kind: str, message: str, **context: object) -> PydanticCustomError:
    return PydanticCustomError(f"di_{kind}", message, context or None)


def _url(value: str) -> str:
    if not is_http_url(value):
        raise _error("url", "URL « {value} » invalide : http:// ou https:// attendu", value=value)
    return value


def _email(value: str) -> str:
    if not is_email(value):
        raise _error("email", "adresse e-mail « {value} » invalide", value=value)
    return value


def _no_final_full_stop(value: str) -> str:
    if value.endswith("."):
        raise _error("nom", "le nom ne doit pas se terminer par un point")
    return value


def _in(vocabulary: MappingProxyType[str, str], name: str) -> AfterValidator:
    def check(value: str) -> str:
        if value not in vocabulary:
            raise _error("enum", "valeur « {value} » absente du référentiel {name}", value=value, name=name)
        return value

    return AfterValidator(check)


def _unique(values: list[str]) -> list[str]:
    if len(set(values)) != len(values):
        raise _error("unique", "valeurs en double")
    return values


def _publics_rule(values: list[str]) -> list[str]:
    if TOUS_PUBLICS in values and len(values) > 1:
        raise _error("publics", "« tous-publics » ne peut pas être combiné avec d'autres publics")
    return values


def _zone(value: str) -> str:
    if not _ZONE_CODE.match(value):
        raise _error("zone", "code « {value} » invalide : code du COG ou « france » attendu", value=value)
    return value


Text = Annotated[str, StringConstraints(min_length=1)]
Url = Annotated[str, StringConstraints(min_length=1, max_length=URL_MAX_LENGTH), AfterValidator(_url)]
Email = Annotated[str, AfterValidator(_email)]
Description = Annotated[
    str, StringConstraints(min_length=DESCRIPTION_MIN_LENGTH, max_length=DESCRIPTION_MAX_LENGTH)
]
Nom = Annotated[str, StringConstraints(min_length=NOM_MIN_LENGTH, max_length=NOM_MAX_LENGTH)]
CodePostal = Annotated[str, StringConstraints(pattern=r"^[0-9]{5}$")]
CodeInsee = Annotated[str, StringConstraints(pattern=r"^\w{5}$")]
Siret = Annotated[str, StringConstraints(pattern=r"^[0-9]{14}$")]
Thematique = Annotated[str, _in(THEMATIQUES, "thematiques")]
Public = Annotated[str, _in(PUBLICS, "publics")]
Frais = Annotated[str, _in(FRAIS, "frais")]
ModeAccueil = Annotated[str, _in(MODES_ACCUEIL, "modes_accueil")]
ModeMobilisation = Annotated[str, _in(MODES_MOBILISATION, "modes_mobilisation")]
PersonneMobilisatrice = Annotated[str, _in(PERSONNES_MOBILISATRICES, "personnes_mobilisatrices")]
ReseauPorteur = Annotated[str, _in(RESEAUX_PORTEURS, "reseaux_porteurs")]
TypeService = Annotated[str, _in(TYPES_DE_SERVICES, "types_de_services")]


class Structure(BaseModel):
    """One data·inclusion v1 structure (an organisation or a place)."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    source: Text
    id: Text
    nom: Annotated[Nom, AfterValidator(_no_final_full_stop)]
    date_maj: datetime.date
    description: Description | None = None
    lien_source: Url | None = None
    siret: Siret | None = None
    commune: str | None = None
    code_postal: CodePostal | None = None
    code_insee: CodeInsee | None = None
    adresse: str | None = None
    complement_adresse: str | None = None
    longitude: float | None = None
    latitude: float | None = None
    telephone: str | None = None
    courriel: Email | None = None
    site_web: Url | None = None
    horaires_accueil: str | None = None
    accessibilite_lieu: Url | None = None
    reseaux_porteurs: Annotated[list[ReseauPorteur], AfterValidator(_unique)] | None = None


class Service(BaseModel):
    """One data·inclusion v1 service, offered by the structure `structure_id`."""

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    source: Text
    structure_id: Text
    id: Text
    nom: Nom
    description: Description
    lien_source: Url | None = None
    date_maj: datetime.date
    type: TypeService | None = None
    thematiques: Annotated[list[Thematique], AfterValidator(_unique)] | None = None
    frais: Frais | None = None
    frais_precisions: str | None = None
    publics: (
        Annotated[list[Public], Field(min_length=1), AfterValidator(_unique), AfterValidator(_publics_rule)]
        | None
    ) = None
    publics_precisions: str | None = None
    conditions_acces: str | None = None
    commune: str | None = None
    code_postal: CodePostal | None = None
    code_insee: CodeInsee | None = None
    adresse: str | None = None
    complement_adresse: str | None = None
    longitude: float | None = None
    latitude: float | None = None
    telephone: str | None = None
    courriel: Email | None = None
    modes_accueil: Annotated[list[ModeAccueil], AfterValidator(_unique)] | None = None
    zone_eligibilite: Annotated[list[Annotated[str, AfterValidator(_zone)]], Field(min_length=1)] | None = (
        None
    )
    contact_nom_prenom: str | None = None
    lien_mobilisation: Url | None = None
    modes_mobilisation: (
        Annotated[list[ModeMobilisation], Field(min_length=1), AfterValidator(_unique)] | None
    ) = None
    mobilisable_par: (
        Annotated[list[PersonneMobilisatrice], Field(min_length=1), AfterValidator(_unique)] | None
    ) = None
    mobilisation_precisions: str | None = None
    volume_horaire_hebdomadaire: Annotated[float, Field(ge=0)] | None = None
    nombre_semaines: Annotated[int, Field(ge=1)] | None = None
    horaires_accueil: str | None = None
