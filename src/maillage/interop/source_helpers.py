"""Helpers shared by the census source adapters (pure Python, no Django).

Reading: `open_text` opens a file transparently gzip-compressed or not (by its `.gz` suffix),
`csv_records` streams CSV records with their file line and checks the header, `json_records` reads a JSON
array of objects and checks its keys; both raise `WrongSourceFormat` with a French message.
Cleaning: SIRET, postcodes and INSEE codes that went through a spreadsheet or a float, addresses that end
with « <code postal> <ville> », e-mail lists. Finishing: `finish_row` validates the mapped record against
the standard and decides whether the row maps (see its docstring for the rules).
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TextIO

import opening_hours
from pydantic import ValidationError

from maillage.core.geo import Point, in_france
from maillage.core.text import normalize_commune
from maillage.interop.mediation_numerique.errors import FieldError, field_errors
from maillage.interop.mediation_numerique.normalise import clean_text, is_email
from maillage.interop.mediation_numerique.schema import REQUIRED_FIELDS, Lieu
from maillage.interop.source_rows import SourceRow, WrongSourceFormat

PLACEHOLDER_PIVOT: Final = "00000000000000"
"""The pivot the national cartography uses when a place's SIRET is unknown."""
WARNINGS_KEY: Final = "warnings"
"""`SourceRow.attributes` key listing what was dropped from a row that still maps (French text)."""
# A row whose value for one of these fields is missing or invalid does not map; any other invalid field is
# dropped with a warning and the row is kept.
FATAL_FIELDS: Final = REQUIRED_FIELDS | {"code_insee", "latitude", "longitude"}

_TRAILING_POSTCODE_CITY: Final = re.compile(
    r"""[\s,;\-–]*(?<!\d)(?P<postcode>\d{5})(?!\d)  # the postcode, after optional separators
        (?:[\s,\-–]+(?P<city>[^\W\d_][^\d\n,;]*?  # the city name, starting with a letter
            (?:\s+(?:cedex\s*)?\d{1,2}\s*(?:e|er|eme|ème)?)?  # « PARIS 11 », « LYON 7EME », « Cedex 9 »
        ))?[\s,.]*$""",
    re.IGNORECASE | re.VERBOSE,
)
_POSTAL_BOX: Final = re.compile(r"\b(?:BP|CS|TSA)\s*$", re.IGNORECASE)  # « CS 28770 » is no postcode
_COUNTRY: Final = re.compile(r",\s*France\s*$", re.IGNORECASE)
_EMAIL_SEPARATORS: Final = re.compile(r"\s+-\s+|[\s,;|]+")
_DIGITS: Final = re.compile(r"^\d+$")
_LA_POSTE_SIREN: Final = "356000000"


# --- reading -------------------------------------------------------------------------------------


@contextmanager
def open_text(path: Path) -> Iterator[TextIO]:
    """Open a UTF-8 text file (a leading BOM is skipped), gunzipping it when its name ends with `.gz`."""
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as stream:
            yield stream
    else:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            yield stream


@dataclass(frozen=True, slots=True)
class CsvRecord:
    """One CSV record: `row_number` counts records from 1, `line` is the file line where it starts."""

    row_number: int
    line: int
    values: dict[str, str]


def csv_records(
    path: Path, *, expected: Iterable[str], what: str, delimiter: str = ","
) -> Iterator[CsvRecord]:
    """Stream the records of a CSV file whose header must hold every `expected` column.

    `what` names the format in French for error messages (« la liste des France services (ANCT) »).
    Blank lines are skipped. Cells beyond the header are kept under « (valeurs en trop) ».
    """
    try:
        with open_text(path) as stream:
            reader = csv.reader(stream, delimiter=delimiter)
            header = [clean_text(column) for column in next(reader, [])]
            _check_columns(header, expected, what, "colonnes")
            row_number, previous_line = 0, reader.line_num
            for cells in reader:
                start_line, previous_line = previous_line + 1, reader.line_num
                if not any(cell.strip() for cell in cells):
                    continue
                row_number += 1
                values = dict(zip(header, cells, strict=False))
                values.update((column, "") for column in header[len(cells) :])
                extra = [cell for cell in cells[len(header) :] if cell.strip()]
                if extra:
                    values["(valeurs en trop)"] = " | ".join(extra)
                yield CsvRecord(row_number, start_line, values)
    except (UnicodeDecodeError, gzip.BadGzipFile, EOFError, zlib.error, csv.Error) as exc:
        raise WrongSourceFormat(f"Ce fichier n'est pas {what} : fichier CSV illisible ({exc}).") from exc


