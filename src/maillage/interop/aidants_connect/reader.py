"""Read the Aidants Connect export of habilitated structures (CSV, `,`-separated) into `SourceRow`s."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Final

from maillage.interop.aidants_connect.mapping import ACTIVE_COLUMN, COLUMNS, is_active, map_aidants_connect
from maillage.interop.mediation_numerique.errors import FieldError
from maillage.interop.source_helpers import csv_records, finish_row, text
from maillage.interop.source_rows import SourceRow

WHAT: Final = "un export des structures Aidants Connect (AAAAMMJJ-aidants_connect_structures.csv)"


def read_aidants_connect(path: Path) -> Iterator[SourceRow]:
    """Yield one row per structure, in file order (source_id: `ID`); inactive structures do not map."""
    for item in csv_records(path, expected=COLUMNS, what=WHAT):
        record, attributes, warnings = map_aidants_connect(item.values)
        problems = []
        if not is_active(item.values):
            value = item.values[ACTIVE_COLUMN]
            problems.append(
                FieldError(item.row_number, ACTIVE_COLUMN, "structure inactive", value, item.line)
            )
        yield finish_row(
            row_number=item.row_number,
            source_id=text(item.values["ID"]),
            raw=item.values,
            record=record,
            line=item.line,
            attributes=attributes,
            warnings=warnings,
            problems=problems,
            position_approximate=True,
        )
