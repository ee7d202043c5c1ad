"""A person's decisions on the census: merge or keep apart a pair, split a record off, choose a value."""

from __future__ import annotations

from django.db import transaction

from maillage.census.services.cards import refresh_place
from maillage.census.services.rebuild import CensusReport, census_rebuild, pair_key
from maillage.places.enums import Decision
from maillage.places.models import MatchDecision, MatchPair, Place, SourceRecord


def _remember(key_a: str, key_b: str, decision: str, by: str) -> None:
    first, second = pair_key(key_a, key_b)
    MatchDecision.objects.update_or_create(
        key_a=first, key_b=second, defaults={"decision": decision, "decided_by": by}
    )


@transaction.atomic
def pair_decide(
    *, pair: MatchPair, decision: Decision, by: str, choices: dict[str, str] | None = None
) -> CensusReport:
    """Merge or keep apart the two records of `pair`; the decision survives every later re-import.

    `choices` (field → record key) says which record's value the merged card shows for a field.
    """
    record_a = SourceRecord.objects.get(pk=pair.record_a_id)
    record_b = SourceRecord.objects.get(pk=pair.record_b_id)
    _remember(record_a.key, record_b.key, decision, by)
    report = census_rebuild()
    if decision == Decision.MERGE and choices:
        record_a.refresh_from_db()
        if record_a.place_id is not None:
            place_choose_fields(place=Place.objects.get(pk=record_a.place_id), choices=choices)
    return report


@transaction.atomic
def place_split(*, place: Place, record: SourceRecord, by: str) -> CensusReport:
    """Detach `record` from `place`: it is kept apart from each of the place's other records from now on."""
    if record.place_id != place.pk:
        raise ValueError(f"{record.key} ne fait pas partie de ce lieu")
    for other in place.source_records.exclude(pk=record.pk):
        _remember(record.key, other.key, Decision.KEEP_APART, by)
    return census_rebuild()


@transaction.atomic
def place_choose_fields(*, place: Place, choices: dict[str, str]) -> Place:
    """Show, for each field named, the value of the given record (which must feed this place)."""
    keys = {record.key for record in place.source_records.all()}
    unknown = sorted(set(choices.values()) - keys)
    if unknown:
        raise ValueError(f"fiches sources étrangères à ce lieu : {', '.join(unknown)}")
    place.field_choices = {**place.field_choices, **choices}
    refresh_place(place)
    return place
