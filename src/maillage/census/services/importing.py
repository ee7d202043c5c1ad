"""Bringing a source file into the census: each row kept as a `SourceRecord`, then the census rebuilt.

Every row is validated against the national standard (the `Lieu` model), its commune resolved and its
hours checked. A row that cannot be mapped is kept as a *rejected* record with its reason (traceability)
and the rest imports, unless `strict`: then any bad row refuses the whole file and nothing is written.
A file that is not of the announced format is always refused whole. Re-importing the same file changes
nothing (fingerprints); changed rows are updated; rows gone from the source are flagged, never deleted.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import CharField, URLField
from django.utils import timezone
from pydantic import ValidationError as PydanticValidationError

from maillage.census.services.bulk import bulk_insert, bulk_set
from maillage.census.services.rebuild import CensusReport, census_rebuild
from maillage.core.progress import Progress
from maillage.interop.mediation_numerique import FieldError, Lieu
from maillage.interop.mediation_numerique.errors import field_errors
from maillage.interop.mediation_numerique.mapping import STANDARD_NAMES, lieu_to_place_fields
from maillage.interop.source_rows import SourceReader, SourceRow
from maillage.places.domain.hours import validate_hours
from maillage.places.enums import PlaceStatus, RecordKind
from maillage.places.models import Place, SourceRecord
from maillage.territories.selectors import CommuneIndex
from maillage.territories.services import TerritoryLoadResult, territories_ensure

BATCH = 1000
STORED = [
    "kind",
    "row_number",
    "raw",
    "fields",
    "attributes",
    "rejected_reason",
    "position_approximate",
    "source_date",
    "fingerprint",
    "last_seen",
    "missing_since",
]


class ImportRefused(Exception):
    """The file was refused as a whole; nothing was written. `errors` name row, field and problem."""

    def __init__(self, path: Path, errors: list[FieldError]) -> None:
        self.path = path
        self.errors = errors
        super().__init__(f"{path}: {len(errors)} erreur(s), rien n'a été importé")

    def describe(self, limit: int = 50) -> str:
        lines = [f"{self.path.name}, {error}" for error in self.errors[:limit]]
        if len(self.errors) > limit:
            lines.append(f"… et {len(self.errors) - limit} autre(s) erreur(s)")
        return "\n".join(lines)


COUNT_EVERY = 250  # rows between two progress counts (a count costs a few microseconds)


@dataclass
class ImportReport:
    path: Path
    source: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[FieldError] = field(default_factory=list)
    prospects: int = 0
    gone: int = 0
    outside: int = 0
    census: CensusReport | None = None
    territory_loaded: TerritoryLoadResult | None = None  # first use: the shipped territory data was loaded

    @property
    def skipped(self) -> int:
        return len({error.row for error in self.rejected})


@dataclass
class _Prepared:
    row: SourceRow
    kind: str
    fields: dict[str, Any] | None
    reason: str
    problems: list[FieldError]
    source_date: datetime.date | None


def fingerprint(raw: dict[str, Any]) -> str:
    canonical = json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@cache
def _model_limits() -> list[tuple[str, int | None, bool]]:
    """(field, max length, is a URL) of the Place text fields the standard's schema does not bound."""
    return [
        (f.name, getattr(f, "max_length", None), isinstance(f, URLField))
        for f in Place._meta.get_fields()
        if isinstance(f, CharField) and f.editable
    ]


_URL = URLValidator(schemes=["http", "https"])


def _model_errors(row: SourceRow, fields: dict[str, Any]) -> list[FieldError]:
    """What the database model refuses (lengths, URLs) that the standard's schema does not check."""
    problems = []
    for name, max_length, is_url in _model_limits():
        value = fields.get(name)
        if not isinstance(value, str) or not value:
            continue
        if max_length is not None and len(value) > max_length:
            message = f"{len(value)} caractères, {max_length} au plus"
            problems.append(
                FieldError(row.row_number, STANDARD_NAMES.get(name, name), message, line=row.line)
            )
        elif is_url:
            try:
                _URL(value)
            except ValidationError:
                message = "adresse web invalide (http ou https attendu)"
                problems.append(
                    FieldError(row.row_number, STANDARD_NAMES.get(name, name), message, value, row.line)
                )
    return problems


SOURCE_ID_MAX = 200  # SourceRecord.source_id


def _has_nul(value: Any) -> bool:
    """Whether a NUL character is in `value` (a row's JSON values). One JSON encoding (in C) rules it out for
    nearly every row; it writes a NUL as \\u0000, and only then are the values walked through."""
    try:
        encoded = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        return _has_nul_walk(value)
    return "\\u0000" in encoded and _has_nul_walk(value)


