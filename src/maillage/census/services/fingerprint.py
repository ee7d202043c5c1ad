"""The fingerprint of what a census rebuild reads: when it has not changed, the rebuild would write nothing.

A rebuild (rebuild.py) reads the place records (their fields, approximate position, source date and the
place each one feeds), the persons' decisions on pairs, the stored pairs, the places (status, field
choices, creation date, and their cards, which it rewrites when they differ: any write to a card moves
its `updated_at`), the official commune names, the settings of the dedup and of the merge, today's date
(freshness and quality depend on it) and the code of its rules. The fingerprint is a sha256 of all of
that, read as stored (JSON as text, not decoded): a fraction of a second at national scale, where the
rebuild itself takes many seconds. It is taken after a rebuild's writes, inside its transaction, so the
next rebuild over the same census finds the same fingerprint.
"""

from __future__ import annotations

import datetime
import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Count, Max, QuerySet, TextField
from django.db.models.functions import Cast

from maillage.places.enums import RecordKind
from maillage.places.models import MatchDecision, MatchPair, Place, SourceRecord
from maillage.territories.models import Commune

PACKAGE = Path(__file__).resolve().parents[2]  # src/maillage
# The code a rebuild's result depends on: its own services, the domain rules (dedup, merge, typography,
# quality, search text), the standard's schema (kinds of structure) and the text helpers they use.
RULES = ["census/services", "places/domain", "interop/mediation_numerique", "core"]
CHUNK = 5000
# The rows' text hashed by the server, in the order of the (sorted) query: PostgreSQL aggregates the rows
# of a sorted subquery in that order. Were it ever to take another order, the fingerprint would differ and
# the rebuild would run: a wasted rebuild, never a missed change.
PG_HASH = "encode(sha256(convert_to(coalesce(string_agg(t::text, E'\\n'), ''), 'UTF8')), 'hex')"


@cache
def rules_version() -> str:
    """A sha256 of the rules' source files (read once per process: code does not change under it)."""
    digest = hashlib.sha256()
    for folder in RULES:
        for path in sorted((PACKAGE / folder).glob("*.py")):
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _feed(digest: hashlib._Hash, label: str, rows: QuerySet[Any] | list[tuple[object, ...]]) -> None:
    """Feed the rows of `rows` as the database gives them: a query's SQL runs on a plain cursor, without
    the ORM's conversion of each value (uuids, dates, JSON), which would cost more than the hashing. On
    PostgreSQL the server hashes the rows' text (sorted) and sends only the hash."""
    digest.update(f"\n[{label}]".encode())
    if isinstance(rows, list):
        digest.update(repr(rows).encode("utf-8"))
        return
    sql, params = rows.query.sql_with_params()
    connection = connections[rows.db]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The server hashes the rows' text itself: nothing but the hash crosses the socket.
            cursor.execute(f"SELECT {PG_HASH} FROM ({sql}) AS t", params)  # noqa: S608
            digest.update(cursor.fetchone()[0].encode())
            return
        cursor.execute(sql, params)
        while batch := cursor.fetchmany(CHUNK):
            digest.update(repr(batch).encode("utf-8"))


def census_fingerprint(*, today: datetime.date) -> str:
    """The fingerprint of every input of a census rebuild made `today`."""
    digest = hashlib.sha256()
    high, low = settings.MAILLAGE_DEDUP_HIGH, settings.MAILLAGE_DEDUP_LOW
    _feed(digest, "settings", [(high, low, repr(settings.MAILLAGE_SOURCE_PRIORITY))])
    _feed(digest, "rules", [(rules_version(), today.isoformat())])
    records = (
        SourceRecord.objects.filter(kind=RecordKind.PLACE)
        .annotate(fields_text=Cast("fields", TextField()))
        .order_by("pk")
        .values_list(
            "pk", "source", "source_id", "place_id", "fields_text", "position_approximate", "source_date"
        )
    )
    _feed(digest, "records", records)
    decisions = MatchDecision.objects.order_by("key_a", "key_b").values_list("key_a", "key_b", "decision")
    _feed(digest, "decisions", decisions)
    pairs = MatchPair.objects.aggregate(count=Count("pk"), latest=Max("updated_at"), last=Max("pk"))
    _feed(digest, "pairs", [tuple(pairs.values())])
    places = (
        Place.objects.annotate(choices_text=Cast("field_choices", TextField()))
        .order_by("pk")
        .values_list("pk", "status", "created_at", "updated_at", "choices_text")
    )
    _feed(digest, "places", places)
    communes = Commune.objects.order_by("insee_code").values_list("insee_code", "name")
    _feed(digest, "communes", communes)
    return digest.hexdigest()