def json_records(path: Path, *, expected: Iterable[str], what: str) -> list[dict[str, object]]:
    """The objects of a JSON array whose objects must all hold every `expected` key.

    The JSON sources are small (under a megabyte), so the array is parsed whole.
    """
    try:
        with open_text(path) as stream:
            data = json.load(stream)
    except (UnicodeDecodeError, gzip.BadGzipFile, EOFError, zlib.error, json.JSONDecodeError) as exc:
        raise WrongSourceFormat(f"Ce fichier n'est pas {what} : JSON illisible ({exc}).") from exc
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise WrongSourceFormat(f"Ce fichier n'est pas {what} : un tableau JSON d'objets est attendu.")
    for item in data:
        _check_columns(list(item), expected, what, "clés")
    return data


def _check_columns(found: list[str], expected: Iterable[str], what: str, kind: str) -> None:
    missing = [name for name in expected if name not in found]
    if missing:
        shown = ", ".join(name for name in found[:12] if name) or "aucune"
        raise WrongSourceFormat(
            f"Ce fichier n'est pas {what} : {kind} attendues absentes : {', '.join(missing)}. "
            f"{kind.capitalize()} trouvées : {shown}."
        )


# --- cleaning ------------------------------------------------------------------------------------


def text(value: object) -> str:
    """A cell as clean text ("" for None); JSON numbers become their decimal text."""
    if value is None:
        return ""
    return clean_text(str(value))


def code_with_zeros(value: object) -> str | None:
    """A postcode or INSEE code that a spreadsheet or JSON number shortened: 1053 or « 1053 » → « 01053 ».

    Codes of 3 or 4 digits get their leading zeros back; anything else is returned trimmed (validation
    judges it); empty → None. Corsican INSEE codes (« 2A004 ») are left as they are.
    """
    code = text(value).removesuffix(".0")
    if not code:
        return None
    return code.zfill(5) if _DIGITS.match(code) and 3 <= len(code) < 5 else code


