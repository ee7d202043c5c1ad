"""Rebuilding the census from its source records: deduplicate, group, merge into places.

1. Scoring: candidate pairs (same commune, or close positions) are scored; the pairs worth keeping
   (above the review threshold, or decided by a person) are stored as `MatchPair`s.
2. Grouping: records linked by an automatic merge (score ≥ high threshold) or a person's "merge"
   decision form groups, never joining two records a person decided to keep apart.
3. Each group becomes one Place: the place most of its records already fed keeps its id (so ids are
   stable across re-imports), a new group gets a new place, and a place left with no record is archived.
   Its card is merged field by field (`domain.merge`), with provenance, quality and freshness.
Only places whose card changed are written, so a rebuild over an unchanged census writes nothing.
"""

from __future__ import annotations

import datetime
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from django.conf import settings
from django.db import connections, router, transaction
from django.utils import timezone

from maillage.census.services.bulk import bulk_insert, bulk_set
from maillage.census.services.cards import (
    CARD_FIELDS,
    DERIVED_FIELDS,
    OWN_SOURCE,
    card_snapshot,
    refresh_card,
)
from maillage.census.services.fingerprint import census_fingerprint
from maillage.census.services.typography import commune_directory
from maillage.core.progress import Progress
from maillage.places.domain.dedup import Candidate, candidate_pairs, classify, group, score, score_value
from maillage.places.domain.dedup_model import kept_apart_automatically
from maillage.places.enums import Decision, PairStatus, PlaceStatus, RecordKind, VersionOrigin
from maillage.places.models import (
    CensusBuild,
    MatchDecision,
    MatchPair,
    Place,
    PlaceVersion,
    SourceRecord,
)
from maillage.places.selectors import census_version_forget
from maillage.territories.models import Commune

BATCH = 1000
PAIRS_COUNT_EVERY = 1000
WRITE_EVERY = 2000  # places made or changed between two writes (_apply_groups)


@dataclass
class CensusReport:
    records: int = 0
    pairs_scored: int = 0
    auto_merged_pairs: int = 0
    review_pairs: int = 0
    groups_merged: int = 0
    places_created: int = 0
    places_updated: int = 0
    places_archived: int = 0
    refused_merges: list[tuple[str, str]] = field(default_factory=list)
    unchanged: bool = False  # nothing the rebuild reads had changed since the last one: nothing was done


def pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def _candidate(record: SourceRecord, commune_names: dict[str, str]) -> Candidate:
    f = record.fields or {}
    insee_code = f.get("insee_code", "")
    return Candidate(
        key=record.key,
        source=record.source,
        name=f.get("name", ""),
        address=f.get("address", ""),
        postal_code=f.get("postal_code", ""),
        insee_code=f.get("insee_code", ""),
        latitude=f.get("latitude"),
        longitude=f.get("longitude"),
        position_approximate=record.position_approximate,
        siret=f.get("pivot", ""),
        typologies=tuple(f.get("typologies") or ()),
        phone=f.get("phone", ""),
        emails=tuple(f.get("emails") or ()),
        commune_name=commune_names.get(insee_code, f.get("commune_name", "")),
    )


def _decisions() -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    merge: set[tuple[str, str]] = set()
    apart: set[tuple[str, str]] = set()
    for decision in MatchDecision.objects.all():
        (merge if decision.decision == Decision.MERGE else apart).add((decision.key_a, decision.key_b))
    return merge, apart


def _own_links(records: Sequence[SourceRecord]) -> list[tuple[str, str]]:
    """A place's own record (changes made in Maillage) holds only the changed fields, so no score can
    place it: it stays with the records that feed its place."""
    feeding: dict[uuid.UUID, list[str]] = {}
    for record in records:
        if record.source != OWN_SOURCE and record.place_id is not None:
            feeding.setdefault(record.place_id, []).append(record.key)
    return [
        pair_key(record.key, key)
        for record in records
        if record.source == OWN_SOURCE and record.place_id is not None
        for key in feeding.get(record.place_id, [])
    ]


def census_rebuild(*, today: datetime.date | None = None, progress: Progress | None = None) -> CensusReport:
    """Score, group and merge every place record of the census (inside one transaction).

    When nothing it reads has changed since the last rebuild (fingerprint.py), it returns at once: that
    rebuild's figures, no place written (`unchanged`)."""
    progress = progress or Progress()
    today = today or timezone.localdate()
    with transaction.atomic():
        before = census_fingerprint(today=today)
        last = CensusBuild.objects.filter(pk=1).first()
        if last is not None and last.fingerprint == before:
            progress.step("recensement : rien n'a changé depuis le dernier calcul")
            return _unchanged_report(last.report)
        report = _rebuild(today, progress)
        CensusBuild.objects.update_or_create(
            pk=1, defaults={"fingerprint": census_fingerprint(today=today), "report": asdict(report)}
        )
    return report


