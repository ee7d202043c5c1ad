"""The published census held in memory by each process, for `places_search` (see domain/search_index.py).

Built from the database on the first search, and again whenever the census changed. The census's version
(published count and newest change of any place: one aggregate query, but a scan of the places table,
~20 ms nationally) is not read on every search:
- a write made in this process (a save or delete of a place, a rebuild: `census_version_forget`) drops
  the index at once, and at commit touches a stamp file beside the database (VAR_DIR), so that every
  other process (gunicorn workers, a command) sees the change on its next search: a search reads the
  stamp's modification time (one `stat`), and rebuilds when it moved;
- the version itself is read inside a transaction (it may have changed the census), and at least every
  `MAILLAGE_SEARCH_INDEX_CHECK_SECONDS` (5 s by default): a write that sent no signal (`QuerySet.update`,
  another machine, a restored backup) is seen within that time.
The receivers are connected by the app (apps.py) in every process, those that never search too.
The places it returns are shared by every search of the process until the next build: read them, never
change them.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import os
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Max, Q
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from maillage.places.domain.search import FACET_PARAMETERS
from maillage.places.domain.search_index import CensusColumns, IndexRow
from maillage.places.enums import PlaceStatus
from maillage.places.models import Place
from maillage.places.selectors import census_changed, places_published

HEAVY_FIELDS = ("provenance", "field_choices", "search_text")


@dataclass
class SearchIndex:
    version: tuple[object, ...]
    stamp: tuple[int, int]
    columns: CensusColumns
    places: list[Place]  # in the columns' order
    checked_at: float = field(default=0.0)


logger = logging.getLogger(__name__)
_lock = threading.Lock()
_current: SearchIndex | None = None


def census_index_version() -> tuple[object, ...]:
    """What changes whenever the published census may have: the database, how many places are
    published and the newest change of any place (one aggregate query)."""
    row = Place.objects.aggregate(
        published=Count("pk", filter=Q(status=PlaceStatus.PUBLISHED)), latest=Max("updated_at")
    )
    return (connection.alias, connection.settings_dict.get("NAME"), row["published"], row["latest"])


_stamp_paths: dict[str, Path] = {}


def _stamp_path() -> Path:
    """The stamp file of the database this process reads (beside it, in VAR_DIR)."""
    name = f"{connection.vendor}:{connection.settings_dict.get('NAME')}"
    path = _stamp_paths.get(name)
    if path is None:
        digest = hashlib.sha256(name.encode()).hexdigest()[:16]
        path = _stamp_paths[name] = Path(settings.VAR_DIR) / f"search-index-{digest}.stamp"
    return path


def _stamp() -> tuple[int, int]:
    """The stamp file's identity: inode and modification time (each touch makes a new file, so that two
    touches within one tick of the file system's clock still differ)."""
    try:
        found = os.stat(_stamp_path())
    except FileNotFoundError:
        return (0, 0)
    return (found.st_ino, found.st_mtime_ns)


def _touch() -> None:
    path = _stamp_path()
    fresh = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}")
    try:
        fresh.write_text(f"{time.time_ns()}\n", encoding="utf-8")
        os.replace(fresh, path)
    except OSError as error:  # the write is committed: the other processes see it at their next check
        logger.warning("search index stamp %s not written: %s", path, error)


def search_index() -> SearchIndex:
    """The index of the census as the database has it now (rebuilt when its version changed)."""
    global _current
    index, now, stamp = _current, time.monotonic(), _stamp()
    in_transaction = transaction.get_connection().in_atomic_block
    if (
        index is not None
        and not in_transaction
        and stamp == index.stamp
        and now - index.checked_at < settings.MAILLAGE_SEARCH_INDEX_CHECK_SECONDS
    ):
        return index
    version = census_index_version()
    if index is not None and index.version == version:
        index.stamp, index.checked_at = stamp, now
        return index
    with _lock:
        index = _current
        if index is None or index.version != version:
            index = _build(version, stamp)
            _current = index
        index.checked_at = now
    return index


def search_index_forget(*, places: bool = False) -> None:
    """Drop this process's index: the next search builds it again (reading again in full only the
    places whose updated_at moved; every place with `places`)."""
    global _current
    _current = None
    if places:
        _known.clear()


def _changed() -> None:
    search_index_forget()

    def committed() -> None:
        search_index_forget()
        _touch()

    transaction.on_commit(committed)


@receiver([post_save, post_delete], sender=Place, dispatch_uid="places-search-index")
def _place_written(**kwargs: object) -> None:
    _changed()


@receiver(census_changed, dispatch_uid="places-search-index-census")
def _census_changed(**kwargs: object) -> None:
    _changed()


_Known = tuple[datetime.datetime, Place, IndexRow]
_known: dict[uuid.UUID, _Known] = {}  # the last build's places, by id: read again when updated_at moved
CHUNK = 500


def _build(version: tuple[object, ...], stamp: tuple[int, int]) -> SearchIndex:
    """Read the census again: the ids and dates of every published place in the database's (name, id)
    order, then in full only the places new or changed since the last build (a place's updated_at moves
    with each write of it; a national rebuild after one publish reads one place, not ten thousand)."""
    published = places_published()
    order = list(published.order_by("name", "id").values_list("id", "updated_at"))
    stale = [pk for pk, updated_at in order if pk not in _known or _known[pk][0] != updated_at]
    fresh: dict[uuid.UUID, _Known] = {}
    for start in range(0, len(stale), CHUNK):
        chunk = published.filter(pk__in=stale[start : start + CHUNK])
        texts: dict[uuid.UUID, str] = dict(chunk.values_list("id", "search_text"))
        empty_publics = set(chunk.filter(publics=[]).values_list("id", flat=True))
        places = chunk.select_related("commune__epci").defer(
            *HEAVY_FIELDS, "commune__outline", "commune__epci__outline"
        )
        for place in places:
            fresh[place.pk] = (
                place.updated_at,
                place,
                _row(place, texts.get(place.pk, ""), place.pk in empty_publics),
            )
    known = {pk: fresh.get(pk) or _known[pk] for pk, _ in order if pk in fresh or pk in _known}
    _known.clear()
    _known.update(known)
    kept = [known[pk] for pk, _ in order if pk in known]  # a place withdrawn meanwhile is left out
    return SearchIndex(
        version, stamp, CensusColumns([row for _, _, row in kept]), [place for _, place, _ in kept]
    )


def _row(place: Place, search_text: str, publics_empty: bool) -> IndexRow:
    return IndexRow(
        id_hex=place.pk.hex,
        name=place.name,
        latitude=place.latitude,
        longitude=place.longitude,
        lists={name: getattr(place, name) or [] for name in FACET_PARAMETERS},
        publics_empty=publics_empty,
        insee_code=place.insee_code,
        epci=place.commune.epci_id if place.commune is not None else None,
        search_text=search_text,
        opening_hours=place.opening_hours,
    )