def _has_nul_walk(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul_walk(key) or _has_nul_walk(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(_has_nul_walk(item) for item in value)
    return False


def _without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, dict):
        return {_without_nul(key): _without_nul(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_without_nul(item) for item in value]
    return value


def _nul_free(row: SourceRow) -> SourceRow:
    """NUL characters are dropped: PostgreSQL stores them neither in text nor in JSON (found by tests/fuzz).
    The record is then validated again (`lieu` forgotten), from the cleaned values."""
    if not _has_nul((row.source_id, row.raw, row.record, row.attributes)):
        return row
    return replace(
        row,
        source_id=_without_nul(row.source_id),
        raw=_without_nul(row.raw),
        record=_without_nul(row.record),
        attributes=_without_nul(row.attributes),
        lieu=None,
    )


def source_id_problem(row: SourceRow) -> FieldError | None:
    """An identifier too long to be stored (the row is left out, named)."""
    if len(row.source_id) <= SOURCE_ID_MAX:
        return None
    message = f"identifiant trop long ({len(row.source_id)} caractères, {SOURCE_ID_MAX} au plus)"
    return FieldError(row.row_number, "id", message, line=row.line)


def _prepare(row: SourceRow, index: CommuneIndex) -> _Prepared:
    return _prepare_nul_free(_nul_free(row), index)


def _prepare_nul_free(row: SourceRow, index: CommuneIndex) -> _Prepared:
    """`_prepare` of a row already without NUL characters."""

    def rejected(problems: list[FieldError]) -> _Prepared:
        reason = " ; ".join(f"{p.field} : {p.message}" for p in problems)
        return _Prepared(row, RecordKind.REJECTED, None, reason, problems, None)

    if row.record is None:
        return rejected(row.problems or [FieldError(row.row_number, "*", "ligne illisible", line=row.line)])
    if row.lieu is not None:
        lieu = row.lieu  # validated by the standard's reader: `record` is this `Lieu`, written out
    else:
        try:
            lieu = Lieu.model_validate(row.record)
        except PydanticValidationError as exc:
            return rejected(field_errors(exc, row=row.row_number, values=row.record, line=row.line))
    fields: dict[str, Any] = dict(lieu_to_place_fields(lieu))
    commune = index.resolve(
        name=fields["commune_name"], postal_code=fields["postal_code"], insee_code=fields["insee_code"]
    )
    if commune is None:
        where = f"« {fields['commune_name']} » ({fields['postal_code']}"
        where += f", INSEE {fields['insee_code']})" if fields["insee_code"] else ")"
        field_name = "code_insee" if fields["insee_code"] else "commune"
        return rejected(
            [FieldError(row.row_number, field_name, f"commune introuvable : {where}", line=row.line)]
        )
    fields["insee_code"] = commune.insee_code
    problems = _model_errors(row, fields)
    hours_problem = validate_hours(fields["opening_hours"])
    if hours_problem:
        problems.append(
            FieldError(row.row_number, "horaires", hours_problem, fields["opening_hours"], row.line)
        )
    if problems:
        return rejected(problems)
    approximate = row.position_approximate
    if fields["latitude"] is None and commune.latitude is not None:
        fields["latitude"], fields["longitude"] = commune.latitude, commune.longitude
        approximate = True
    kind = RecordKind.PROSPECT if row.prospect else RecordKind.PLACE
    # The validated `Lieu` is mapped: not kept with the row (memory, at national scale).
    kept = replace(row, position_approximate=approximate, lieu=None)
    return _Prepared(kept, kind, fields, "", [], fields["updated_on"])


def prepare_row(row: SourceRow, index: CommuneIndex) -> _Prepared:
    """Check and map one row as an import does (the partners' API checks its records the same way)."""
    return _prepare(row, index)


def _may_be_in(row: SourceRow, department: str) -> bool:
    """Whether a rejected row might belong to the territory (so that its rejection is reported)."""
    record = row.record or row.raw
    codes = [str(record.get(name) or "") for name in ("code_insee", "code_postal", "insee", "cp")]
    return not any(codes) or any(code.zfill(5).startswith(department) for code in codes if code)


def stored_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The mapped fields as a JSON-ready dict (dates as ISO strings, without the standard's `id`)."""
    return _stored_fields(fields)


def _stored_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime.date) else v) for k, v in fields.items() if k != "id"}


def _pin_to_own_place(prepared: _Prepared) -> uuid.UUID | None:
    """A record whose id is one of our place UUIDs (a file Maillage exported) feeds that very place."""
    own_id = (prepared.row.record or {}).get("id") or prepared.row.source_id
    try:
        return uuid.UUID(str(own_id))
    except ValueError:
        return None


