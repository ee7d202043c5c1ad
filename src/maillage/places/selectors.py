"""Reads of the census of places."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver
from django.http import Http404

from maillage.places.enums import PairStatus, PlaceStatus, RecordKind, TraceStatus
from maillage.places.models import MatchPair, Place, SourceRecord
from maillage.territories.selectors import communes_in_territory


def places_published() -> QuerySet[Place]:
    return Place.objects.filter(status=PlaceStatus.PUBLISHED)


def place_get_public(*, place_id: uuid.UUID) -> Place:
    """A published place, or 404 (drafts and archived places are not public)."""
    place = places_published().select_related("commune", "commune__epci").filter(pk=place_id).first()
    if place is None:
        raise Http404("Lieu introuvable")
    return place


@dataclass(frozen=True)
class CensusVersion:
    """What changes whenever the published census may have changed: its size and its newest change."""

    count: int
    updated_at: datetime.datetime | None

    @property
    def tag(self) -> str:
        stamp = self.updated_at.isoformat() if self.updated_at else "-"
        return f"{self.count}@{stamp}"


CENSUS_VERSION_KEY = "places:census-version"
# Other processes (gunicorn workers, an import run from the command line) cannot clear this process's
# cache: a change they make shows in this process's ETags within this many seconds.
CENSUS_VERSION_SECONDS = 5


def census_version() -> CensusVersion:
    """Cached: the two aggregates scan the whole places table (tens of ms at national scale), and every
    API request and map layer asks for them to compute its ETag. Inside a transaction it is read from
    the database: the transaction may have changed the census (and a rolled-back one must leave no
    trace in the cache)."""
    if transaction.get_connection().in_atomic_block:
        return _census_version_read()
    version: CensusVersion | None = cache.get(CENSUS_VERSION_KEY)
    if version is None:
        version = _census_version_read()
        cache.set(CENSUS_VERSION_KEY, version, CENSUS_VERSION_SECONDS)
    return version


def _census_version_read() -> CensusVersion:
    latest = Place.objects.aggregate(latest=Max("updated_at"))["latest"]
    return CensusVersion(count=places_published().count(), updated_at=latest)


# Sent (no arguments) whenever `census_version_forget` runs: the search index listens (search_index.py).
census_changed = Signal()


def census_version_forget() -> None:
    """The census changed: forget its version now, and again at commit (a request running meanwhile may
    have cached the version the transaction is replacing)."""
    cache.delete(CENSUS_VERSION_KEY)
    transaction.on_commit(lambda: cache.delete(CENSUS_VERSION_KEY))
    census_changed.send(sender=CensusVersion)


@receiver([post_save, post_delete], sender=Place, dispatch_uid="places-census-version")
def _place_written(**kwargs: object) -> None:
    census_version_forget()


@dataclass(frozen=True)
class CensusSummary:
    places: int
    communes_with_places: int
    territory_communes: int
    epcis_with_places: int
    with_hours: int


def places_census_summary() -> CensusSummary:
    published = places_published()
    return CensusSummary(
        places=published.count(),
        communes_with_places=published.exclude(commune=None).values("commune").distinct().count(),
        territory_communes=communes_in_territory().count(),
        epcis_with_places=published.exclude(commune__epci=None).values("commune__epci").distinct().count(),
        with_hours=published.exclude(opening_hours="").count(),
    )


def places_recently_updated(*, limit: int) -> list[Place]:
    return list(places_published().order_by("-updated_on", "name")[:limit])


@dataclass(frozen=True)
class RecordTrace:
    source: str
    source_id: str
    place_id: str
    status: str
    reason: str
    # The record's own name, street and commune as its source wrote them (the card shows them in
    # typographic case: the source's spelling is kept here).
    name: str = ""
    address: str = ""
    commune_name: str = ""


def source_records_traced() -> Iterator[RecordTrace]:
    """What became of every source record, for the traceability export (source, then id order)."""
    in_review: set[int] = set()
    kept_apart: set[int] = set()
    for a, b, status in MatchPair.objects.filter(
        status__in=[PairStatus.REVIEW, PairStatus.KEPT_APART]
    ).values_list("record_a_id", "record_b_id", "status"):
        (in_review if status == PairStatus.REVIEW else kept_apart).update((a, b))
    rows = SourceRecord.objects.order_by("source", "source_id").values_list(
        "pk", "source", "source_id", "place_id", "kind", "rejected_reason", "fields"
    )
    for pk, source, source_id, place_id, kind, reason, fields in rows.iterator(chunk_size=2000):
        if kind == RecordKind.REJECTED:
            status = TraceStatus.REJECTED
        elif kind == RecordKind.PROSPECT:
            status = TraceStatus.PROSPECT
        elif kind == RecordKind.PENDING:
            status = TraceStatus.PENDING
        elif pk in in_review:
            status = TraceStatus.REVIEW
        elif pk in kept_apart:
            status = TraceStatus.KEPT_APART
        else:
            status = TraceStatus.MERGED
        fields = fields or {}
        yield RecordTrace(
            source,
            source_id,
            str(place_id) if place_id else "",
            str(status),
            reason,
            name=str(fields.get("name") or ""),
            address=str(fields.get("address") or ""),
            commune_name=str(fields.get("commune_name") or ""),
        )


def pairs_to_review() -> QuerySet[MatchPair]:
    """Pairs waiting for a person, most likely duplicates first."""
    return (
        MatchPair.objects.filter(status=PairStatus.REVIEW)
        .select_related("record_a", "record_b")
        .order_by("-score", "pk")
    )


QUALITY_ORDERS = {
    "qualite": ["quality_score", "name"],
    "-qualite": ["-quality_score", "name"],
    "fraicheur": ["fresh_on", "name"],
    "nom": ["name"],
}


def places_by_quality(*, order: str) -> QuerySet[Place]:
    """The census for the animator, weakest cards first by default (archived ones left out)."""
    return (
        Place.objects.exclude(status=PlaceStatus.ARCHIVED)
        .order_by(*QUALITY_ORDERS.get(order, QUALITY_ORDERS["qualite"]))
        .only("id", "name", "commune_name", "quality_score", "fresh_on", "status", "position_approximate")
    )
