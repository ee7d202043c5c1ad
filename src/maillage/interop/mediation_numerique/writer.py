"""Write places in the « Standard des lieux de médiation numérique » v1.0.2: CSV, JSON and GeoJSON.

CSV, as the standard says: UTF-8 (no byte order mark), comma separator, every one of the 32 columns in
schema order, multi-valued cells joined with `|`, `.` as decimal mark, dates `YYYY-MM-DD`, quotes only
where needed (`csv.QUOTE_MINIMAL`). Lines end with `\\n` (LF), like the official `exemple-valide.csv`;
open the target with `newline=""` (or write to a `StringIO`) so that the platform does not translate it.

Floats are written as the shortest text that reads back as the same number (Python's `repr`), never in
exponent notation, so that write → read → write gives the same bytes.
"""

import csv
import datetime
import json
import re
import unicodedata
from collections.abc import Iterable
from typing import IO, Final

from maillage.interop.mediation_numerique.normalise import (
    MULTI_VALUE_SEPARATOR,
    format_float,
    normalise_line_breaks,
)
from maillage.interop.mediation_numerique.schema import FIELD_ORDER, MULTI_VALUED_FIELDS, Lieu

CSV_LINE_TERMINATOR: Final = "\n"
JSON_INDENT: Final = 2

_SIRET: Final = re.compile(r"^\d{14}$")
_RNA: Final = re.compile(r"^W[0-9A-Z]{9}$")
_NOT_ALNUM: Final = re.compile(r"[^0-9A-Za-z]+")


def lieu_to_record(lieu: Lieu) -> dict[str, object]:
    """The place as a JSON-ready mapping in schema order: lists for multi-valued fields, None if empty."""
    values: dict[str, object] = {}
    for name in FIELD_ORDER:
        value = getattr(lieu, name)
        values[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return values


def _csv_cell(name: str, value: object) -> str:
    if value is None:
        return ""
    if name in MULTI_VALUED_FIELDS and isinstance(value, list):
        return MULTI_VALUE_SEPARATOR.join(value)
    if isinstance(value, float):
        return format_float(value)
    return normalise_line_breaks(str(value))


def write_csv(lieux: Iterable[Lieu], stream: IO[str]) -> None:
    """Write the header and one line per place."""
    writer = csv.writer(stream, delimiter=",", quoting=csv.QUOTE_MINIMAL, lineterminator=CSV_LINE_TERMINATOR)
    writer.writerow(FIELD_ORDER)
    for lieu in lieux:
        writer.writerow([_csv_cell(name, value) for name, value in lieu_to_record(lieu).items()])


def write_json(lieux: Iterable[Lieu], stream: IO[str]) -> None:
    """Write a JSON array of objects: standard field names in schema order, arrays for multi-valued fields
    (an empty one is `[]`), `null` for an empty value, non-ASCII characters as such, 2-space indent."""
    json.dump([lieu_to_record(lieu) for lieu in lieux], stream, ensure_ascii=False, indent=JSON_INDENT)
    stream.write("\n")


def write_geojson(lieux: Iterable[Lieu], stream: IO[str], *, indent: int | None = None) -> int:
    """Write a FeatureCollection of Points ([longitude, latitude], WGS84) whose properties are the
    standard's fields; the feature `id` is the place's `id`. Places without coordinates are left out.

    Returns the number of places left out.
    """
    features: list[dict[str, object]] = []
    omitted = 0
    for lieu in lieux:
        if lieu.latitude is None or lieu.longitude is None:
            omitted += 1
            continue
        features.append(
            {
                "type": "Feature",
                "id": lieu.id,
                "geometry": {"type": "Point", "coordinates": [lieu.longitude, lieu.latitude]},
                "properties": lieu_to_record(lieu),
            }
        )
    collection = {"type": "FeatureCollection", "features": features}
    json.dump(collection, stream, ensure_ascii=False, indent=indent)
    stream.write("\n")
    return omitted


def recommended_filename(date: datetime.date, producer_id: str, territory: str) -> str:
    """The file name the standard recommends:
    `YYYY-MM-DD_<SIRET or RNA of the producer>_lieux-de-mediation-numerique_<Territory>.csv`.

    The territory loses its accents, spaces and punctuation: « Saint-Étienne Métropole » gives
    `SaintEtienneMetropole`.
    """
    producer = "".join(producer_id.split()).upper()
    if not (_SIRET.match(producer) or _RNA.match(producer)):
        raise ValueError(
            f"identifiant de producteur « {producer_id} » invalide : "
            "SIRET (14 chiffres) ou RNA (W + 9 caractères) attendu"
        )
    ascii_text = unicodedata.normalize("NFKD", territory).encode("ascii", "ignore").decode("ascii")
    name = "".join(part[0].upper() + part[1:] for part in _NOT_ALNUM.split(ascii_text) if part)
    if not name:
        raise ValueError(f"nom de territoire « {territory} » inutilisable dans un nom de fichier")
    return f"{date.isoformat()}_{producer}_lieux-de-mediation-numerique_{name}.csv"
