"""A census rebuild over an unchanged census returns at once and writes nothing; any change it reads rebuilds.

Each case is checked against the rebuild without the shortcut (the stored fingerprint forgotten): after the
rebuild under test, a full rebuild finds nothing left to write, so skipping never lost a change.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone

from maillage.census.formats import FORMAT_READERS
from maillage.census.services import census_rebuild, source_import
from maillage.census.services import fingerprint as census_fingerprint_module
from maillage.census.services.rebuild import CensusReport
from maillage.census.services.review import pair_decide, place_choose_fields
from maillage.contributions.services.editing import place_apply_changes
from maillage.home.demo import DEMO_SOURCES
from maillage.places.enums import Decision, PairStatus, PlaceStatus, RecordKind, VersionOrigin
from maillage.places.models import CensusBuild, MatchPair, Place, SourceRecord
from maillage.territories.models import Commune

pytestmark = pytest.mark.django_db
WRITES = ("INSERT", "UPDATE", "DELETE")


def _record(key: str) -> SourceRecord:
    source, source_id = key.split(":", 1)
    return SourceRecord.objects.get(source=source, source_id=source_id)


def _census() -> tuple[object, ...]:
    """What the census is: every place's card and status, its records, every pair."""
    places = sorted(
        (str(pk), status, name, phone, quality)
        for pk, status, name, phone, quality in Place.objects.values_list(
            "pk", "status", "name", "phone", "quality_score"
        )
    )
    records = sorted(
        (r.key, str(r.place_id)) for r in SourceRecord.objects.filter(kind=RecordKind.PLACE).defer("raw")
    )
    pairs = sorted(MatchPair.objects.values_list("record_a_id", "record_b_id", "status", "score"))
    return places, records, pairs


def _full_rebuild() -> CensusReport:
    """The rebuild without the shortcut."""
    CensusBuild.objects.all().delete()
    return census_rebuild()


def _assert_nothing_left_to_rebuild() -> None:
    before = _census()
    report = _full_rebuild()
    assert not report.unchanged
    assert (report.places_created, report.places_updated, report.places_archived) == (0, 0, 0)
    assert _census() == before


def test_an_unchanged_census_is_not_rebuilt_and_nothing_is_written(demo_census: list[str]) -> None:
    full = _full_rebuild()  # the demo's own rebuild stored its fingerprint too; start from a known one
    before = _census()
    with CaptureQueriesContext(connection) as queries:
        report = census_rebuild()
    assert report.unchanged
    writes = [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)]
    assert writes == []
    assert (report.places_created, report.places_updated, report.places_archived) == (0, 0, 0)
    # The figures are the last rebuild's.
    assert (report.records, report.pairs_scored, report.auto_merged_pairs, report.review_pairs) == (
        full.records,
        full.pairs_scored,
        full.auto_merged_pairs,
        full.review_pairs,
    )
    assert report.pairs_scored > 0
    assert report.groups_merged == full.groups_merged
    assert _census() == before
    _assert_nothing_left_to_rebuild()


def test_reimporting_an_unchanged_file_does_not_rebuild(demo_census: list[str]) -> None:
    source, path = next((source, path) for source, path in DEMO_SOURCES if source == "hinaura")
    report = source_import(path=path, source=source, reader=FORMAT_READERS[source])
    assert report.unchanged > 0
    assert report.created == report.updated == 0
    assert report.census is not None
    assert report.census.unchanged


def _edit_record() -> CensusReport | None:
    record = _record("hinaura:169")
    record.fields = {**(record.fields or {}), "name": "Espace France Services de Noirétable"}
    record.save()


def _decide() -> CensusReport:
    """The decision's own rebuild is the one under test."""
    pair = MatchPair.objects.filter(status=PairStatus.REVIEW).order_by("-score", "pk").first()
    assert pair is not None
    return pair_decide(pair=pair, decision=Decision.MERGE, by="animatrice")


def _correct() -> CensusReport | None:
    place = Place.objects.get(source_records__source="hinaura", source_records__source_id="169")
    place_apply_changes(place=place, changes={"phone": "0477000000"}, author=None, origin=VersionOrigin.EDIT)


def _choose() -> CensusReport | None:
    place = Place.objects.get(source_records__source="hinaura", source_records__source_id="169")
    place_choose_fields(place=place, choices={"opening_hours": "france-services:581"})


def _close() -> CensusReport | None:
    place = Place.objects.get(source_records__source="hinaura", source_records__source_id="169")
    place.status = PlaceStatus.CLOSED
    place.save(update_fields=["status", "updated_at"])


def _archive_quietly() -> CensusReport | None:
    """Archived behind the census's back (a query, no save): the census revives it, its source feeds it."""
    Place.objects.filter(source_records__source="hinaura", source_records__source_id="169").update(
        status=PlaceStatus.ARCHIVED, updated_at=timezone.now()
    )


def _drop_record() -> CensusReport | None:
    record = _record("hinaura:169")
    SourceRecord.objects.filter(pk=record.pk).update(kind=RecordKind.REJECTED, rejected_reason="test")


def _rename_commune() -> CensusReport | None:
    insee_code = (_record("hinaura:169").fields or {})["insee_code"]
    assert Commune.objects.filter(insee_code=insee_code).update(name="Noirétable-en-Forez") == 1


def _delete_pairs() -> CensusReport | None:
    MatchPair.objects.filter(status=PairStatus.REVIEW).delete()


CHANGES: dict[str, Callable[[], CensusReport | None]] = {
    "a source record's fields": _edit_record,
    "a person's merge decision": _decide,
    "an editor's correction": _correct,
    "a person's choice of value": _choose,
    "a moderator closing a place": _close,
    "a place archived by a query": _archive_quietly,
    "a record no longer a place": _drop_record,
    "an official commune name": _rename_commune,
    "stored pairs deleted": _delete_pairs,
}


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_a_real_change_rebuilds(demo_census: list[str], change: str) -> None:
    _full_rebuild()
    assert census_rebuild().unchanged
    report = CHANGES[change]() or census_rebuild()
    assert not report.unchanged
    _assert_nothing_left_to_rebuild()
    assert census_rebuild().unchanged  # and once rebuilt, it is unchanged again


def test_a_real_change_shows_in_the_census(demo_census: list[str]) -> None:
    _full_rebuild()
    place = Place.objects.get(source_records__source="hinaura", source_records__source_id="169")
    _edit_record()
    census_rebuild()
    shown = place.name
    place.refresh_from_db()
    assert place.name != shown
    assert place.name.startswith("Espace France")
    _archive_quietly()
    census_rebuild()
    place.refresh_from_db()
    assert place.status == PlaceStatus.PUBLISHED  # revived: a source feeds it
    _close()
    census_rebuild()
    place.refresh_from_db()
    assert place.status == PlaceStatus.CLOSED  # a person closed it: it stays closed


def test_other_settings_another_day_or_other_rules_rebuild(
    demo_census: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _full_rebuild()
    assert census_rebuild().unchanged
    with override_settings(MAILLAGE_DEDUP_HIGH=0.95):
        assert not census_rebuild().unchanged
        assert census_rebuild().unchanged
    assert not census_rebuild().unchanged  # back to the settings of the census before
    later = timezone.localdate() + datetime.timedelta(days=400)
    assert not census_rebuild(today=later).unchanged  # freshness and quality depend on the day
    _assert_nothing_left_to_rebuild()
    assert census_rebuild().unchanged
    monkeypatch.setattr(census_fingerprint_module, "rules_version", lambda: "other rules")
    assert not census_rebuild().unchanged
