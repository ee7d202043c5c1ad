"""Tests of the census source adapters on the real files of src/maillage/data/sources (no database)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import maillage
from maillage.interop.mediation_numerique.schema import Lieu
from maillage.interop.source_rows import SourceRow

SOURCES_DIR = Path(maillage.__file__).resolve().parent / "data" / "sources"


def tally(rows: Iterable[SourceRow]) -> Counter[str]:
    """Rows, mappable rows and unmappable rows by reason (first problem's field), every record validated."""
    counts: Counter[str] = Counter()
    for row in rows:
        counts["rows"] += 1
        if row.record is None:
            assert row.problems, f"row {row.row_number} unmapped without a reason"
            counts["unmappable"] += 1
            counts[f"unmappable:{row.problems[0].field}"] += 1
        else:
            assert not row.problems
            Lieu.model_validate(row.record)
            counts["mappable"] += 1
    return counts
