"""Writes of the orientation flow: the anonymous count of completed orientations."""

from __future__ import annotations

from collections.abc import MutableMapping
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import F

from maillage.orientation.models import OrientationCount

SESSION_KEY = "orientation_counted"
SESSION_MEMORY = 100  # query fingerprints a session remembers


def orientation_count(*, need_slug: str, insee_code: str | None, day: date) -> None:
    """Add one orientation to the day's count for this need and commune (atomic, safe under concurrency)."""
    with transaction.atomic():
        row, _ = OrientationCount.objects.get_or_create(
            need=need_slug, insee_code=insee_code or None, date=day, defaults={"count": 0}
        )
        OrientationCount.objects.filter(pk=row.pk).update(count=F("count") + 1)


def orientation_count_once(
    *,
    session: MutableMapping[str, Any],
    query_key: str,
    need_slug: str,
    insee_code: str | None,
    day: date,
) -> bool:
    """Count an orientation unless this session already counted the same query (`query_key`) today.

    The session keeps only short fingerprints of the queries it counted; True when counted now.
    """
    seen: list[str] = list(session.get(SESSION_KEY, []))
    if query_key in seen:
        return False
    orientation_count(need_slug=need_slug, insee_code=insee_code, day=day)
    session[SESSION_KEY] = [*seen, query_key][-SESSION_MEMORY:]
    return True
