"""Read files of the « Standard des lieux de médiation numérique »: v1.0.x or v0.1.x, CSV or JSON.

Row numbers: `ParsedRow.row_number` and `FieldError.row` count data records from 1 — the first record after
the CSV header, or the first object of a JSON array. For CSV, `ParsedRow.line` and `FieldError.line`
also give the line of the file where the record starts: the header is line 1, so the first record is
usually line 2 (the spreadsheet row number), and a cell holding line breaks pushes the next records
further down. Blank CSV lines are skipped and not counted as records. For JSON, `line` is None.

What is tolerated: a UTF-8 byte order mark (and Windows-1252 text, with a warning), `;` or tab as the
CSV column separator, columns missing or in any order, header names in any case, multi-valued fields
as JSON arrays or `|`-joined strings, the national pipeline's nested `adresse` object, v0.1 files
(recognised by their field names and converted to v1, see `legacy.py`). Anything else that is not a
file of the standard raises `NotAMednumFile`.
"""

import csv
import io
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Final, Literal, Protocol

from pydantic import ValidationError

from maillage.interop.mediation_numerique.errors import FieldError, NotAMednumFile, field_errors
from maillage.interop.mediation_numerique.legacy import (
    V01_FIELD_ORDER,
    V01_ONLY_FIELDS,
    V01_SOURCE_OF_V1_FIELD,
    V1_ONLY_FIELDS,
    convert_v01_record,
    looks_like_v01_services,
)
from maillage.interop.mediation_numerique.normalise import clean_text
from maillage.interop.mediation_numerique.schema import FIELD_ORDER, Lieu

Source = str | os.PathLike[str] | IO[bytes] | IO[str]
FormatVersion = Literal["1.0", "0.1"]
FileFormat = Literal["csv", "json"]

_KNOWN_FIELDS: Final = {name.casefold(): name for name in (*FIELD_ORDER, *V01_FIELD_ORDER)}
_SIGNATURE_FIELDS: Final = ("id", "nom")
_SIGNATURE_MIN_FIELDS: Final = 5
_NAME_SEPARATORS: Final = re.compile(r"[\s\-]+")
_NESTED_ADDRESS_PARTS: Final = ("numero_voie", "repetition", "nom_voie")
_NESTED_ADDRESS_FIELDS: Final = ("commune", "code_postal", "code_insee", "complement_adresse")


@dataclass(frozen=True, slots=True)
class ParsedRow:
    """One record of the file.

    `row_number` counts data records from 1: the first record after the CSV header, or the first object
    of a JSON array. For CSV, `line` is the line of the file where the record starts (the header is
    line 1, so it is usually `row_number + 1`, the spreadsheet row); for JSON it is None.
    `raw` is the record as read (CSV: header → cell text; JSON: the object). `lieu` is None exactly
    when `errors` is not empty.
    """

    row_number: int
    raw: dict[str, object]
    lieu: Lieu | None
    errors: list[FieldError]
    line: int | None = None


@dataclass(frozen=True, slots=True)
class ReadResult:
    rows: list[ParsedRow]
    format_version: FormatVersion
    file_format: FileFormat
    warnings: list[str] = field(default_factory=list)
    """File-level remarks in French (ignored or missing columns, conversion from v0.1, encoding)."""

    @property
    def lieux(self) -> list[Lieu]:
        return [row.lieu for row in self.rows if row.lieu is not None]

    @property
    def errors(self) -> list[FieldError]:
        return [error for row in self.rows for error in row.errors]


@dataclass(frozen=True, slots=True)
class _Record:
    row_number: int
    line: int | None
    raw: dict[str, object]
    values: dict[str, object]  # known field name → value


def read_file(source: Source) -> ReadResult:
    """Read a CSV or JSON file of the standard, telling them apart by their content."""
    text, warnings = _load_text(source)
    if text.lstrip()[:1] in {"[", "{"}:
        return _read_json_text(text, warnings)
    return _read_csv_text(text, warnings)


def read_csv(source: Source) -> ReadResult:
    """Read a CSV file of the standard (a path, or a binary or text stream)."""
    return _read_csv_text(*_load_text(source))


def read_json(source: Source) -> ReadResult:
    """Read a JSON file of the standard: an array of objects (a path, or a binary or text stream)."""
    return _read_json_text(*_load_text(source))


# --- loading ---------------------------------------------------------------------------------------


