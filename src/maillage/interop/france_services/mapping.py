"""One record of the ANCT list of France Services → the national standard's v1 fields (pure Python).

The list has no SIRET column: the pivot is the standard's placeholder. Every France Services helps with
administrative formalities (the programme's mission, « accompagner les usagers dans leurs démarches
administratives »), hence the one service « Aide aux démarches administratives ». Fields the standard has
no room for (appointment only, type, format, group, labelling date) go to the row's attributes.
"""

from __future__ import annotations

import re
from typing import Final

from maillage.interop.france_services.hours import DAY_COLUMNS, daily_hours_to_osm
from maillage.interop.mediation_numerique.normalise import normalise_phone, parse_coordinate
from maillage.interop.source_helpers import PLACEHOLDER_PIVOT, code_with_zeros, text, valid_emails

SOURCE_LABEL: Final = "France Services (ANCT)"
# The list's own date (its file name, liste-fs-20240801): the ANCT gives no per-row update date.
LIST_DATE: Final = "2024-08-01"
COLUMNS: Final = (
    "id_fs", "lib_fs", "adresse", "complement_adresse", "insee_com", "code_postal", "lib_com", "latitude",
    "longitude", "mail", "telephone", *(column for column, _day in DAY_COLUMNS), "prise_rdv",
    "commentaire", "type_fs", "format_fs", "groupe_fs", "labellisation_fs",
)  # fmt: skip
# format_fs values: Fixe, Multisites, Fixe_antenne(s), Bus_équivalent, Itinérante.
MOBILE_FORMATS: Final = ("bus", "itinéran")
LABEL_DATE: Final = re.compile(r"(\d{2})/(\d{2})/(\d{4})")


def map_france_services(values: dict[str, str]) -> tuple[dict[str, object], dict[str, object], list[str]]:
    """(standard record, attributes, warnings) of one row of the list."""
    warnings: list[str] = []
    hours, unreadable = daily_hours_to_osm([(column, day, values[column]) for column, day in DAY_COLUMNS])
    for day in unreadable:
        warnings.append(f"horaires : {day.column} « {day.text} » illisible, horaires non repris")
    phone = text(values["telephone"])
    comment = text(values["commentaire"])
    record: dict[str, object] = {
        "id": text(values["id_fs"]),
        "pivot": PLACEHOLDER_PIVOT,
        "nom": text(values["lib_fs"]),
        "commune": text(values["lib_com"]),
        "code_postal": code_with_zeros(values["code_postal"]),
        "code_insee": code_with_zeros(values["insee_com"]),
        "adresse": text(values["adresse"]),
        "complement_adresse": text(values["complement_adresse"]) or None,
        "latitude": parse_coordinate(values["latitude"]),
        "longitude": parse_coordinate(values["longitude"]),
        "typologie": ["RFS"],
        "telephone": normalise_phone(phone) if phone else None,
        "courriels": valid_emails(values["mail"], warnings),
        "horaires": hours,
        "presentation_detail": comment or None,
        "source": SOURCE_LABEL,
        "itinerance": ["Itinérant" if is_mobile(values["format_fs"]) else "Fixe"],
        "date_maj": LIST_DATE,
        "services": ["Aide aux démarches administratives"],
        "dispositif_programmes_nationaux": ["France Services"],
    }
    label = text(values["labellisation_fs"])
    label_date = LABEL_DATE.search(label)
    attributes: dict[str, object] = {
        "prise_rdv": {"oui": True, "non": False}.get(text(values["prise_rdv"]).casefold()),
        "commentaire": comment or None,
        "type_fs": text(values["type_fs"]) or None,
        "format_fs": text(values["format_fs"]) or None,
        "groupe_fs": text(values["groupe_fs"]) or None,
        "labellisation_fs": label or None,
        "date_labellisation": "-".join(reversed(label_date.groups())) if label_date else None,
    }
    return record, attributes, warnings


def is_mobile(format_fs: str) -> bool:
    """A bus or an itinerant France Services (« Bus_équivalent », « Itinérante »)."""
    return any(word in format_fs.casefold() for word in MOBILE_FORMATS)