def _unchanged_report(stored: dict[str, Any]) -> CensusReport:
    figures = {name: stored.get(name, 0) for name in ("records", "pairs_scored", "auto_merged_pairs")}
    figures.update({name: stored.get(name, 0) for name in ("review_pairs", "groups_merged")})
    refused = [(a, b) for a, b in stored.get("refused_merges", [])]
    return CensusReport(**figures, refused_merges=refused, unchanged=True)


def _rebuild(today: datetime.date, progress: Progress) -> CensusReport:
    # The rows as they came (raw, attributes) are not needed here: not reading them saves a third of
    # the JSON decoding at national scale.
    records = list(
        SourceRecord.objects.filter(kind=RecordKind.PLACE)
        .defer("raw", "attributes")
        .order_by("source", "source_id")
    )
    report = CensusReport(records=len(records))
    by_key = {record.key: record for record in records}
    decided_merge, decided_apart = _decisions()
    high, low = settings.MAILLAGE_DEDUP_HIGH, settings.MAILLAGE_DEDUP_LOW
    pairs: dict[tuple[str, str], tuple[float, dict[str, float], list[str], str]] = {}
    codes = {(record.fields or {}).get("insee_code", "") for record in records}
    commune_names = dict(Commune.objects.filter(insee_code__in=codes).values_list("insee_code", "name"))
    scored = [record for record in records if record.source != OWN_SOURCE]
    automatic_apart: set[tuple[str, str]] = set()  # never joined through other records
    progress.step(f"recensement : {len(records)} fiches sources, recherche des doublons…")
    for a, b in candidate_pairs(_candidate(record, commune_names) for record in scored):
        value = score_value(a, b)  # the reasons are written out only for the pairs kept
        report.pairs_scored += 1
        if report.pairs_scored % PAIRS_COUNT_EVERY == 0:
            progress.count("paires évaluées", report.pairs_scored)
        verdict = classify(value, high, low)
        key = pair_key(a.key, b.key)
        if kept_apart_automatically(a, b, value, high) and key not in decided_merge:
            automatic_apart.add(key)
        if verdict != "apart" or key in decided_merge or key in decided_apart:
            result = score(a, b)
            pairs[key] = (result.value, dict(result.components), list(result.reasons), verdict)
    # A person's merges first, then automatic ones from the surest down (the order union-find applies).
    automatic = sorted(
        (key for key, (_, _, _, verdict) in pairs.items() if verdict == "merge"),
        key=lambda key: (-pairs[key][0], key),
    )
    manual = sorted(key for key in decided_merge if key[0] in by_key and key[1] in by_key)
    merges = [key for key in [*manual, *automatic, *_own_links(records)] if key not in decided_apart]
    grouping = group(merges, list(by_key), cannot_link=decided_apart | automatic_apart)
    groups = [set(members) for members in grouping.groups]
    progress.count("paires évaluées", report.pairs_scored, report.pairs_scored)
    progress.step(f"{len(groups)} lieux regroupés, écriture…")
    report.refused_merges = list(grouping.refused)
    _store_pairs(pairs, by_key, decided_merge, decided_apart, groups, report)
    _apply_groups(groups, by_key, report, today)
    if report.places_created or report.places_updated or report.places_archived:
        census_version_forget()
    if report.places_created or report.places_archived:
        _refresh_planner_statistics()
    return report


def _refresh_planner_statistics() -> None:
    """Places came or went: refresh the query planner's statistics of the table (a fraction of a second
    at national scale). Without them SQLite answers a search around a point by reading every published
    place through the status index, instead of the few in the box through the position index."""
    connection = connections[router.db_for_write(Place)]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(Place._meta.db_table)}")


