"""National-standard files (v1.0.x or v0.1) as a census source: one `SourceRow` per record."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from maillage.interop.mediation_numerique.errors import NotAMednumFile
from maillage.interop.mediation_numerique.reader import ReadResult, read_file
from maillage.interop.mediation_numerique.writer import lieu_to_record
from maillage.interop.source_rows import SourceRow, WrongSourceFormat


def read_source(path: Path) -> Iterator[SourceRow]:
    """Rows of a file of the standard; the record's `id` is its own identifier in the source."""
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as compressed:
                result = read_file(io.BytesIO(compressed.read()))
        else:
            result = read_file(path)
    except NotAMednumFile as exc:
        raise WrongSourceFormat(str(exc)) from exc
    yield from _rows(result)


def read_source_stream(stream: IO[bytes]) -> Iterator[SourceRow]:
    """Rows of a CSV or JSON document of the standard read from a stream (a partner's push).

    Raises NotAMednumFile when the document is not of the standard."""
    return _rows(read_file(stream))


def _rows(result: ReadResult) -> Iterator[SourceRow]:
    for row in result.rows:
        raw_id = row.raw.get("id")
        source_id = str(raw_id).strip() if raw_id not in (None, "") else f"ligne-{row.line or row.row_number}"
        yield SourceRow(
            row_number=row.row_number,
            source_id=source_id,
            raw=row.raw,
            record=lieu_to_record(row.lieu) if row.lieu is not None else None,
            problems=list(row.errors),
            line=row.line,
            lieu=row.lieu,
        )
