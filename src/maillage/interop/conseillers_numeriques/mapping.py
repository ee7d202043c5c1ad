"""Conseillers numériques France Services (CNFS) → the national standard's v1 fields (pure Python).

Two sources:

- the 2023-04-05 list of **host structures** (`;`-separated CSV, one row per agreement): the address,
  `Code commune INSEE` and `Commune INSEE` (the commune's written name) describe the structure's
  registered establishment and agree with each other, whereas `Code postal` and `Code département` often
  name where the conseiller works (350 rows differ from the address's postcode). The postcode is therefore
  taken from the end of the address, `Code postal` being only a fallback;
- the 2022 **permanences** of the national cartography (JSON, an early form of the standard close to
  v0.1): `services`, `conditions_access` (sic) and `labels_nationaux` are comma-separated v0.1 values,
  converted with the v0.1 → v1 mapping of `legacy.py`.
"""

from __future__ import annotations

import datetime
import re
from typing import Final

from maillage.interop.mediation_numerique.legacy import V01_VALUE_MAPPING, V01Problem, convert_v01_record
from maillage.interop.mediation_numerique.normalise import (
    V01_MULTI_VALUE_SEPARATOR,
    lookup_key,
    normalise_phone,
    parse_date,
)
from maillage.interop.source_helpers import (
    checked_hours,
    clean_siret,
    code_with_zeros,
    pivot_or_placeholder,
    split_address,
    text,
    to_int,
)

STRUCTURES_LABEL: Final = "Conseillers numériques (structures d'accueil)"
# The list's date (20230405-3925-cnfs.csv); rows carry no update date of their own.
STRUCTURES_DATE: Final = "2023-04-05"
STRUCTURE_COLUMNS: Final = (
    "Raison sociale", "Commune INSEE", "Nombre de conseillers validés par le COSELEC",
    "Date de validation en comité de sélection", "Type", "SIRET", "Adresse", "Code commune INSEE",
    "Code postal", "ZRR", "QPV", "France services",
)  # fmt: skip
# `conditions_access` (sic) tells this export from a v0.1 file of the standard, with nearly the same keys.
PERMANENCE_KEYS: Final = (
    "id", "nom", "commune", "code_postal", "adresse", "date_maj", "services", "conditions_access",
)  # fmt: skip
PERMANENCE_FIELDS: Final = (
    "id", "nom", "commune", "code_postal", "adresse", "latitude", "longitude", "telephone", "courriel",
    "site_web", "horaires", "source", "date_maj", "pivot",
)  # fmt: skip
"""Keys of a permanence that are already v0.1 fields with v0.1 meaning."""
# The cartography wrote only the first words of the v0.1 access conditions (« Gratuit » for « Gratuit :
# Je peux accéder gratuitement au lieu et à ses services »): short form → lookup key of the full value.
_SHORT_CONDITIONS: Final = {key.split(":")[0]: key for key in V01_VALUE_MAPPING["conditions_acces"]}
_COMMA_OUTSIDE_PARENTHESES: Final = re.compile(r",(?![^()]*\))")


def _yes_no(value: str) -> bool | None:
    return {"oui": True, "non": False}.get(text(value).casefold())


def map_structure(values: dict[str, str]) -> tuple[dict[str, object], dict[str, object], list[str]]:
    """(standard record, attributes, warnings) of one host structure."""
    warnings: list[str] = []
    street, postcode, _city = split_address(values["Adresse"])
    france_services = _yes_no(values["France services"])
    validated = parse_date(text(values["Date de validation en comité de sélection"]))
    record: dict[str, object] = {
        "id": text(values["SIRET"]),
        "pivot": pivot_or_placeholder(clean_siret(values["SIRET"]), warnings, values["SIRET"]),
        "nom": text(values["Raison sociale"]),
        "commune": text(values["Commune INSEE"]),
        "code_postal": postcode or code_with_zeros(values["Code postal"]),
        "code_insee": code_with_zeros(values["Code commune INSEE"]),
        "adresse": street,
        "latitude": None,
        "longitude": None,
        "source": STRUCTURES_LABEL,
        "date_maj": STRUCTURES_DATE,
        "dispositif_programmes_nationaux": [
            "Conseillers numériques",
            *(["France Services"] if france_services else []),
        ],
    }
    attributes: dict[str, object] = {
        "nombre_conseillers": to_int(values["Nombre de conseillers validés par le COSELEC"]),
        "date_validation": validated.isoformat() if isinstance(validated, datetime.date) else None,
        "type_structure": text(values["Type"]) or None,
        "zrr": _yes_no(values["ZRR"]),
        "qpv": text(values["QPV"]) or None,  # oui, non, « sans objet », « Non défini »
        "france_services": text(values["France services"]) or None,  # oui, non, « non renseigné »
    }
    return record, attributes, warnings


def map_permanence(item: dict[str, object]) -> tuple[dict[str, object], list[V01Problem], list[str]]:
    """(standard record, v0.1 problems, warnings) of one permanence of the 2022 cartography."""
    warnings: list[str] = []
    v01: dict[str, object] = {key: item[key] for key in PERMANENCE_FIELDS if key in item}
    v01["services"] = _v01_list(item.get("services"))
    v01["conditions_acces"] = _v01_list(item.get("conditions_access"), _SHORT_CONDITIONS)
    v01["labels_nationaux"] = _v01_list(item.get("labels_nationaux"))
    v01["horaires"] = checked_hours(item.get("horaires"), "horaires", warnings)
    record, problems = convert_v01_record(v01)
    phone = text(record.get("telephone"))
    record["telephone"] = normalise_phone(phone) if phone else None
    pivot = record.get("pivot")
    record["pivot"] = pivot_or_placeholder(clean_siret(pivot), warnings, pivot)
    record["id"] = text(item["id"])
    return record, problems, warnings


def _v01_list(value: object, short_forms: dict[str, str] | None = None) -> object:
    """A comma-separated list of v0.1 values as the `;`-joined text v0.1 uses (other types unchanged)."""
    if not isinstance(value, str):
        return value
    items = [text(part) for part in _COMMA_OUTSIDE_PARENTHESES.split(value) if text(part)]
    if short_forms:
        items = [short_forms.get(lookup_key(part), part) for part in items]
    return V01_MULTI_VALUE_SEPARATOR.join(items)