def clean_siret(value: object) -> str | None:
    """A SIRET (14 digits) or SIREN (9 digits) from a cell, or None when there is none or it is wrong.

    Exports written through a float give « 42410964300066.0 »: the « .0 » is dropped. A float also loses
    leading zeros, so 10 to 13 digits are zero-padded to 14 when the padded number passes the SIRET check
    digit; a 9-digit value is a SIREN (the standard's pivot accepts 9 to 14 characters). All zeros, other
    lengths and failed check digits give None (e.g. « 2406005850014 », a SIRET with a digit lost inside).
    """
    digits = "".join(text(value).removesuffix(".0").split())
    if not _DIGITS.match(digits) or not digits.strip("0"):
        return None
    if len(digits) == 9:
        return digits if _luhn_ok(digits) else None
    if 10 <= len(digits) <= 14:
        siret = digits.zfill(14)
        return siret if _siret_ok(siret) else None
    return None


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        digit = int(char) * (2 if index % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return total % 10 == 0


def _siret_ok(siret: str) -> bool:
    # La Poste's establishments share one SIREN and follow their own rule: the digits sum to a multiple of 5.
    if siret.startswith(_LA_POSTE_SIREN):
        return _luhn_ok(siret) or sum(int(char) for char in siret) % 5 == 0
    return _luhn_ok(siret)


def pivot_or_placeholder(siret: str | None, warnings: list[str], raw_value: object) -> str:
    """The pivot for a record: the SIRET, or the placeholder with a warning when a value was unusable."""
    if siret:
        return siret
    shown = text(raw_value)
    if shown and shown.strip("0.") and shown != PLACEHOLDER_PIVOT:
        warnings.append(f"pivot : SIRET « {shown} » invalide, remplacé par {PLACEHOLDER_PIVOT}")
    return PLACEHOLDER_PIVOT


def split_address(address: object, city: str | None = None) -> tuple[str, str | None, str | None]:
    """Split « 11 place René Coty 42000 Blois » into (« 11 place René Coty », « 42000 », « Blois »).

    Lines of a multi-line address are joined with « , » and a last « , France » is dropped. A trailing
    postcode, with or without a city (« …, 35500, VITRE », « 4 Rue Molière 42300 », « 25 RUE
    CONDORCET42300 Roanne », « … 75011 PARIS 11 », « … 28028 Chartres Cedex »), is removed, but not the
    number of a « BP », « CS » or « TSA » box. Without a postcode, a last comma-separated part that is the
    given `city` is removed (« 3 Place Massenet, Chazelles-sur-Lyon »). An address that is nothing but a
    postcode and a city (« 24140 VILLAMBLARD ») is kept whole, its postcode and city still returned.
    """
    lines = [" ".join(line.split()) for line in text(address).split("\n")]
    street = _COUNTRY.sub("", ", ".join(line.strip(" ,") for line in lines if line.strip(" ,")))
    match = _TRAILING_POSTCODE_CITY.search(street)
    if match and not _POSTAL_BOX.search(street[: match.start()]):
        rest = street[: match.start()].strip(" ,;-–")
        return rest or street, match["postcode"], (match["city"] or "").strip() or None
    head, comma, tail = street.rpartition(",")
    if city and comma and head.strip(" ,") and normalize_commune(tail) == normalize_commune(city):
        return head.strip(" ,"), None, tail.strip()
    return street, None, None


def split_emails(value: object) -> list[str]:
    """E-mail addresses from a cell that may hold several (« a@x.fr - b@x.fr », « a@x.fr; b@x.fr »)."""
    return [item for item in _EMAIL_SEPARATORS.split(text(value)) if item]


def valid_emails(value: object, warnings: list[str]) -> list[str]:
    """The valid addresses of `split_emails(value)`; the others are dropped with a warning."""
    emails = split_emails(value)
    invalid = [email for email in emails if not is_email(email)]
    if invalid:
        warnings.append("courriels : adresse(s) invalide(s) non reprise(s) : " + ", ".join(invalid))
    return [email for email in emails if is_email(email)]


def to_int(value: object) -> int | None:
    """A count from a cell (« 22 », « 22.0 », 22); None when empty, not a number or absurdly long."""
    cleaned = text(value).removesuffix(".0")
    # More than 18 digits is no count (and past 4,300 digits int() raises: found by tests/fuzz).
    return int(cleaned) if _DIGITS.match(cleaned) and len(cleaned) <= 18 else None


def to_float(value: object) -> float | None:
    """A decimal from a cell (« 373.0 », « 12,5 »); None when empty or not a finite number."""
    try:
        number = float(text(value).replace(",", "."))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def checked_hours(hours: object, column: str, warnings: list[str]) -> str | None:
    """OSM opening hours given by a source, or None with a warning when they do not parse."""
    expression = text(hours)
    if not expression:
        return None
    if opening_hours.validate(expression):
        return expression
    warnings.append(f"horaires : {column} « {expression} » illisible (syntaxe OSM), horaires non repris")
    return None


# --- finishing -----------------------------------------------------------------------------------


def finish_row(
    *,
    row_number: int,
    source_id: str,
    raw: Mapping[str, object],
    record: dict[str, object],
    line: int | None = None,
    attributes: dict[str, object] | None = None,
    warnings: list[str] | None = None,
    problems: list[FieldError] | None = None,
    position_approximate: bool = False,
    prospect: bool = False,
) -> SourceRow:
    """Validate a mapped record against the standard (`Lieu`) and build its `SourceRow`.

    The row does not map (`record` None, `problems` say why) when `problems` are given, when coordinates
    fall outside France, or when a required field (nom, commune, code postal, adresse…), the INSEE code
    or the coordinates are missing or invalid. Any other invalid field (a malformed phone number, say) is
    dropped and the row kept, with a warning in `attributes["warnings"]`.
    """
    attributes = dict(attributes or {})
    warnings = list(warnings or [])
    found = list(problems or [])
    found += _outside_france(record, row_number, line)
    lieu = None
    if not found:
        found, lieu = _validate(record, row_number, line, warnings)
    if warnings:
        attributes[WARNINGS_KEY] = warnings
    return SourceRow(
        row_number=row_number,
        source_id=source_id,
        raw=dict(raw),
        record=None if found else record,
        problems=found,
        attributes=attributes,
        line=line,
        position_approximate=position_approximate,
        prospect=prospect,
        lieu=None if found else lieu,
    )


def _outside_france(record: Mapping[str, object], row: int, line: int | None) -> list[FieldError]:
    latitude, longitude = record.get("latitude"), record.get("longitude")
    if isinstance(latitude, bool) or isinstance(longitude, bool):
        return []
    if not isinstance(latitude, int | float) or not isinstance(longitude, int | float):
        return []
    if in_france(Point(latitude, longitude)):
        return []
    message = f"coordonnées hors de France (latitude {latitude}, longitude {longitude})"
    return [FieldError(row, "latitude", message, f"{latitude}, {longitude}", line)]


def _validate(
    record: dict[str, object], row: int, line: int | None, warnings: list[str]
) -> tuple[list[FieldError], Lieu | None]:
    """The fatal problems of `record` (its invalid optional fields dropped, with a warning), and the
    record as a validated `Lieu` when it maps (the import uses it: it is not validated a second time)."""
    try:
        return [], Lieu.model_validate(record)
    except ValidationError as exc:
        errors = field_errors(exc, row=row, values=record, line=line)
    fatal = [error for error in errors if error.field in FATAL_FIELDS]
    if fatal:
        return fatal, None
    for error in errors:
        warnings.append(f"{error.field} : {error.message} ; valeur non reprise")
        record.pop(error.field, None)
    try:
        return [], Lieu.model_validate(record)
    except ValidationError as exc:  # pragma: no cover - dropping optional fields always leaves a valid record
        return field_errors(exc, row=row, values=record, line=line), None