def source_import(
    *,
    path: Path,
    source: str,
    reader: SourceReader,
    strict: bool = False,
    rebuild: bool = True,
    department: str | None = None,
    communes: CommuneIndex | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Import one file of `source` read by `reader`. Raise ImportRefused (nothing written) in strict mode.

    With `department`, rows whose commune lies in another département are left out (an instance serving
    one territory can read national files); they are counted in `outside`, not stored.

    All-or-nothing: the records and the census rebuilt from them are written in one transaction, so an
    import interrupted at any point (even `kill -9`) leaves the database as it was, and running it again
    finishes the job (tests/faults). `progress` is told each step (what `maillage import -v 2` prints) and
    the rows read.
    """
    progress = progress or Progress()
    say = progress.step
    report = ImportReport(path=path, source=source)
    if communes is None:
        report.territory_loaded = territories_ensure(announce=say)
    index = CommuneIndex.load() if communes is None else communes
    prepared: list[_Prepared] = []
    seen: set[str] = set()
    say(f"lecture de {path.name}…")
    for row in reader(path):  # WrongSourceFormat propagates: the whole file is refused
        report.rows += 1
        if report.rows % COUNT_EVERY == 0:
            progress.count("lignes lues", report.rows)
        too_long = source_id_problem(row)
        if too_long is not None:
            report.rejected.append(too_long)
            continue
        row = _nul_free(row)
        if row.source_id in seen:
            problem = FieldError(
                row.row_number, "id", f"identifiant « {row.source_id} » en double", line=row.line
            )
            report.rejected.append(problem)
            continue
        seen.add(row.source_id)
        item = _prepare_nul_free(row, index)
        if department and item.fields is not None and not item.fields["insee_code"].startswith(department):
            report.outside += 1
            continue
        if department and item.fields is None and not _may_be_in(row, department):
            report.outside += 1
            continue
        report.rejected.extend(item.problems)
        prepared.append(item)
    progress.count("lignes lues", report.rows, report.rows)
    if strict and report.rejected:
        raise ImportRefused(path, report.rejected)
    say(f"{report.rows} lignes lues, enregistrement des fiches sources…")
    with transaction.atomic():
        _store(report, source, prepared)
        say(f"{report.created + report.updated} fiches sources écrites (non validées), recensement…")
        if rebuild:
            report.census = census_rebuild(progress=progress)
        say("recensement calculé, validation de la transaction…")
    say("import validé")
    return report


def _store(report: ImportReport, source: str, prepared: Iterable[_Prepared]) -> None:
    now = timezone.now()
    stored = SourceRecord.objects.filter(source=source).defer("raw", "fields", "attributes")
    existing = {record.source_id: record for record in stored}
    to_create: list[SourceRecord] = []
    to_update: list[SourceRecord] = []
    touched: list[int] = []
    for item in prepared:
        digest = fingerprint(item.row.raw)
        values = {
            "kind": item.kind,
            "row_number": item.row.row_number,
            "raw": item.row.raw,
            "fields": _stored_fields(item.fields) if item.fields is not None else None,
            "attributes": item.row.attributes,
            "rejected_reason": item.reason,
            "position_approximate": item.row.position_approximate,
            "source_date": item.source_date,
            "fingerprint": digest,
            "last_seen": now,
            "missing_since": None,
        }
        report.prospects += item.kind == RecordKind.PROSPECT
        record = existing.pop(item.row.source_id, None)
        if record is None:
            record = SourceRecord(source=source, source_id=item.row.source_id, **values)
            if item.kind == RecordKind.PLACE:
                record.place_id = _ensure_pinned_place(item)
            to_create.append(record)
            report.created += 1
        elif record.fingerprint != digest or record.missing_since is not None or record.kind != item.kind:
            for name, value in values.items():
                setattr(record, name, value)
            to_update.append(record)
            report.updated += 1
        else:
            touched.append(record.pk)
            report.unchanged += 1
    bulk_insert(to_create)
    bulk_set(to_update, STORED)
    for start in range(0, len(touched), BATCH):
        SourceRecord.objects.filter(pk__in=touched[start : start + BATCH]).update(last_seen=now)
    gone = [record.pk for record in existing.values() if record.missing_since is None]
    SourceRecord.objects.filter(pk__in=gone).update(missing_since=now)
    report.gone = len(gone)


def _ensure_pinned_place(item: _Prepared) -> uuid.UUID | None:
    place_id = _pin_to_own_place(item)
    if place_id is None or item.fields is None:
        return None
    if not Place.objects.filter(pk=place_id).exists():
        fields = {k: v for k, v in item.fields.items() if k != "id"}
        Place.objects.create(
            pk=place_id, status=PlaceStatus.PUBLISHED, commune_id=fields["insee_code"], **fields
        )
    return place_id
