"""The national « Standard des lieux de médiation numérique » (v1.0.2): read, write, map to our domain.

Pure Python (no Django): `reader` reads v1.0.x and v0.1.x files (CSV or JSON) into `Lieu` records with
French, per-field errors; `writer` writes CSV, JSON and GeoJSON; `mapping` converts between `Lieu` and
our domain's place fields.
"""

from maillage.interop.mediation_numerique.errors import FieldError, NotAMednumFile
from maillage.interop.mediation_numerique.mapping import (
    LIST_FIELDS,
    PLACE_FIELD_NAMES,
    PLACE_TO_STANDARD,
    STANDARD_NAMES,
    STANDARD_TO_PLACE,
    PlaceFields,
    lieu_to_place_fields,
    place_fields_to_lieu,
)
from maillage.interop.mediation_numerique.reader import ParsedRow, ReadResult, read_csv, read_file, read_json
from maillage.interop.mediation_numerique.schema import (
    ENUMERATIONS,
    FIELD_ORDER,
    MULTI_VALUED_FIELDS,
    REQUIRED_FIELDS,
    SCHEMA_PATH,
    SCHEMA_VERSION,
    TYPOLOGIE_CODES,
    Lieu,
)
from maillage.interop.mediation_numerique.writer import (
    lieu_to_record,
    recommended_filename,
    write_csv,
    write_geojson,
    write_json,
)

__all__ = [
    "ENUMERATIONS",
    "FIELD_ORDER",
    "LIST_FIELDS",
    "MULTI_VALUED_FIELDS",
    "PLACE_FIELD_NAMES",
    "PLACE_TO_STANDARD",
    "REQUIRED_FIELDS",
    "SCHEMA_PATH",
    "SCHEMA_VERSION",
    "STANDARD_NAMES",
    "STANDARD_TO_PLACE",
    "TYPOLOGIE_CODES",
    "FieldError",
    "Lieu",
    "NotAMednumFile",
    "ParsedRow",
    "PlaceFields",
    "ReadResult",
    "lieu_to_place_fields",
    "lieu_to_record",
    "place_fields_to_lieu",
    "read_csv",
    "read_file",
    "read_json",
    "recommended_filename",
    "write_csv",
    "write_geojson",
    "write_json",
]
