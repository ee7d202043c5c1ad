"""Conversion of records of the standard v0.1.x (2022 datasets) into v1 records.

v0.1 differs from v1 by its `;` list separator, a few field names and its vocabularies. The value
mapping is the packaged `reference/mapping-v0.1-to-v1.0.csv`; notable rules:

- « Public langues étrangères » gives both « Langues étrangères (anglais) » and « (autres) »;
- values mapped to nothing (« Adultes », « Accepte le Pass numérique ») are dropped;
- services become the 9 v1 services, without duplicates, in order of first appearance;
- `publics_accueillis` splits into `publics_specifiquement_adresses` and `prise_en_charge_specifique`;
- `labels_nationaux` splits into `dispositif_programmes_nationaux` and `formations_labels`, and the
  labels without a v1 value (APTIC, French Tech…, or unknown ones) join `autres_formations_labels`.
"""

import csv
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from maillage.interop.mediation_numerique.normalise import (
    V01_MULTI_VALUE_SEPARATOR,
    clean_text,
    lookup_key,
    split_multi,
)
from maillage.interop.mediation_numerique.schema import FIELD_ORDER, REFERENCE_DIR

V01_FIELD_ORDER: Final[tuple[str, ...]] = tuple(
    field["name"]
    for field in json.loads((REFERENCE_DIR / "schema-v0.1.1.json").read_text(encoding="utf-8"))["fields"]
)
V01_ONLY_FIELDS: Final = frozenset(V01_FIELD_ORDER) - frozenset(FIELD_ORDER)
"""Field names that only v0.1 has (courriel, publics_accueillis, cle_ban…): they identify a v0.1 file."""
V1_ONLY_FIELDS: Final = frozenset(FIELD_ORDER) - frozenset(V01_FIELD_ORDER)

V01_RENAMED: Final = {
    "courriel": "courriels",
    "accessibilite": "fiche_acces_libre",
    "labels_autres": "autres_formations_labels",
}
V01_DROPPED: Final = frozenset({"cle_ban"})
V01_LIST_FIELDS: Final = frozenset({"typologie", "courriel", "site_web"})
V01_SOURCE_OF_V1_FIELD: Final = {
    "courriels": "courriel",
    "fiche_acces_libre": "accessibilite",
    "autres_formations_labels": "labels_autres",
    "frais_a_charge": "conditions_acces",
    "publics_specifiquement_adresses": "publics_accueillis",
    "prise_en_charge_specifique": "publics_accueillis",
    "dispositif_programmes_nationaux": "labels_nationaux",
    "formations_labels": "labels_nationaux",
}
"""Where a v1 field comes from in a v0.1 file, to name the file's own column in error reports."""

_FREE_TEXT = "(free text)"
_OTHER_LABELS = "autres_formations_labels"


@dataclass(frozen=True, slots=True)
class _Target:
    field: str
    value: str | None  # None: keep the v0.1 value as free text


def _load_value_mapping() -> dict[str, dict[str, list[_Target]]]:
    mapping: dict[str, dict[str, list[_Target]]] = {}
    with (REFERENCE_DIR / "mapping-v0.1-to-v1.0.csv").open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            source_field, source_value = row["v0_1_field"], row["v0_1_value"]
            if source_field == "(none)" or source_value == "*":
                continue
            field_mapping = mapping.setdefault(source_field, {})
            if row["v1_value"] == _FREE_TEXT:  # one row lists several labels: « APTIC / French Tech / … »
                for label in source_value.split(" / "):
                    field_mapping.setdefault(lookup_key(label), []).append(_Target(row["v1_field"], None))
                continue
            targets = field_mapping.setdefault(lookup_key(source_value), [])
            if row["v1_value"]:  # an empty v1 value means the v0.1 value is dropped
                targets.append(_Target(row["v1_field"], row["v1_value"]))
    return mapping


V01_VALUE_MAPPING: Final = _load_value_mapping()
"""v0.1 field → lookup key of a v0.1 value → v1 targets (an empty list: the value is dropped)."""
V01_MAPPED_FIELDS: Final = frozenset(V01_VALUE_MAPPING)


def looks_like_v01_services(values: Iterable[object]) -> bool:
    """True when some `services` cell uses the v0.1 vocabulary (for files without telling field names)."""
    known = V01_VALUE_MAPPING["services"]
    return any(lookup_key(item) in known for value in values for item in _v01_items(value) or [])


def _v01_items(value: object) -> list[str] | None:
    """The items of a `;`-joined v0.1 cell (or JSON array); None when the value is not text."""
    items = split_multi(value, V01_MULTI_VALUE_SEPARATOR)
    if isinstance(items, list) and all(isinstance(item, str) for item in items):
        return [str(item) for item in items]
    return None


@dataclass(frozen=True, slots=True)
class V01Problem:
    field: str  # the v0.1 field name
    message: str
    value: object


def convert_v01_record(raw: Mapping[str, object]) -> tuple[dict[str, object], list[V01Problem]]:
    """Convert one v0.1 record (a field → value mapping, as read) into v1 field names and values.

    Values the v0.1 vocabulary does not know are reported (the record is then rejected); unknown
    national labels are kept as free text in `autres_formations_labels`. Fields unknown to v0.1 are
    ignored. The result still has to be validated as a `Lieu`.
    """
    record: dict[str, object] = {}
    problems: list[V01Problem] = []
    other_labels: list[str] = []
    for field, value in raw.items():
        if field in V01_DROPPED or field not in V01_FIELD_ORDER:
            continue
        if field in V01_MAPPED_FIELDS:
            unknown = _map_values(field, value, record, other_labels)
            if unknown is None:
                problems.append(V01Problem(field, "texte attendu (valeurs séparées par « ; »)", value))
            elif unknown:
                problems.append(V01Problem(field, _unknown_message(unknown), value))
            continue
        target = V01_RENAMED.get(field, field)
        if field in V01_LIST_FIELDS:
            value = split_multi(value, V01_MULTI_VALUE_SEPARATOR)
        if target == _OTHER_LABELS:
            if isinstance(value, str) and clean_text(value):
                other_labels.insert(0, clean_text(value))
            elif value is not None and not isinstance(value, str):
                record[target] = value  # let validation report the wrong type
            continue
        record[target] = value
    if other_labels:
        record[_OTHER_LABELS] = ", ".join(dict.fromkeys(other_labels))
    return record, problems


def _map_values(
    field: str, value: object, record: dict[str, object], other_labels: list[str]
) -> list[str] | None:
    """Add the v1 values of a mapped v0.1 field to `record`; return the unknown values (None: not text)."""
    items = _v01_items(value)
    if items is None:
        return None
    mapping = V01_VALUE_MAPPING[field]
    unknown: list[str] = []
    for item in items:
        targets = mapping.get(lookup_key(item))
        if targets is None:
            if field == "labels_nationaux":
                other_labels.append(item)
            else:
                unknown.append(item)
            continue
        for target in targets:
            if target.value is None:
                other_labels.append(item)
                continue
            values = record.setdefault(target.field, [])
            if isinstance(values, list) and target.value not in values:
                values.append(target.value)
    return unknown


def _unknown_message(unknown: list[str]) -> str:
    quoted = ", ".join(f"« {value} »" for value in unknown)
    return f"valeur(s) inconnue(s) du standard v0.1 : {quoted}"
