"""Writes to the census of places.

`places_import_file` brings a file of the national standard (v1.0.x CSV/JSON, or v0.1) into the census:
all or nothing, in one transaction. Each row is kept as a `SourceRecord` (source, id, raw row,
fingerprint), so that a re-import of the same file changes nothing and a changed row is detected.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from maillage.core.text import normalize
from maillage.interop.mediation_numerique import FieldError, read_file
from maillage.interop.mediation_numerique.mapping import STANDARD_NAMES, lieu_to_place_fields
from maillage.places.domain.hours import validate_hours
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place, SourceRecord
from maillage.territories.selectors import CommuneIndex


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


@dataclass
class ImportReport:
    path: Path
    source: str
    format_version: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    place_ids: list[uuid.UUID] = field(default_factory=list)


def fingerprint(raw: dict[str, Any]) -> str:
    canonical = json.dumps(raw, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _search_text(fields: dict[str, Any]) -> str:
    parts = [
        fields["name"],
        fields["commune_name"],
        fields["postal_code"],
        fields["address"],
        *fields["typologies"],
    ]
    return normalize(" ".join(str(part) for part in parts if part))


def _model_errors(row_number: int, line: int | None, fields: dict[str, Any]) -> list[FieldError]:
    """What the database model refuses (lengths, URLs) that the standard's schema does not check."""
    candidate = Place(**{name: value for name, value in fields.items() if name != "id"})
    try:
        candidate.full_clean(exclude=["commune", "id"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        return [
            FieldError(
                row=row_number, field=STANDARD_NAMES.get(name, name), message=" ".join(messages), value=None
            )
            for name, messages in exc.message_dict.items()
        ]
    return []


def _as_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except (ValueError, AttributeError, TypeError):
        return None


def _find_place(source: str, row_id: str, records: dict[str, SourceRecord]) -> Place | None:
    record = records.get(row_id)
    if record is not None and record.place_id is not None:
        return record.place
    own_id = _as_uuid(row_id)
    if own_id is not None:
        return Place.objects.filter(pk=own_id).first()
    return None


def places_import_file(*, path: Path, source: str, status: str = PlaceStatus.PUBLISHED) -> ImportReport:
    """Import one file of the national standard. Raise ImportRefused, writing nothing, on any bad row."""
    result = read_file(path)
    index = CommuneIndex.load()
    errors: list[FieldError] = [error for row in result.rows for error in row.errors]
    prepared: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for row in result.rows:
        if row.lieu is None:
            continue
        fields: dict[str, Any] = dict(lieu_to_place_fields(row.lieu))
        commune = index.resolve(
            name=fields["commune_name"], postal_code=fields["postal_code"], insee_code=fields["insee_code"]
        )
        if commune is None:
            errors.append(
                FieldError(
                    row=row.row_number,
                    field="code_insee" if fields["insee_code"] else "commune",
                    message=(
                        f"commune introuvable : « {fields['commune_name']} » ({fields['postal_code']}"
                        f"{', ' + fields['insee_code'] if fields['insee_code'] else ''})"
                    ),
                    value=fields["insee_code"] or fields["commune_name"],
                    line=row.line,
                )
            )
            continue
        fields["commune_id"] = commune.insee_code
        fields["insee_code"] = commune.insee_code
        errors.extend(_model_errors(row.row_number, row.line, fields))
        hours_problem = validate_hours(fields["opening_hours"])
        if hours_problem:
            errors.append(
                FieldError(
                    row=row.row_number,
                    field="horaires",
                    message=hours_problem,
                    value=fields["opening_hours"],
                    line=row.line,
                )
            )
        prepared.append((row.raw, fields))
    if errors:
        raise ImportRefused(path, errors)

    report = ImportReport(path=path, source=source, format_version=result.format_version, rows=len(prepared))
    now = timezone.now()
    with transaction.atomic():
        records = {r.source_id: r for r in SourceRecord.objects.filter(source=source).select_related("place")}
        for raw, fields in prepared:
            _import_row(report, source, status, raw, fields, records, now)
    return report


def _import_row(
    report: ImportReport,
    source: str,
    status: str,
    raw: dict[str, Any],
    fields: dict[str, Any],
    records: dict[str, SourceRecord],
    now: Any,
) -> None:
    row_id = str(fields.pop("id"))
    digest = fingerprint(raw)
    place = _find_place(source, row_id, records)
    record = records.get(row_id)
    fields["search_text"] = _search_text(fields)
    if place is None:
        place = Place(pk=_as_uuid(row_id) or uuid.uuid4(), status=status, **fields)
        place.save(force_insert=True)
        report.created += 1
    elif record is not None and record.fingerprint == digest:
        report.unchanged += 1
    else:
        changed = [name for name, value in fields.items() if getattr(place, name) != value]
        if changed:
            for name in changed:
                setattr(place, name, fields[name])
            place.save(update_fields=[*changed, "updated_at"])
            report.updated += 1
        else:
            report.unchanged += 1
    report.place_ids.append(place.pk)
    if record is None:
        record = SourceRecord(
            source=source, source_id=row_id, raw=raw, fingerprint=digest, place=place, last_seen=now
        )
        record.save()
        records[row_id] = record
    elif record.fingerprint != digest or record.place_id != place.pk:
        record.raw, record.fingerprint, record.place, record.last_seen = raw, digest, place, now
        record.save()
    else:
        SourceRecord.objects.filter(pk=record.pk).update(last_seen=now)
