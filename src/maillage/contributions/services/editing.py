"""The one way a place's card changes inside Maillage: an editor's edit, an approved contribution, a
moderator's edit, a restore, a freshness check.

Changes made in Maillage must survive the next import of the national sources. So they are not written
onto the card directly: they become the values of the place's own source record, source `maillage`,
first in `MAILLAGE_SOURCE_PRIORITY`; the card is then merged again from its records, exactly as the
census does, and a `PlaceVersion` keeps who changed which field, when, and the card after the change.
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from maillage.census.services.cards import CARD_FIELDS, card_snapshot, jsonable, refresh_place
from maillage.places.domain.merge import ADDRESS_FIELDS, COORDINATES
from maillage.places.enums import PlaceStatus, RecordKind, VersionOrigin
from maillage.places.models import Place, PlaceVersion, SourceRecord

EDIT_SOURCE = "maillage"


def _own_record(place: Place) -> SourceRecord:
    record, _ = SourceRecord.objects.get_or_create(
        source=EDIT_SOURCE,
        source_id=str(place.pk),
        defaults={
            "place": place,
            "kind": RecordKind.PLACE,
            "raw": {},
            "fields": {},
            "fingerprint": "",
            "last_seen": timezone.now(),
        },
    )
    return record


def _with_companions(place: Place, changes: dict[str, Any]) -> dict[str, Any]:
    """Address fields and coordinates travel together: changing one carries the others' current values."""
    completed = dict(changes)
    for group in (ADDRESS_FIELDS, COORDINATES):
        if any(name in changes for name in group):
            for name in group:
                completed.setdefault(name, getattr(place, name))
    return completed


@transaction.atomic
def place_apply_changes(
    *,
    place: Place,
    changes: dict[str, Any],
    author: User | None,
    origin: VersionOrigin,
    author_label: str = "",
    comment: str = "",
    today: datetime.date | None = None,
) -> PlaceVersion | None:
    """Apply card changes (our field names → values) made in Maillage; return the history version, or None
    when nothing changed. Callers validate the values (forms, the standard's `Lieu` model)."""
    unknown = sorted(set(changes) - set(CARD_FIELDS))
    if unknown:
        raise ValueError(f"champs inconnus : {', '.join(unknown)}")
    today = today or timezone.localdate()
    place = Place.objects.select_for_update().get(pk=place.pk)
    record = _own_record(place)
    stored = dict(record.fields or {})
    stored.update({name: jsonable(value) for name, value in _with_companions(place, changes).items()})
    stored["updated_on"] = today.isoformat()  # date_maj: the card was updated today
    record.fields = stored
    record.raw = stored
    record.source_date = today
    record.last_seen = timezone.now()
    record.place = place
    record.save()
    diff = refresh_place(place, today=today)
    if not diff:
        return None
    label = author_label or (author.get_username() if author is not None else "")
    return PlaceVersion.objects.create(
        place=place,
        author=author,
        author_label=label,
        origin=origin,
        changes=diff,
        snapshot=card_snapshot(place),
        comment=comment,
    )


@transaction.atomic
def place_create(
    *, fields: dict[str, Any], author: User | None, origin: VersionOrigin, author_label: str = ""
) -> Place:
    """A new place made in Maillage (an approved proposal, an animator's entry), with its own record."""
    today = timezone.localdate()
    values = {name: fields[name] for name in CARD_FIELDS if name in fields}
    values.setdefault("updated_on", today)
    place = Place(
        pk=uuid.uuid4(), status=PlaceStatus.PUBLISHED, commune_id=values.get("insee_code") or None, **values
    )
    place.save(force_insert=True)
    record = _own_record(place)
    record.fields = {name: jsonable(value) for name, value in values.items()}
    record.raw = record.fields
    record.source_date = today
    record.save()
    refresh_place(place, today=today)
    PlaceVersion.objects.create(
        place=place,
        author=author,
        author_label=author_label or (author.get_username() if author is not None else ""),
        origin=origin,
        changes={
            name: [None, jsonable(getattr(place, name))] for name in CARD_FIELDS if getattr(place, name)
        },
        snapshot=card_snapshot(place),
    )
    return place


def place_restore(*, version: PlaceVersion, author: User | None) -> PlaceVersion | None:
    """Put back the card as it was after `version` (itself logged as a new version)."""
    current = card_snapshot(version.place)
    changes = {
        name: value
        for name, value in version.snapshot.items()
        if name in CARD_FIELDS and name != "updated_on" and value != current.get(name)
    }
    return place_apply_changes(
        place=version.place,
        changes=changes,
        author=author,
        origin=VersionOrigin.RESTORE,
        comment=f"restauration de la version du {timezone.localtime(version.created_at):%d/%m/%Y %H:%M}",
    )
