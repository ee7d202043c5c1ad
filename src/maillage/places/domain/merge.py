"""Merging the source records of one place into one card, field by field, with provenance (pure Python).

Each record brings the standard's fields (our domain names). For a single-valued field the card takes
the value of the best record that has one; for a list field it takes the union, in the order of the
records' ranks. The rank of a record is, in order:
1. a person's choice for that field (`choices`: field → record key) wins over everything;
2. for coordinates, a precise position beats an approximate one (a commune centre);
3. the source's priority (`source_priority`, a setting: curated sources before administrative lists);
4. the newest source date;
5. the record key, so that the result never depends on the order records arrive in.
A record of the `authoritative` source (changes a person made in Maillage itself) is above all that:
every field it holds is shown as it holds it, an empty value and a whole list included (an editor who
removes a service or clears a phone number means it).
The provenance keeps, for each field, the record that gave the value and the other records' values.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

LIST_FIELDS = frozenset(
    {
        "typologies",
        "emails",
        "websites",
        "mobility",
        "services",
        "publics",
        "specific_support",
        "fees",
        "national_programmes",
        "training_labels",
        "access_modes",
        "support_modes",
    }
)
COORDINATES = ("latitude", "longitude")
# Fields that describe where a record's address is: taken together from one record, never mixed.
ADDRESS_FIELDS = ("address", "address_complement", "postal_code", "commune_name", "insee_code")


@dataclass(frozen=True)
class RecordFields:
    key: str  # "source:source_id"
    source: str
    fields: Mapping[str, Any]
    source_date: datetime.date | None = None
    position_approximate: bool = False


@dataclass(frozen=True)
class Merged:
    fields: dict[str, Any]
    provenance: dict[str, dict[str, Any]] = field(default_factory=dict)
    position_approximate: bool = False
    fresh_on: datetime.date | None = None


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _rank(record: RecordFields, priority: Sequence[str]) -> tuple[int, int, str]:
    source_rank = priority.index(record.source) if record.source in priority else len(priority)
    age = -(record.source_date.toordinal() if record.source_date else 0)
    return (source_rank, age, record.key)


def merge_records(
    records: Sequence[RecordFields],
    *,
    source_priority: Sequence[str],
    choices: Mapping[str, str] | None = None,
    authoritative: str | None = None,
) -> Merged:
    """The card of a place fed by `records` (at least one)."""
    if not records:
        raise ValueError("merge_records needs at least one record")
    choices = choices or {}
    ranked = sorted(records, key=lambda record: _rank(record, source_priority))
    names = sorted({name for record in records for name in record.fields})
    result: dict[str, Any] = {}
    provenance: dict[str, dict[str, Any]] = {}
    own = next((record for record in ranked if authoritative and record.source == authoritative), None)

    def held(field_name: str) -> bool:
        return own is not None and field_name in own.fields

    def pick(field_name: str, candidates: list[RecordFields]) -> RecordFields | None:
        chosen_key = choices.get(field_name)
        if chosen_key is not None:
            for record in candidates:
                if record.key == chosen_key:
                    return record
        for record in candidates:
            if not _empty(record.fields.get(field_name)):
                return record
        return None

    # Coordinates and the address travel together with their record.
    coordinate_order = sorted(ranked, key=lambda r: r.position_approximate)  # stable: precise first
    groups = [(COORDINATES, coordinate_order), (ADDRESS_FIELDS, ranked)]
    grouped_names = {name for fields, _ in groups for name in fields}
    approximate = False
    for fields, order in groups:
        lead = own if held(fields[0]) else pick(fields[0], order)
        for name in fields:
            if name not in names:
                continue
            result[name] = lead.fields.get(name) if lead is not None else records[0].fields.get(name)
            provenance[name] = _provenance(name, lead, records)
        if fields is COORDINATES:
            approximate = lead.position_approximate if lead is not None else False
    for name in names:
        if name in grouped_names:
            continue
        if own is not None and held(name):
            result[name] = own.fields.get(name)
            provenance[name] = _provenance(name, own, records)
            continue
        if name in LIST_FIELDS:
            union: list[Any] = []
            for record in ranked:
                for value in record.fields.get(name) or []:
                    if value not in union:
                        union.append(value)
            result[name] = union
            givers = [record.key for record in ranked if record.fields.get(name)]
            provenance[name] = {"from": givers, "others": {}}
            continue
        lead = pick(name, ranked)
        result[name] = lead.fields.get(name) if lead is not None else records[0].fields.get(name)
        provenance[name] = _provenance(name, lead, records)
    dates = [record.source_date for record in records if record.source_date is not None]
    return Merged(
        fields=result,
        provenance=provenance,
        position_approximate=approximate,
        fresh_on=max(dates, default=None),
    )


def _provenance(name: str, lead: RecordFields | None, records: Sequence[RecordFields]) -> dict[str, Any]:
    chosen = lead.fields.get(name) if lead is not None else None
    others = {}
    for record in records:
        if record is lead:
            continue
        value = record.fields.get(name)
        if not _empty(value) and value != chosen:
            others[record.key] = _jsonable(value)
    return {"from": lead.key if lead is not None else None, "others": others}


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value
