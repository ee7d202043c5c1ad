"""Read La Poste's « Étapes numériques » places (etapes-numerique.json) into `SourceRow`s.

The file comes from the national cartography's mednum-cli. Its postcodes, INSEE codes and SIRET are JSON
integers that lost their leading zeros (« Code INSEE »: 1053 for 01053): they are padded back.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Final

from maillage.interop.mediation_numerique.normalise import parse_coordinate
from maillage.interop.mediation_numerique.schema import ETAPES_LABEL
from maillage.interop.source_helpers import (
    clean_siret,
    code_with_zeros,
    finish_row,
    json_records,
    pivot_or_placeholder,
    text,
)
from maillage.interop.source_rows import SourceRow

SOURCE_LABEL: Final = "La Poste (Étapes numériques)"
# The date of the mednum-cli commit that holds the file (26eba48f, 2024-05-30): rows carry no date.
FILE_DATE: Final = "2024-05-30"
KEYS: Final = (
    "ID",
    "SIRET",
    "Nom",
    "Commune",
    "Code postal",
    "Code INSEE",
    "Adresse",
    "latitude",
    "longitude",
)
WHAT: Final = "la liste des lieux « Étapes numériques » de La Poste (etapes-numerique.json)"


def map_etape(item: dict[str, object]) -> tuple[dict[str, object], list[str]]:
    """(standard record, warnings) of one place."""
    warnings: list[str] = []
    record: dict[str, object] = {
        "id": text(item["ID"]),
        "pivot": pivot_or_placeholder(clean_siret(item["SIRET"]), warnings, item["SIRET"]),
        "nom": text(item["Nom"]),
        "commune": text(item["Commune"]),
        "code_postal": code_with_zeros(item["Code postal"]),
        "code_insee": code_with_zeros(item["Code INSEE"]),
        "adresse": text(item["Adresse"]),
        "latitude": parse_coordinate(item["latitude"]),
        "longitude": parse_coordinate(item["longitude"]),
        "typologie": ["LA_POSTE"],
        "source": SOURCE_LABEL,
        "date_maj": FILE_DATE,
        "formations_labels": [ETAPES_LABEL],
    }
    return record, warnings


def read_etapes_numeriques(path: Path) -> Iterator[SourceRow]:
    """Yield one row per place, in file order (source_id: `ID`)."""
    for row_number, item in enumerate(json_records(path, expected=KEYS, what=WHAT), start=1):
        record, warnings = map_etape(item)
        yield finish_row(
            row_number=row_number, source_id=text(item["ID"]), raw=item, record=record, warnings=warnings
        )
