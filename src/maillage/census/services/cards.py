"""A place's card computed from the records that feed it (the merge, typography, quality, search text).

Used by the census rebuild (rebuild.py) for every place, and by `refresh_place` for one place whose
own record or field choices changed (editing, a person's choice of value).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.utils import timezone

from maillage.census.services.typography import CommuneDirectory, commune_directory
from maillage.interop.mediation_numerique.schema import TYPOLOGIES
from maillage.places.domain.merge import RecordFields, merge_records
from maillage.places.domain.quality import quality_of
from maillage.places.domain.search import search_text
from maillage.places.domain.typography import card_typography
from maillage.places.enums import RecordKind
from maillage.places.models import Place, SourceRecord

OWN_SOURCE = "maillage"  # a place's own record: changes made in Maillage (services.editing.EDIT_SOURCE)
CARD_FIELDS = [
    "pivot", "name", "commune_name", "postal_code", "insee_code", "address", "address_complement",
    "latitude", "longitude", "typologies", "phone", "emails", "websites", "opening_hours", "summary",
    "description", "source_label", "mobility", "parent_structure", "updated_on", "services", "publics",
    "specific_support", "fees", "national_programmes", "training_labels", "other_labels", "access_modes",
    "support_modes", "acceslibre_url", "booking_url",
]  # fmt: skip
DERIVED_FIELDS = [
    "commune_id",
    "search_text",
    "position_approximate",
    "provenance",
    "quality_score",
    "fresh_on",
]


def record_fields(record: SourceRecord) -> RecordFields:
    fields = dict(record.fields or {})
    if isinstance(fields.get("updated_on"), str):
        fields["updated_on"] = datetime.date.fromisoformat(fields["updated_on"])
    return RecordFields(
        key=record.key,
        source=record.source,
        fields=fields,
        source_date=record.source_date,
        position_approximate=record.position_approximate,
    )


def refresh_card(
    place: Place, records: Sequence[SourceRecord], today: datetime.date, directory: CommuneDirectory
) -> dict[str, list[Any]]:
    """Set the place's card from its records; return the card fields that changed: name → [old, new].

    Names and address are shown in typographic case, the commune as the official list writes it; the
    source's value stays in its record and in the provenance (`raw`). A value typed in Maillage (the
    place's own record) is shown as typed."""
    merged = merge_records(
        [record_fields(r) for r in records],
        source_priority=settings.MAILLAGE_SOURCE_PRIORITY,
        choices=place.field_choices,
        authoritative=OWN_SOURCE,
    )
    found = merged.fields
    # A field no record has takes the model's default (looked up only then: a new list each time).
    values: dict[str, Any] = {name: found[name] if name in found else _default(name) for name in CARD_FIELDS}
    provenance = dict(merged.provenance)
    own_keys = {record.key for record in records if record.source == OWN_SOURCE}
    typed = {name for name, origin in provenance.items() if str(origin.get("from")) in own_keys}
    insee_code = values["insee_code"] or ""
    shown = card_typography(
        values,
        typed=typed,
        communes=directory.communes_of(insee_code),
        official_commune_name=directory.names.get(insee_code, ""),
    )
    for name, value in shown.items():
        provenance[name] = {**provenance.get(name, {"from": None, "others": {}}), "raw": values[name]}
        values[name] = value
    quality = quality_of(
        values, position_approximate=merged.position_approximate, fresh_on=merged.fresh_on, today=today
    )
    values.update(
        commune_id=values["insee_code"] or None,
        search_text=place_search_text(values),
        position_approximate=merged.position_approximate,
        provenance=provenance,
        quality_score=quality.score,
        fresh_on=merged.fresh_on,
    )
    changed: dict[str, list[Any]] = {}
    for name, value in values.items():
        old = getattr(place, name)
        if old != value:
            setattr(place, name, value)
            if name in CARD_FIELDS:
                changed[name] = [jsonable(old), jsonable(value)]
            else:
                changed.setdefault("", [])  # derived fields only: saved, not shown in the history
    if changed:
        place.updated_at = timezone.now()
    return changed


def jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime.date) else value


def card_snapshot(place: Place) -> dict[str, Any]:
    """The card's fields as JSON values (what a history version keeps and a restore puts back)."""
    return {name: jsonable(getattr(place, name)) for name in CARD_FIELDS}


def place_search_text(values: dict[str, Any]) -> str:
    """Name, commune, postal code, address, parent structure and kind of structure, for text search."""
    kinds = [TYPOLOGIES.get(code, code) for code in values.get("typologies") or []]
    parts = [values["name"], values["commune_name"], values["postal_code"], values["address"]]
    return search_text([*parts, values.get("parent_structure") or "", *kinds])


def _default(name: str) -> Any:
    field_object = Place._meta.get_field(name)
    if getattr(field_object, "null", False):
        return None
    return field_object.get_default()  # type: ignore[union-attr]


def refresh_place(place: Place, *, today: datetime.date | None = None) -> dict[str, list[Any]]:
    """Recompute one place's card from its records and save it; return the card fields that changed."""
    records = list(place.source_records.filter(kind=RecordKind.PLACE).order_by("source", "source_id"))
    directory = commune_directory((r.fields or {}).get("insee_code", "") for r in records)
    changes = refresh_card(place, records, today or timezone.localdate(), directory) if records else {}
    place.save()
    return {name: diff for name, diff in changes.items() if name}
