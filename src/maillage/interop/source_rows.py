"""The one shape every census source adapter yields (pure Python, no Django).

An adapter reads one outside file (France Services list, Aidants Connect export, a national-standard
file…) and yields one `SourceRow` per data record. A row either maps onto the national standard
(`record` holds the standard's v1.0.2 field names, multi-valued fields as lists) or does not (`record`
is None and `problems` says why, naming the field). The places app validates `record` with the
standard's `Lieu` model, resolves the commune, and writes; adapters never touch the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from maillage.interop.mediation_numerique.errors import FieldError

if TYPE_CHECKING:
    from maillage.interop.mediation_numerique.schema import Lieu


class WrongSourceFormat(ValueError):
    """The file is not of the announced format: it is refused whole (French message)."""


@dataclass(frozen=True)
class SourceRow:
    """One record of one source file.

    `row_number` counts data records from 1; `line` is the file line where a CSV record starts (header
    = line 1), None for JSON. `source_id` is the record's own identifier in its file (France Services
    `id_fs`, Aidants Connect `ID`, CNFS 2023 `SIRET`, Hinaura `id`…). `raw` is the record as read, JSON-
    serialisable. `attributes` keeps what the standard has no field for (usage counters, France Services
    type…). `position_approximate` is true when coordinates were not in the source (e.g. the commune's
    centre was used). `prospect` marks records kept as structures to invite, never published.
    `lieu` is `record` already validated as the standard's `Lieu` (by the standard's own reader, or by
    `source_helpers.finish_row` for the adapters of other formats): the places app maps it without
    validating it a second time. When it is None, the places app validates `record`.
    """

    row_number: int
    source_id: str
    raw: dict[str, object]
    record: dict[str, object] | None
    problems: list[FieldError] = field(default_factory=list)
    attributes: dict[str, object] = field(default_factory=dict)
    line: int | None = None
    position_approximate: bool = False
    prospect: bool = False
    lieu: Lieu | None = None


SourceReader = Callable[[Path], Iterator[SourceRow]]
