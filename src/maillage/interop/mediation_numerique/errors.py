"""Errors shown to people who import a file: each names the record, the field and, in French, the fault."""

from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from maillage.interop.mediation_numerique.schema import COORDINATE_FIELDS, coordinates_pair_problem


class NotAMednumFile(ValueError):
    """The file is not a file of the « Standard des lieux de médiation numérique » (any version)."""


@dataclass(frozen=True, slots=True)
class FieldError:
    """One fault of one field of one record.

    `row` counts data records from 1 (the first record after the CSV header, or the first object of a
    JSON array). `line` is, for CSV, the line of the file where the record starts (the header is
    line 1), and None for JSON. `value` is the value as read from the file.
    """

    row: int
    field: str
    message: str
    value: object = None
    line: int | None = None

    def __str__(self) -> str:
        where = f"enregistrement {self.row}" + (f" (ligne {self.line})" if self.line is not None else "")
        return f"{where}, champ « {self.field} » : {self.message}"


_BUILTIN_MESSAGES = {
    "missing": "champ obligatoire absent",
    "string_type": "texte attendu",
    "list_type": "liste de valeurs attendue (tableau JSON ou valeurs séparées par « | »)",
    "float_type": "nombre décimal attendu",
    "float_parsing": "nombre décimal attendu",
    "finite_number": "nombre fini attendu",
    "extra_forbidden": "champ inconnu du standard",
}


def _french_message(error: ErrorDetails) -> str:
    if error["type"].startswith("mednum_"):
        return error["msg"]
    if error["type"].startswith("date"):
        return "date attendue au format AAAA-MM-JJ"
    return _BUILTIN_MESSAGES.get(error["type"], f"valeur invalide ({error['msg']})")


def field_errors(
    exc: ValidationError,
    *,
    row: int,
    values: Mapping[str, object],
    line: int | None = None,
    field_names: Mapping[str, str] | None = None,
) -> list[FieldError]:
    """Turn a `Lieu` validation error into `FieldError`s.

    `values` is the mapping that was validated (its values are reported as read); `field_names` renames
    fields for the report (a v0.1 file is told about its own column names).
    """
    found: list[tuple[str, str]] = []
    for error in exc.errors(include_url=False):
        loc, context = error["loc"], error.get("ctx") or {}
        found.append((str(loc[0]) if loc else str(context.get("field", "")), _french_message(error)))
    # The model checks the latitude/longitude pair only when every field is valid: check it here too so
    # that one report lists every fault of the record.
    problem = coordinates_pair_problem(values.get("latitude"), values.get("longitude"))
    if problem and not any(field in COORDINATE_FIELDS for field, _ in found):
        found.append(problem)
    names = field_names or {}
    return [
        FieldError(row, names.get(field, field), message, values.get(field), line) for field, message in found
    ]
