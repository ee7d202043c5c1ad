"""Exports of the published census in the national standard (reads only)."""

from __future__ import annotations

from typing import IO

from maillage.interop.mediation_numerique import write_csv, write_geojson, write_json
from maillage.places.schemas import place_to_lieu
from maillage.places.selectors import places_published

EXPORT_FORMATS = ("mednum-csv", "mednum-json", "geojson")


def places_export(*, fmt: str, stream: IO[str]) -> int:
    """Write every published place in `fmt` to `stream`; return how many places were written.

    The order (name, then id) is stable, so that the same census always gives the same bytes.
    """
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
