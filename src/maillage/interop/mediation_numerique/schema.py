"""The « Standard des lieux de médiation numérique », pinned to v1.0.2, and the `Lieu` record model.

The vocabularies come from the packaged `reference/` files (copied verbatim from upstream, see
`reference/PROVENANCE.md`). Validation follows the regexes of `reference/schema.json`, with one
deliberate difference: `formations_labels` accepts « Étapes numériques (La Poste) » (the canonical,
spaced label, which the v1.0.2 regex rejects by mistake) as well as the unspaced spelling of the
regex, and always holds the spaced one.
"""

import csv
import datetime
import json
import re
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final, Self

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from maillage.interop.mediation_numerique.normalise import (
    clean_text,
    is_email,
    is_http_url,
    lookup_key,
    normalise_phone,
    parse_coordinate,
    parse_date,
    split_multi,
)

SCHEMA_VERSION: Final = "1.0.2"
REFERENCE_DIR: Final = Path(__file__).resolve().parent / "reference"
SCHEMA_PATH: Final = REFERENCE_DIR / "schema.json"

FIELD_ORDER: Final[tuple[str, ...]] = (
    "id", "pivot", "nom", "commune", "code_postal", "code_insee", "adresse", "complement_adresse",
    "latitude", "longitude", "typologie", "telephone", "courriels", "site_web", "horaires",
    "presentation_resume", "presentation_detail", "source", "itinerance", "structure_parente", "date_maj",
    "services", "publics_specifiquement_adresses", "prise_en_charge_specifique", "frais_a_charge",
    "dispositif_programmes_nationaux", "formations_labels", "autres_formations_labels", "modalites_acces",
    "modalites_accompagnement", "fiche_acces_libre", "prise_rdv",
)  # fmt: skip
REQUIRED_FIELDS: Final = frozenset({"id", "pivot", "nom", "commune", "code_postal", "adresse", "date_maj"})
MULTI_VALUED_FIELDS: Final = frozenset({
    "typologie", "courriels", "site_web", "itinerance", "services", "publics_specifiquement_adresses",
    "prise_en_charge_specifique", "frais_a_charge", "dispositif_programmes_nationaux", "formations_labels",
    "modalites_acces", "modalites_accompagnement",
})  # fmt: skip
COORDINATE_FIELDS: Final = frozenset({"latitude", "longitude"})
TEXT_FIELDS: Final[tuple[str, ...]] = tuple(
    name for name in FIELD_ORDER if name not in MULTI_VALUED_FIELDS | COORDINATE_FIELDS | {"date_maj"}
)
URL_FIELDS: Final = frozenset({"fiche_acces_libre", "prise_rdv"})

PIVOT_PATTERN: Final = re.compile(r"^[a-zA-Z0-9]{9,14}$")
CODE_POSTAL_PATTERN: Final = re.compile(r"^\d{5}$")
CODE_INSEE_PATTERN: Final = re.compile(r"^([013-9]\d|2[AB1-9])\d{3}$")
TELEPHONE_PATTERN: Final = re.compile(
    r"^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$"
)
PRESENTATION_RESUME_MAX_LENGTH: Final = 280

ETAPES_LABEL: Final = "Étapes numériques (La Poste)"
ETAPES_LABEL_IN_SCHEMA_REGEX: Final = "Étapes numériques(La Poste)"
# Spellings accepted on input, mapped to the canonical (written) form. Matching is also insensitive to
# case, spaces and apostrophe style (see `normalise.lookup_key`).
ENUM_INPUT_ALIASES: Final = MappingProxyType(
    {"formations_labels": MappingProxyType({ETAPES_LABEL_IN_SCHEMA_REGEX: ETAPES_LABEL})}
)


def _load_enumerations() -> MappingProxyType[str, tuple[str, ...]]:
    data = json.loads((REFERENCE_DIR / "enumerations.json").read_text(encoding="utf-8"))
    raw: dict[str, list[str]] = data["enumerations"]
    enums = {name: tuple(values) for name, values in raw.items() if not name.endswith("_canonical")}
    enums["formations_labels"] = tuple(raw["formations_labels_canonical"])
    return MappingProxyType(enums)


def _load_typologies() -> MappingProxyType[str, str]:
    with (REFERENCE_DIR / "typologies.csv").open(encoding="utf-8", newline="") as stream:
        return MappingProxyType({row["code"]: row["label"] for row in csv.DictReader(stream)})


ENUMERATIONS: Final = _load_enumerations()
"""Canonical values of each enumerated field, in the standard's order (« Étapes » spaced)."""
TYPOLOGIES: Final = _load_typologies()
"""Typologie codes (data·inclusion v0 and ANCT library) → French label."""
TYPOLOGIE_CODES: Final = tuple(TYPOLOGIES)

