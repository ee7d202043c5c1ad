"""The published census as a data re-user would serve it with Datasette: a SQLite file and its canned query.

Used by module_peer_datasette.py. `export` writes the published places of the Django database (SQLite or
PostgreSQL) to a SQLite file with the columns a re-user needs and the indexes a competent Datasette user
would add; `metadata` holds the canned query "the nearest places offering this service around a point".
Contacts reserved to professionals are left out, as in every published file.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from maillage.places.selectors import places_published

DATABASE = "lieux"  # Datasette names a database after its file: lieux.db
TABLE = "lieux"
QUERY = "proches"  # /lieux/proches.json?lat=..&lon=..&km=..&service=..

COLUMNS = (  # (column in the file, field of Place, SQLite type)
    ("id", "id", "TEXT PRIMARY KEY"),
    ("nom", "name", "TEXT NOT NULL"),
    ("commune", "commune_name", "TEXT"),
    ("code_postal", "postal_code", "TEXT"),
    ("code_insee", "insee_code", "TEXT"),
    ("adresse", "address", "TEXT"),
    ("latitude", "latitude", "REAL"),
    ("longitude", "longitude", "REAL"),
    ("telephone", "phone", "TEXT"),
    ("courriels", "emails", "TEXT"),
    ("sites_web", "websites", "TEXT"),
    ("horaires", "opening_hours", "TEXT"),
    ("services", "services", "TEXT"),
    ("publics", "publics", "TEXT"),
    ("frais", "fees", "TEXT"),
    ("modalites_accompagnement", "support_modes", "TEXT"),
    ("date_maj", "updated_on", "TEXT"),
)
PRIVATE = {"phone", "emails"}  # blank when the place's contact is reserved to professionals

# Nearest first by the haversine distance, as Maillage ranks (SQLite's math functions): a bounding box on
# the indexed position, the service as an exact JSON string inside the services array, then the circle;
# ties by name.
NEAREST_SQL = f"""
with p as (
  select cast(:lat as real) as lat, cast(:lon as real) as lon, cast(:km as real) as km,
    degrees(cast(:km as real) / 6371.0088) as d, cos(radians(cast(:lat as real))) as c
),
near as (
  select l.*, 2 * 6371.0088 * asin(min(1.0, sqrt(
      power(sin(radians(l.latitude - p.lat) / 2), 2)
      + p.c * cos(radians(l.latitude)) * power(sin(radians(l.longitude - p.lon) / 2), 2)
    ))) as distance_km
  from {TABLE} l, p
  where l.latitude between p.lat - p.d and p.lat + p.d
    and l.longitude between p.lon - p.d / p.c and p.lon + p.d / p.c
    and l.services like '%"' || :service || '"%'
)
select near.* from near, p where near.distance_km <= p.km order by near.distance_km, near.nom limit 10
"""


def metadata() -> dict[str, object]:
    return {
        "title": "Lieux de médiation numérique publiés (export du banc d'essai de Maillage)",
        "databases": {
            DATABASE: {"queries": {QUERY: {"sql": NEAREST_SQL, "title": "Lieux les plus proches"}}}
        },
    }


def export(path: Path) -> int:
    """Write the published census to the SQLite file `path` (replaced); the number of places written."""
    path.unlink(missing_ok=True)
    fields = [field for _, field, _ in COLUMNS]
    rows = []
    for values in places_published().order_by("id").values_list(*fields, "contact_private"):
        record = dict(zip(fields, values, strict=False))
        for name in PRIVATE if values[-1] else ():
            record[name] = [] if isinstance(record[name], list) else ""
        rows.append(tuple(_cell(record[field]) for field in fields))
    with sqlite3.connect(path) as connection:
        declared = ", ".join(f"{column} {kind}" for column, _, kind in COLUMNS)
        connection.execute(f"CREATE TABLE {TABLE} ({declared})")
        marks = ", ".join("?" for _ in COLUMNS)
        connection.executemany(f"INSERT INTO {TABLE} VALUES ({marks})", rows)
        connection.execute(f"CREATE INDEX {TABLE}_position ON {TABLE} (latitude, longitude)")
        connection.execute(f"CREATE INDEX {TABLE}_commune ON {TABLE} (code_insee)")
        connection.execute("ANALYZE")
    connection.close()
    return len(rows)


def _cell(value: object) -> object:
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)  # a JSON array, as Datasette shows and filters it
    if value is None or isinstance(value, str | float | int):
        return value
    return str(value)  # UUID, date
