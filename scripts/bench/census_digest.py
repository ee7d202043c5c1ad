"""A digest of what the census pipeline wrote: the proof that a faster pipeline gives the same census.

Place ids are random UUIDs, record ids follow the insertion order: nothing here names either. A place is
named by its group (the sorted keys `source:source_id` of the records that feed it), a pair by its two
record keys. Four parts, each a sha256 over lines written in a stable order (sorted keys, JSON with
sorted keys), so a mismatch says which part moved:

- records: every source record's key, kind, mapped fields, reason, approximate position, source date,
  fingerprint, raw row and attributes (what the import wrote);
- places: every place's status, card fields, derived fields (commune, search text, approximate position,
  provenance, quality, freshness) and its group;
- groups: the groups alone (which records merged into which place);
- pairs: every MatchPair's two record keys, status, score rounded to 4 decimals, components (rounded to 4)
  and reasons.

`python scripts/bench/census_digest.py` prints the digest of the database in DATABASE_URL.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

STORED = Path(__file__).with_name("census_digest.json")
PLACE_EXTRA = ["status", "commune_id", "search_text", "position_approximate", "provenance"]
PLACE_EXTRA += ["quality_score", "fresh_on"]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float):
        return round(value, 7)  # what the database gives back for a coordinate
    return value


def _line(value: Any) -> bytes:
    return (json.dumps(value, sort_keys=True, ensure_ascii=False, default=str) + "\n").encode("utf-8")


def census_digest() -> dict[str, Any]:
    """The digest (sha256 per part, and the counts) of the census in the default database."""
    from maillage.census.services.cards import CARD_FIELDS
    from maillage.places.models import MatchPair, Place, SourceRecord

    counts: dict[str, int] = {}
    records = hashlib.sha256()
    keys: dict[int, str] = {}
    members: dict[Any, list[str]] = defaultdict(list)
    columns = ["source", "source_id", "kind", "fields", "rejected_reason", "position_approximate"]
    columns += ["source_date", "fingerprint", "raw", "attributes", "place_id", "pk"]
    rows = SourceRecord.objects.order_by("source", "source_id").values_list(*columns)
    for row in rows.iterator(chunk_size=2000):
        *content, place_id, pk = row
        key = f"{row[0]}:{row[1]}"
        keys[pk] = key
        if place_id is not None:
            members[place_id].append(key)
        records.update(_line([_plain(value) for value in content]))
        counts[f"records_{row[2]}"] = counts.get(f"records_{row[2]}", 0) + 1
    place_lines: list[bytes] = []
    group_lines: list[bytes] = []
    fields = [*CARD_FIELDS, *PLACE_EXTRA]
    for values in Place.objects.values("pk", *fields).iterator(chunk_size=2000):
        group = sorted(members.get(values["pk"], []))
        card = {name: _plain(values[name]) for name in fields}
        # A place fed by no record (none after a fresh import) is named by its card.
        place_lines.append(_line([group, card]))
        group_lines.append(_line(group))
        counts[f"places_{values['status']}"] = counts.get(f"places_{values['status']}", 0) + 1
    pair_lines = []
    pair_columns = ["record_a_id", "record_b_id", "status", "score", "components", "reasons"]
    for a, b, status, value, components, reasons in MatchPair.objects.values_list(*pair_columns).iterator(
        chunk_size=5000
    ):
        rounded = {name: round(number, 4) for name, number in (components or {}).items()}
        pair_lines.append(_line([sorted((keys[a], keys[b])), status, round(value, 4), rounded, reasons]))
        counts[f"pairs_{status}"] = counts.get(f"pairs_{status}", 0) + 1
    parts = {"records": records.hexdigest()}
    for name, lines in (("places", place_lines), ("groups", group_lines), ("pairs", pair_lines)):
        digest = hashlib.sha256()
        for line in sorted(lines):
            digest.update(line)
        parts[name] = digest.hexdigest()
    whole = hashlib.sha256(_line(parts)).hexdigest()
    return {"digest": whole, "parts": parts, "counts": dict(sorted(counts.items()))}


def stored_digest() -> dict[str, Any] | None:
    if not STORED.exists():
        return None
    return json.loads(STORED.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def compare(current: dict[str, Any]) -> dict[str, Any]:
    """`digest_identical` and, when not, the parts and counts that differ from the stored digest."""
    stored = stored_digest()
    if stored is None:
        return {"digest_identical": None, "digest": current["digest"]}
    same = stored["digest"] == current["digest"]
    result: dict[str, Any] = {"digest_identical": same}
    if not same:
        result["digest_parts_differing"] = [
            name for name, value in current["parts"].items() if stored["parts"].get(name) != value
        ]
        result["digest_counts_differing"] = {
            name: [stored["counts"].get(name), value]
            for name, value in current["counts"].items()
            if stored["counts"].get(name) != value
        }
    return result


if __name__ == "__main__":
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.base")
    import django

    django.setup()
    print(json.dumps(census_digest(), indent=2))