_ENUM_LOOKUP: Final = {
    field: {lookup_key(value): value for value in values}
    | {lookup_key(alias): value for alias, value in ENUM_INPUT_ALIASES.get(field, {}).items()}
    for field, values in ENUMERATIONS.items()
}
_TYPOLOGIE_LOOKUP: Final = {code.casefold(): code for code in TYPOLOGIE_CODES}


def _error(kind: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(f"mednum_{kind}", message, context or None)


def _quoted(values: list[str]) -> str:
    return ", ".join(f"« {value} »" for value in values)


def _canonical(
    values: list[str], lookup: dict[str, str], normalise: Callable[[str], str]
) -> tuple[list[str], list[str]]:
    known: list[str] = []
    unknown: list[str] = []
    for value in values:
        canonical = lookup.get(normalise(value))
        if canonical is None:
            unknown.append(value)
        elif canonical not in known:
            known.append(canonical)
    return known, unknown


def coordinates_pair_problem(latitude: object, longitude: object) -> tuple[str, str] | None:
    """Latitude and longitude go together: (missing field, French message) when only one is given."""
    has_latitude = latitude is not None and not (isinstance(latitude, str) and not latitude.strip())
    has_longitude = longitude is not None and not (isinstance(longitude, str) and not longitude.strip())
    if has_latitude and not has_longitude:
        return "longitude", "longitude manquante alors que la latitude est renseignée (il faut les deux)"
    if has_longitude and not has_latitude:
        return "latitude", "latitude manquante alors que la longitude est renseignée (il faut les deux)"
    return None


class Lieu(BaseModel):
    """One place of the standard, with the standard's field names, in schema order.

    Input is cleaned before it is checked: text is trimmed (empty → None), `|`-joined strings and
    JSON arrays both give lists, coordinates accept a `,` decimal mark, obvious French phone numbers
    are put in the +33 form, enumerated values are matched leniently and stored in canonical form.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False)

    id: str
    pivot: str
    nom: str
    commune: str
    code_postal: str
    code_insee: str | None = None
    adresse: str
    complement_adresse: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    typologie: list[str] = Field(default_factory=list)
    telephone: str | None = None
    courriels: list[str] = Field(default_factory=list)
    site_web: list[str] = Field(default_factory=list)
    horaires: str | None = None
    presentation_resume: str | None = None
    presentation_detail: str | None = None
    source: str | None = None
    itinerance: list[str] = Field(default_factory=list)
    structure_parente: str | None = None
    date_maj: datetime.date
    services: list[str] = Field(default_factory=list)
    publics_specifiquement_adresses: list[str] = Field(default_factory=list)
    prise_en_charge_specifique: list[str] = Field(default_factory=list)
    frais_a_charge: list[str] = Field(default_factory=list)
    dispositif_programmes_nationaux: list[str] = Field(default_factory=list)
    formations_labels: list[str] = Field(default_factory=list)
    autres_formations_labels: str | None = None
    modalites_acces: list[str] = Field(default_factory=list)
    modalites_accompagnement: list[str] = Field(default_factory=list)
    fiche_acces_libre: str | None = None
    prise_rdv: str | None = None

    # --- cleaning (before type validation) ---------------------------------------------------------

    @field_validator(*TEXT_FIELDS, mode="before")
    @classmethod
    def _clean_text(cls, value: object, info: ValidationInfo) -> object:
        name = info.field_name
        if isinstance(value, int) and not isinstance(value, bool):
            # A JSON number: codes lose their leading zero (1053 → « 01053 »).
            value = f"{value:05d}" if name in {"code_postal", "code_insee"} and value >= 0 else str(value)
        if value is None or isinstance(value, str):
            text = clean_text(value) if value else ""
            if name == "pivot":
                text = "".join(text.split())
            elif name == "telephone" and text:
                text = normalise_phone(text)
            if text:
                return text
            if name in REQUIRED_FIELDS:
                raise _error("required", "champ obligatoire non renseigné")
            return None
        return value

    @field_validator(*MULTI_VALUED_FIELDS, mode="before")
    @classmethod
    def _split_lists(cls, value: object) -> object:
        return split_multi(value)

    @field_validator("latitude", "longitude", mode="before")
    @classmethod
    def _parse_coordinate(cls, value: object) -> object:
        if isinstance(value, bool):
            raise _error("number", "nombre décimal attendu")
        parsed = parse_coordinate(value)
        if isinstance(parsed, str):
            raise _error("number", "nombre décimal attendu (« {value} » n'en est pas un)", value=parsed)
        return parsed

    @field_validator("date_maj", mode="before")
    @classmethod
    def _parse_date(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            raise _error("required", "champ obligatoire non renseigné")
        if isinstance(value, datetime.datetime):
            return value.date()
        parsed = parse_date(value)
        if not isinstance(parsed, datetime.date):
            raise _error("date", "date attendue au format AAAA-MM-JJ (« {value} » reçu)", value=value)
        return parsed

    # --- rules (after type validation) -------------------------------------------------------------

    @field_validator("pivot")
    @classmethod
    def _check_pivot(cls, value: str) -> str:
        if not PIVOT_PATTERN.match(value):
            raise _error(
                "pattern",
                "« {value} » n'est ni un SIRET (14 chiffres) ni un RNA (W + 9 caractères) ni un RIDET : "
                "9 à 14 lettres ou chiffres attendus",
                value=value,
            )
        return value

    @field_validator("code_postal")
    @classmethod
    def _check_code_postal(cls, value: str) -> str:
        if not CODE_POSTAL_PATTERN.match(value):
            raise _error("pattern", "code postal « {value} » invalide : 5 chiffres attendus", value=value)
        return value

    @field_validator("code_insee")
    @classmethod
    def _check_code_insee(cls, value: str | None) -> str | None:
        if value is not None and not CODE_INSEE_PATTERN.match(value):
            raise _error(
                "pattern", "code INSEE « {value} » invalide : code officiel géographique attendu", value=value
            )
        return value

    @field_validator("telephone")
    @classmethod
    def _check_telephone(cls, value: str | None) -> str | None:
        if value is not None and not TELEPHONE_PATTERN.match(value):
            raise _error(
                "pattern",
                "numéro de téléphone « {value} » invalide : un seul numéro attendu, au format international "
                "sans espaces (ex. +33477000000)",
                value=value,
            )
        return value

    @field_validator("presentation_resume")
    @classmethod
    def _check_resume_length(cls, value: str | None) -> str | None:
        if value is not None and len(value) > PRESENTATION_RESUME_MAX_LENGTH:
            raise _error(
                "length",
                "résumé trop long : {length} caractères pour {max_length} au plus",
                length=len(value),
                max_length=PRESENTATION_RESUME_MAX_LENGTH,
            )
        return value

    @field_validator(*ENUMERATIONS.keys())
    @classmethod
    def _check_enumeration(cls, values: list[str], info: ValidationInfo) -> list[str]:
        name = info.field_name or ""
        known, unknown = _canonical(values, _ENUM_LOOKUP[name], lookup_key)
        if unknown:
            raise _error(
                "enum",
                "valeur(s) non admise(s) : {unknown}. Valeurs admises : {allowed}",
                unknown=_quoted(unknown),
                allowed=_quoted(list(ENUMERATIONS[name])),
            )
        return known

    @field_validator("typologie")
    @classmethod
    def _check_typologie(cls, values: list[str]) -> list[str]:
        known, unknown = _canonical(values, _TYPOLOGIE_LOOKUP, str.casefold)
        if unknown:
            raise _error(
                "enum",
                "typologie(s) inconnue(s) : {unknown}. Codes admis : ceux des typologies de structures "
                "de data·inclusion (ex. EPN, BIB, CCAS, ASSO, TIERS_LIEUX)",
                unknown=_quoted(unknown),
            )
        return known

    @field_validator("courriels")
    @classmethod
    def _check_emails(cls, values: list[str]) -> list[str]:
        invalid = [value for value in values if not is_email(value)]
        if invalid:
            raise _error("email", "adresse(s) e-mail invalide(s) : {invalid}", invalid=_quoted(invalid))
        return values

    @field_validator("site_web")
    @classmethod
    def _check_websites(cls, values: list[str]) -> list[str]:
        invalid = [value for value in values if not is_http_url(value)]
        if invalid:
            raise _error(
                "url",
                "URL invalide(s) : {invalid} (une adresse commençant par http:// ou https:// est attendue)",
                invalid=_quoted(invalid),
            )
        return values

    @field_validator(*URL_FIELDS)
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        if value is not None and not is_http_url(value):
            raise _error(
                "url",
                "URL « {value} » invalide : une adresse commençant par http:// ou https:// est attendue",
                value=value,
            )
        return value

    @field_validator("latitude")
    @classmethod
    def _check_latitude(cls, value: float | None) -> float | None:
        if value is not None and not -90 <= value <= 90:
            raise _error("range", "latitude {value} hors de l'intervalle [-90, 90]", value=value)
        return value

    @field_validator("longitude")
    @classmethod
    def _check_longitude(cls, value: float | None) -> float | None:
        if value is not None and not -180 <= value <= 180:
            raise _error("range", "longitude {value} hors de l'intervalle [-180, 180]", value=value)
        return value

    @model_validator(mode="after")
    def _check_coordinates_pair(self) -> Self:
        problem = coordinates_pair_problem(self.latitude, self.longitude)
        if problem:
            field, message = problem
            raise _error("coordinates", message, field=field)
        return self

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None
