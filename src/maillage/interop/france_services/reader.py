"""Read the ANCT list of France Services (liste-fs-AAAAMMJJ.csv, `,`-separated) into `SourceRow`s."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Final

from maillage.interop.france_services.mapping import COLUMNS, map_france_services
from maillage.interop.source_helpers import csv_records, finish_row, text
from maillage.interop.source_rows import SourceRow

WHAT: Final = "la liste des France services de l'ANCT (liste-fs-AAAAMMJJ.csv)"


def read_france_services(path: Path) -> Iterator[SourceRow]:
    """Yield one row per France Services, in file order (source_id: `id_fs`).

    A row whose daily hours cannot all be read is kept without hours, with a warning in
    `attributes["warnings"]` naming the column and its text.
    """
    for item in csv_records(path, expected=COLUMNS, what=WHAT):
        record, attributes, warnings = map_france_services(item.values)
        yield finish_row(
            row_number=item.row_number,
            source_id=text(item.values["id_fs"]),
            raw=item.values,
            record=record,
            line=item.line,
            attributes=attributes,
            warnings=warnings,
        )
