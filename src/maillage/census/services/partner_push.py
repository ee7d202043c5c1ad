"""Places pushed by a trusted partner through the API: a census source whose new records wait for moderation.

A partner sends records of the national standard (the JSON array of a v1.0.x file). They are checked like a
file of the `mednum` format, all or nothing: one bad record refuses the whole push, naming the record, its
`id` and the field, and nothing is written. Then, record by record (keyed by the record's `id` within the
partner's source `partner:<slug>`):

- a record never seen: stored as a `pending` source record, with a `partner` contribution in the moderation
  queue. Accepted, it becomes a record like any import's: the census rebuild runs the usual dedup (merged
  into a place it duplicates, a pair to review, or a new place) and merge (field by field, with provenance);
- a record still waiting: its values are replaced, and its contribution shows the new ones;
- a record already accepted: updated in place when it changed (like a re-import), then the census rebuilds;
- a record the moderation refused: ignored while unchanged; sent again with changes, it waits again.
A record missing from a push means nothing: a push is a partial update, never a deletion.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from maillage.census.services.cards import CARD_FIELDS
from maillage.census.services.importing import (
    fingerprint,
    prepare_row,
    source_id_problem,
    stored_fields,
)
from maillage.census.services.rebuild import census_rebuild
from maillage.interop.mediation_numerique.errors import FieldError, NotAMednumFile
from maillage.interop.mediation_numerique.source import read_source_stream
from maillage.places.enums import ContributionKind, ContributionStatus, RecordKind
from maillage.places.models import Contribution, SourceRecord
from maillage.territories.selectors import CommuneIndex

PARTNER_SOURCE_PREFIX = "partner:"


class PushRefused(Exception):
    """The push is refused whole: nothing was written. `errors` name record, id and field."""

    def __init__(self, message: str, errors: list[tuple[FieldError, str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or []


@dataclass(frozen=True)
class PushedRecord:
    source_id: str
    state: str  # "pending" | "updated" | "unchanged" | "refused_before"
    place_id: str | None = None
    contribution_id: int | None = None


@dataclass
class PushReport:
    source: str
    records: list[PushedRecord] = field(default_factory=list)

    def count(self, state: str) -> int:
        return sum(1 for record in self.records if record.state == state)


def partner_source(slug: str) -> str:
    return f"{PARTNER_SOURCE_PREFIX}{slug}"


def partner_records_push(
    *, source: str, records: list[Any], partner_label: str, contact_email: str = ""
) -> PushReport:
    """Check every record of the push, then store them (see the module's docstring). Raise PushRefused."""
    if not source.startswith(PARTNER_SOURCE_PREFIX):
        raise ValueError(f"not a partner source: {source!r}")
    if not records:
        raise PushRefused("Aucun lieu dans l'envoi : un tableau JSON d'au moins un lieu est attendu.")
    try:
        rows = list(read_source_stream(io.BytesIO(json.dumps(records).encode())))
    except NotAMednumFile as exc:
        raise PushRefused(str(exc)) from exc
    index = CommuneIndex.load()
    errors: list[tuple[FieldError, str]] = []
    prepared = []
    seen: set[str] = set()
    for row in rows:
        raw_id = row.raw.get("id")
        if raw_id in (None, ""):
            errors.append((FieldError(row.row_number, "id", "identifiant obligatoire pour un envoi"), ""))
            continue
        too_long = source_id_problem(row)
        if too_long is not None:
            errors.append((too_long, row.source_id[:40] + "…"))
            continue
        if row.source_id in seen:
            message = f"identifiant « {row.source_id} » en double dans l'envoi"
            errors.append((FieldError(row.row_number, "id", message), row.source_id))
            continue
        seen.add(row.source_id)
        item = prepare_row(row, index)
        errors.extend((problem, row.source_id) for problem in item.problems)
        prepared.append(item)
    if errors:
        raise PushRefused(f"Envoi refusé : {len(errors)} erreur(s), rien n'a été enregistré.", errors)
    with transaction.atomic():
        report = _store(source, prepared, partner_label=partner_label, contact_email=contact_email)
        if any(record.state == "updated" for record in report.records):
            census_rebuild()
    return report


def _card_data(fields: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in stored_fields(fields).items() if name in CARD_FIELDS}


def _store(source: str, prepared: list[Any], *, partner_label: str, contact_email: str) -> PushReport:
    now = timezone.now()
    report = PushReport(source=source)
    existing = {
        record.source_id: record
        for record in SourceRecord.objects.select_for_update().filter(
            source=source, source_id__in=[item.row.source_id for item in prepared]
        )
    }
    for item in prepared:
        digest = fingerprint(item.row.raw)
        values = {
            "row_number": item.row.row_number,
            "raw": item.row.raw,
            "fields": stored_fields(item.fields),
            "attributes": item.row.attributes,
            "position_approximate": item.row.position_approximate,
            "source_date": item.source_date,
            "fingerprint": digest,
            "last_seen": now,
            "missing_since": None,
        }
        record = existing.get(item.row.source_id)
        source_id = item.row.source_id
        if record is not None and record.fingerprint == digest and record.kind != RecordKind.PENDING:
            SourceRecord.objects.filter(pk=record.pk).update(last_seen=now)
            state = "unchanged" if record.kind == RecordKind.PLACE else "refused_before"
            place_id = str(record.place_id) if record.place_id else None
            report.records.append(PushedRecord(source_id, state, place_id))
            continue
        if record is not None and record.kind == RecordKind.PLACE:
            for name, value in values.items():
                setattr(record, name, value)
            record.save()
            report.records.append(PushedRecord(source_id, "updated", str(record.place_id or "") or None))
            continue
        if record is None:
            record = SourceRecord.objects.create(
                source=source, source_id=source_id, kind=RecordKind.PENDING, **values
            )
        else:  # waiting, or refused before and sent again with changes: it waits (again)
            for name, value in values.items():
                setattr(record, name, value)
            record.kind = RecordKind.PENDING
            record.rejected_reason = ""
            record.save()
        contribution = _pending_contribution(record, partner_label=partner_label, contact_email=contact_email)
        report.records.append(PushedRecord(source_id, "pending", None, contribution.pk))
    return report


def _pending_contribution(record: SourceRecord, *, partner_label: str, contact_email: str) -> Contribution:
    data = _card_data(record.fields or {})
    contribution = record.contributions.filter(status=ContributionStatus.PENDING).first()
    if contribution is not None:
        contribution.data = data
        contribution.save(update_fields=["data"])
        return contribution
    return Contribution.objects.create(
        kind=ContributionKind.PARTNER,
        data=data,
        source_record=record,
        email=contact_email,
        comment=f"Envoyée par le partenaire « {partner_label} » par l'API (fiche « {record.source_id} »).",
    )


def partner_record_accept(record: SourceRecord) -> SourceRecord:
    """The moderation accepted the record: it enters the census (dedup and merge) like any import's."""
    SourceRecord.objects.filter(pk=record.pk).update(kind=RecordKind.PLACE, rejected_reason="")
    census_rebuild()
    record.refresh_from_db()
    return record


def partner_record_refuse(record: SourceRecord, *, reason: str) -> None:
    """The moderation refused the record: kept, so that the same record sent again is not queued again."""
    SourceRecord.objects.filter(pk=record.pk).update(
        kind=RecordKind.REJECTED, rejected_reason=f"refusé par la modération : {reason}"
    )
