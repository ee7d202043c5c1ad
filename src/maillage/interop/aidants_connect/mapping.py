"""One structure of the Aidants Connect export → the national standard's v1 fields (pure Python).

Aidants Connect habilitates « aidants » to carry out online formalities on behalf of a person: hence the
service « Aide aux démarches administratives » and individual support. The export has no coordinates
(the place is then put at its commune's centre downstream). Its `City Insee Code` is often the first
commune of a postcode shared by several communes: it is kept as `code_insee`, and the written `City` goes
to `commune` (the commune resolver prefers the written name when the two disagree).
"""

from __future__ import annotations

from typing import Final

from maillage.interop.source_helpers import (
    clean_siret,
    code_with_zeros,
    pivot_or_placeholder,
    split_address,
    text,
    to_int,
)

SOURCE_LABEL: Final = "Aidants Connect"
# The export's date (20240212-aidants_connect_structures.csv); rows carry no update date of their own.
EXPORT_DATE: Final = "2024-02-12"
COUNTERS: Final = {
    "Nombre d'aidants": "nombre_aidants",
    "Question 110 → Nombre D'usagers Uniques": "usagers_uniques",
    "Question 109 → Nombre De Demarche Par Structure": "demarches_total",
    "Question 99 → Nombre Demarche Argent": "demarches_argent",
    "Question 107 → Nombre Demarche Etranger": "demarches_etranger",
    "Question 103 → Nombre Demarche Famille": "demarches_famille",
    "Question 106 → Nombre Demarche Justice": "demarches_justice",
    "Question 108 → Nombre Demarche Loisirs": "demarches_loisirs",
    "Question 102 → Nombre Demarche Papier": "demarches_papiers",
    "Question 104 → Nombre Demarche Social": "demarches_social",
    "Question 105 → Nombre Demarche Transport": "demarches_transport",
    "Question 113 → Nombre Demarche Travail": "demarches_travail",
    "Question 114 → Nombre Demarche Logement": "demarches_logement",
}
"""Usage counters of the export → attribute keys (empty cells give None)."""
ACTIVE_COLUMN: Final = "Is Active"
COLUMNS: Final = (
    "Name", "ID", "UUID", ACTIVE_COLUMN, "City Insee Code", "Address", "Zip Code", "Siret",
    "France Services Label", "City", *COUNTERS,
)  # fmt: skip


def is_active(values: dict[str, str]) -> bool:
    return text(values[ACTIVE_COLUMN]).casefold() == "true"


def map_aidants_connect(values: dict[str, str]) -> tuple[dict[str, object], dict[str, object], list[str]]:
    """(standard record, attributes, warnings) of one structure of the export."""
    warnings: list[str] = []
    street, _postcode, _city = split_address(values["Address"], text(values["City"]))
    france_services = text(values["France Services Label"]).casefold() == "true"
    record: dict[str, object] = {
        "id": text(values["ID"]),
        "pivot": pivot_or_placeholder(clean_siret(values["Siret"]), warnings, values["Siret"]),
        "nom": text(values["Name"]),
        "commune": text(values["City"]),
        "code_postal": code_with_zeros(values["Zip Code"]),
        "code_insee": code_with_zeros(values["City Insee Code"]),
        "adresse": street,
        "latitude": None,
        "longitude": None,
        "source": SOURCE_LABEL,
        "date_maj": EXPORT_DATE,
        "services": ["Aide aux démarches administratives"],
        "dispositif_programmes_nationaux": [
            "Aidants Connect",
            *(["France Services"] if france_services else []),
        ],
        "modalites_accompagnement": ["Accompagnement individuel"],
    }
    attributes: dict[str, object] = {
        "uuid": text(values["UUID"]) or None,
        "label_france_services": france_services,
        **{key: to_int(values[column]) for column, key in COUNTERS.items()},
    }
    return record, attributes, warnings