def _load_text(source: Source) -> tuple[str, list[str]]:
    data = Path(source).read_bytes() if isinstance(source, str | os.PathLike) else source.read()
    if isinstance(data, str):
        return data.removeprefix("\ufeff"), []
    if b"\x00" in data[:8192]:
        raise NotAMednumFile("Ce fichier est un fichier binaire, pas un fichier CSV ou JSON de lieux.")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise NotAMednumFile("Ce fichier n'est pas un fichier texte encodé en UTF-8.") from exc
    return text, ["Le fichier n'est pas encodé en UTF-8 : il a été lu comme du Windows-1252 (Excel)."]


def _field_name(header: str) -> str | None:
    key = _NAME_SEPARATORS.sub("_", clean_text(header).removeprefix("\ufeff")).casefold()
    return _KNOWN_FIELDS.get(key)


# --- CSV -------------------------------------------------------------------------------------------


def _read_csv_text(text: str, warnings: list[str]) -> ReadResult:
    if not text.strip():
        raise NotAMednumFile("Le fichier est vide.")
    try:  # a first line past the csv module's field limit fails while sniffing already (found by tests/fuzz)
        delimiter = _sniff_delimiter(text)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = next(cells for cells in reader if not _is_blank(cells))
        names = [_field_name(column) for column in header]
        _check_signature({name for name in names if name}, header)
        records = list(_csv_records(reader, header, names))
    except csv.Error as exc:
        raise NotAMednumFile(f"Ce fichier n'est pas un CSV lisible : {exc}.") from exc
    warnings = warnings + _column_warnings(header, names)
    return _parse(records, {name for name in names if name}, "csv", warnings)


def _sniff_delimiter(text: str) -> str:
    first_line = next(line for line in text.splitlines() if line.strip())

    def known_columns(delimiter: str) -> int:
        header = next(csv.reader([first_line], delimiter=delimiter), [])
        return sum(1 for column in header if _field_name(column))

    return max([",", ";", "\t"], key=known_columns)


class _CsvReader(Protocol):
    line_num: int

    def __iter__(self) -> Iterator[list[str]]: ...
    def __next__(self) -> list[str]: ...


def _is_blank(cells: list[str]) -> bool:
    return not any(cell.strip() for cell in cells)


def _csv_records(reader: _CsvReader, header: list[str], names: list[str | None]) -> Iterator[_Record]:
    line_num = reader.line_num
    row = 0
    for cells in reader:
        start_line, line_num = line_num + 1, reader.line_num
        if _is_blank(cells):
            continue
        row += 1
        raw: dict[str, object] = {
            column: cells[i] if i < len(cells) else "" for i, column in enumerate(header)
        }
        values: dict[str, object] = {}
        for i, name in enumerate(names):
            if name and name not in values:
                values[name] = cells[i] if i < len(cells) else ""
        extra = [cell for cell in cells[len(header) :] if cell.strip()]
        if extra:
            raw["(valeurs en trop)"] = extra
        yield _Record(row, start_line, raw, values)


def _column_warnings(header: list[str], names: list[str | None]) -> list[str]:
    warnings = []
    ignored = [column for column, name in zip(header, names, strict=True) if name is None and column.strip()]
    if ignored:
        warnings.append("Colonnes ignorées car inconnues du standard : " + ", ".join(ignored) + ".")
    duplicated = sorted({name for name in names if name and names.count(name) > 1})
    if duplicated:
        warnings.append("Colonnes en double (seule la première est lue) : " + ", ".join(duplicated) + ".")
    return warnings


# --- JSON ------------------------------------------------------------------------------------------


def _read_json_text(text: str, warnings: list[str]) -> ReadResult:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NotAMednumFile(f"JSON invalide : {exc.msg} (ligne {exc.lineno}, colonne {exc.colno}).") from exc
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise NotAMednumFile("Ce JSON n'est pas un fichier de lieux : un tableau d'objets est attendu.")
    records = []
    seen_keys: dict[str, None] = {}
    for index, item in enumerate(data, start=1):
        values: dict[str, object] = {}
        for key, value in _flatten_address(item).items():
            seen_keys.setdefault(key)
            name = _field_name(key)
            if name and name not in values:
                values[name] = value
        records.append(_Record(index, None, item, values))
    names = [_field_name(key) for key in seen_keys]
    if data:
        _check_signature({name for name in names if name}, list(seen_keys))
    warnings = warnings + _column_warnings(list(seen_keys), names)
    return _parse(records, {name for name in names if name}, "json", warnings)


