"""Read the Conseillers numériques files into `SourceRow`s: host structures (CSV) and permanences (JSON)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Final

from maillage.interop.conseillers_numeriques.mapping import (
    PERMANENCE_KEYS,
    STRUCTURE_COLUMNS,
    map_permanence,
    map_structure,
)
from maillage.interop.mediation_numerique.errors import FieldError
from maillage.interop.source_helpers import csv_records, finish_row, json_records, text
from maillage.interop.source_rows import SourceRow

STRUCTURES_WHAT: Final = "la liste des structures d'accueil de conseillers numériques (AAAAMMJJ-cnfs.csv)"
PERMANENCES_WHAT: Final = "un export des lieux des conseillers numériques de la cartographie nationale (JSON)"


def read_structures(path: Path) -> Iterator[SourceRow]:
    """Yield one row per host structure, in file order (source_id: `SIRET`).

    The list has one row per agreement: a structure that signed several (same SIRET) appears several
    times. Only its first row maps; later ones are reported on `SIRET`, with their number of conseillers.
    """
    first_row: dict[str, int] = {}
    for item in csv_records(path, expected=STRUCTURE_COLUMNS, what=STRUCTURES_WHAT, delimiter=";"):
        record, attributes, warnings = map_structure(item.values)
        siret = text(item.values["SIRET"])
        problems = []
        if siret in first_row:
            message = (
                f"structure déjà lue à l'enregistrement {first_row[siret]} (même SIRET) : convention "
                f"supplémentaire de {attributes['nombre_conseillers']} conseiller(s), non reprise en double"
            )
            problems.append(FieldError(item.row_number, "SIRET", message, siret, item.line))
        else:
            first_row[siret] = item.row_number
        yield finish_row(
            row_number=item.row_number,
            source_id=siret,
            raw=item.values,
            record=record,
            line=item.line,
            attributes=attributes,
            warnings=warnings,
            problems=problems,
            position_approximate=True,
        )


def read_permanences(path: Path) -> Iterator[SourceRow]:
    """Yield one row per permanence of the 2022 national cartography, in file order (source_id: `id`)."""
    for row_number, item in enumerate(json_records(path, expected=PERMANENCE_KEYS, what=PERMANENCES_WHAT), 1):
        record, v01_problems, warnings = map_permanence(item)
        problems = [FieldError(row_number, p.field, p.message, p.value) for p in v01_problems]
        yield finish_row(
            row_number=row_number,
            source_id=text(item["id"]),
            raw=item,
            record=record,
            warnings=warnings,
            problems=problems,
        )
