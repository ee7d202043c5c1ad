"""Exports of the published census in the national standard (reads only)."""

from __future__ import annotations

import csv
from typing import IO

from maillage.interop.mediation_numerique import write_csv, write_geojson, write_json
from maillage.places.selectors import places_published, source_records_traced
from maillage.places.standard import place_to_lieu

EXPORT_FORMATS = ("mednum-csv", "mednum-json", "geojson", "provenance-csv")
PROVENANCE_COLUMNS = [
    "source", "source_id", "place_id", "status", "reason", "source_name", "source_address", "source_commune",
]  # fmt: skip


def provenance_export(*, stream: IO[str]) -> int:
    """One row per source record: which place it feeds, what became of it, and its name, street and commune
    as the source wrote them (the cards and the national-standard files show them in typographic case)."""
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(PROVENANCE_COLUMNS)
    count = 0
    for trace in source_records_traced():
        writer.writerow(
            [
                trace.source, trace.source_id, trace.place_id, trace.status, trace.reason,
                trace.name, trace.address, trace.commune_name,
            ]
        )  # fmt: skip
        count += 1
    return count


def places_export(*, fmt: str, stream: IO[str]) -> int:
    """Write every published place in `fmt` to `stream`; return how many places were written.

    The order (name, then id) is stable, so that the same census always gives the same bytes.
    """
    if fmt == "provenance-csv":
        return provenance_export(stream=stream)
    places = places_published().order_by("name", "id").iterator(chunk_size=2000)
    lieux = [place_to_lieu(place) for place in places]
    if fmt == "mednum-csv":
        write_csv(lieux, stream)
    elif fmt == "mednum-json":
        write_json(lieux, stream)
    elif fmt == "geojson":
        write_geojson(lieux, stream)
    else:
        raise ValueError(f"format inconnu : {fmt} (attendu : {', '.join(EXPORT_FORMATS)})")
    return len(lieux)