def _flatten_address(item: Mapping[str, object]) -> dict[str, object]:
    """Spread the national pipeline's `adresse` object into the standard's flat fields."""
    address = item.get("adresse")
    if not isinstance(address, dict):
        return dict(item)
    flat = {key: value for key, value in item.items() if key != "adresse"}
    parts = [clean_text(str(address[part])) for part in _NESTED_ADDRESS_PARTS if address.get(part)]
    flat["adresse"] = " ".join(part for part in parts if part)
    for key in _NESTED_ADDRESS_FIELDS:
        if address.get(key) is not None and flat.get(key) in {None, ""}:
            flat[key] = address[key]
    return flat


# --- common ----------------------------------------------------------------------------------------


def _check_signature(names: set[str], columns: list[str]) -> None:
    if all(name in names for name in _SIGNATURE_FIELDS) and len(names) >= _SIGNATURE_MIN_FIELDS:
        return
    found = ", ".join(column for column in columns[:12] if column.strip()) or "aucune"
    raise NotAMednumFile(
        "Ce fichier n'est pas au format du standard des lieux de médiation numérique : il faut au moins les "
        f"colonnes id et nom et {_SIGNATURE_MIN_FIELDS} colonnes du standard (id, pivot, nom, commune, "
        f"code_postal, adresse, date_maj…). Colonnes trouvées : {found}."
    )


def _detect_version(names: set[str], records: list[_Record]) -> FormatVersion:
    old, new = names & V01_ONLY_FIELDS, names & V1_ONLY_FIELDS
    if old and new:
        raise NotAMednumFile(
            "Ce fichier mélange des colonnes de la version 0.1 du standard ("
            + ", ".join(sorted(old))
            + ") et de la version 1.0 ("
            + ", ".join(sorted(new))
            + ")."
        )
    if old or (not new and looks_like_v01_services(record.values.get("services") for record in records)):
        return "0.1"
    return "1.0"


def _parse(
    records: list[_Record], names: set[str], file_format: FileFormat, warnings: list[str]
) -> ReadResult:
    version = _detect_version(names, records)
    if version == "0.1":
        warnings = [*warnings, "Fichier au format v0.1 du standard : converti en v1.0."]
    else:
        missing = [name for name in FIELD_ORDER if name not in names]
        if missing and records:
            warnings = [
                *warnings,
                "Colonnes absentes du fichier (laissées vides) : " + ", ".join(missing) + ".",
            ]
    rows = [_parse_record(record, version) for record in records]
    return ReadResult(_flag_duplicate_ids(rows), version, file_format, warnings)


def _parse_record(record: _Record, version: FormatVersion) -> ParsedRow:
    values = record.values
    errors: list[FieldError] = []
    field_names: Mapping[str, str] | None = None
    if version == "0.1":
        converted, problems = convert_v01_record(values)
        errors = [FieldError(record.row_number, p.field, p.message, p.value, record.line) for p in problems]
        values, field_names = converted, V01_SOURCE_OF_V1_FIELD
    values = {name: value for name, value in values.items() if name in FIELD_ORDER}
    # Errors report the value as read, under the file's own column name (v0.1 included).
    as_read = values | {
        new: record.values[old] for new, old in (field_names or {}).items() if old in record.values
    }
    lieu: Lieu | None = None
    try:
        lieu = Lieu.model_validate(values)
    except ValidationError as exc:
        errors += field_errors(
            exc, row=record.row_number, values=as_read, line=record.line, field_names=field_names
        )
    if errors:
        lieu = None
    return ParsedRow(record.row_number, record.raw, lieu, errors, record.line)


def _flag_duplicate_ids(rows: list[ParsedRow]) -> list[ParsedRow]:
    """The standard's `id` is unique: the second and later records with an id already seen are errors."""
    first_row: dict[str, int] = {}
    result = []
    for parsed in rows:
        identifier = parsed.lieu.id if parsed.lieu else _raw_id(parsed.raw)
        if identifier and identifier in first_row:
            message = f"identifiant « {identifier} » déjà pris par l'enregistrement {first_row[identifier]}"
            error = FieldError(parsed.row_number, "id", message, identifier, parsed.line)
            parsed = ParsedRow(parsed.row_number, parsed.raw, None, [*parsed.errors, error], parsed.line)
        elif identifier:
            first_row[identifier] = parsed.row_number
        result.append(parsed)
    return result


def _raw_id(raw: Mapping[str, object]) -> str | None:
    for key, value in raw.items():
        if _field_name(key) == "id" and isinstance(value, str | int) and not isinstance(value, bool):
            return clean_text(str(value)) or None
    return None