def _store_pairs(
    pairs: dict[tuple[str, str], tuple[float, dict[str, float], list[str], str]],
    by_key: dict[str, SourceRecord],
    decided_merge: set[tuple[str, str]],
    decided_apart: set[tuple[str, str]],
    groups: Sequence[set[str]],
    report: CensusReport,
) -> None:
    group_of = {key: index for index, members in enumerate(groups) for key in members}
    wanted: dict[tuple[int, int], MatchPair] = {}
    for (key_a, key_b), (value, components, reasons, verdict) in pairs.items():
        if (key_a, key_b) in decided_apart:
            status = PairStatus.KEPT_APART
        elif (key_a, key_b) in decided_merge:
            status = PairStatus.MERGED
        elif group_of[key_a] == group_of[key_b]:
            status = PairStatus.AUTO_MERGED if verdict == "merge" else PairStatus.MERGED
        elif verdict == "merge":
            status = PairStatus.KEPT_APART  # an automatic merge refused by a keep-apart decision
        else:
            status = PairStatus.REVIEW
        report.auto_merged_pairs += status == PairStatus.AUTO_MERGED
        report.review_pairs += status == PairStatus.REVIEW
        a, b = sorted((by_key[key_a].pk, by_key[key_b].pk))
        wanted[(a, b)] = MatchPair(
            record_a_id=a,
            record_b_id=b,
            score=round(value, 4),
            components=components,
            reasons=reasons,
            status=status,
        )
    existing = {(p.record_a_id, p.record_b_id): p for p in MatchPair.objects.all()}
    stale = [p.pk for key, p in existing.items() if key not in wanted]
    MatchPair.objects.filter(pk__in=stale).delete()
    changed = [
        pair
        for key, pair in wanted.items()
        if key not in existing
        or (existing[key].status, existing[key].score, existing[key].reasons)
        != (pair.status, pair.score, pair.reasons)
    ]
    MatchPair.objects.bulk_create(
        changed,
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["record_a", "record_b"],
        update_fields=["score", "components", "reasons", "status", "updated_at"],
    )


def _apply_groups(
    groups: Sequence[set[str]], by_key: dict[str, SourceRecord], report: CensusReport, today: datetime.date
) -> None:
    places = {place.pk: place for place in Place.objects.all()}
    directory = commune_directory({(r.fields or {}).get("insee_code", "") for r in by_key.values()})
    claimed: set[uuid.UUID] = set()
    to_create: list[Place] = []
    to_update: list[Place] = []
    moved: list[SourceRecord] = []
    versions: list[PlaceVersion] = []
    # Larger groups choose first: when a record is split off, the place stays with the records that remain.
    for members in sorted(groups, key=lambda keys: (-len(keys), min(keys))):
        records = sorted((by_key[key] for key in members), key=lambda r: r.key)
        report.groups_merged += len(records) > 1
        votes = Counter(r.place_id for r in records if r.place_id in places and r.place_id not in claimed)
        place_id = min(votes, key=lambda pk: (-votes[pk], places[pk].created_at, str(pk))) if votes else None
        place = places.get(place_id) if place_id is not None else None
        is_new = place is None
        if place is None:
            place = Place(pk=uuid.uuid4(), status=PlaceStatus.PUBLISHED)
        revived = (
            place.status == PlaceStatus.ARCHIVED
        )  # a source feeds it again (a closed place stays closed)
        if revived:
            place.status = PlaceStatus.PUBLISHED
        claimed.add(place.pk)
        changes = refresh_card(place, records, today, directory)
        if changes or is_new or revived:
            (to_create if is_new else to_update).append(place)
            shown = {name: diff for name, diff in changes.items() if name}
            if shown:
                origin = VersionOrigin.MERGE if len(records) > 1 else VersionOrigin.IMPORT
                label = "sources : " + ", ".join(sorted({r.source for r in records}))
                versions.append(
                    PlaceVersion(
                        place=place,
                        origin=origin,
                        author_label=label,
                        changes=shown,
                        snapshot=card_snapshot(place),
                    )
                )
        for record in records:
            if record.place_id != place.pk:
                record.place_id = place.pk
                moved.append(record)
        if len(to_create) + len(to_update) >= WRITE_EVERY:
            _write(to_create, to_update, moved, versions, report)
    _write(to_create, to_update, moved, versions, report)
    orphans = [pk for pk, place in places.items() if pk not in claimed and _fed_by_census(place)]
    report.places_archived = (
        Place.objects.filter(pk__in=orphans)
        .exclude(status__in=[PlaceStatus.ARCHIVED, PlaceStatus.CLOSED])
        .update(status=PlaceStatus.ARCHIVED, updated_at=timezone.now())
    )


def _write(
    to_create: list[Place],
    to_update: list[Place],
    moved: list[SourceRecord],
    versions: list[PlaceVersion],
    report: CensusReport,
) -> None:
    """Write the places made or changed so far, then empty the lists: a national census is written in
    parts, so that its thousands of new cards and history versions are not all held in memory at once."""
    report.places_created += len(to_create)
    report.places_updated += len(to_update)
    bulk_insert(to_create)
    bulk_set(to_update, [*CARD_FIELDS, *DERIVED_FIELDS, "status", "updated_at"])
    bulk_set(moved, ["place"])
    bulk_insert(versions)
    for written in (to_create, to_update, moved, versions):
        written.clear()


def _fed_by_census(place: Place) -> bool:
    """Places that once came from sources (they have provenance) follow the census; others are left alone."""
    return bool(place.provenance)
