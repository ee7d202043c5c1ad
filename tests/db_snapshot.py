"""Costly data sets built once per test process, then restored into each test that asks for them.

`take(build)` runs `build()` once in a transaction it rolls back, and keeps the rows `build()` added,
changed or removed, table by table (read back raw: SQLite values as stored, PostgreSQL rows through COPY).
`restore(snapshot)` writes those rows back in a few statements, in the test's own transaction (rolled back
with it) or, for a transactional test, in one transaction of its own (flushed after the test as usual).

The rows are exactly the ones `build()` wrote, so a test sees the same database as if it had run
`build()` itself, in a fraction of the time. Should the database not accept them (a row of the test's own
already holds one of their keys, or they point at a row the test's database no longer has), `restore`
falls back on running `build()` for real.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction


@dataclass(frozen=True)
class Table:
    name: str
    pk: str
    columns: tuple[str, ...]
    serial: bool  # an auto-incremented integer key (PostgreSQL's sequence moves past restored rows)


@dataclass
class TableRows:
    table: Table
    drop: list[Any]  # keys of rows build() changed or removed: deleted before the rows are written
    rows: Any  # SQLite: a list of tuples; PostgreSQL: the COPY text of the rows


@dataclass
class Snapshot:
    build: Callable[[], Any]
    under: Sequence[Snapshot]
    tables: list[TableRows] = field(default_factory=list)
    result: Any = None


COUNTS = {"built": 0, "restored": 0, "rebuilt": 0}
"""How often a snapshot was built, restored, or rebuilt for real (the summary of `pytest -v` shows them)."""


class _Rollback(Exception):
    pass


def _tables() -> Iterator[Table]:
    seen: set[str] = set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in seen:
            continue
        seen.add(meta.db_table)
        serial = meta.pk.get_internal_type() in {"AutoField", "BigAutoField", "SmallAutoField"}
        yield Table(meta.db_table, meta.pk.column, tuple(f.column for f in meta.concrete_fields), serial)


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def _fingerprints(table: Table) -> dict[Any, Any]:
    """Key → the row (SQLite) or its md5 (PostgreSQL) of every row of `table`."""
    pk = _quoted(table.pk)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT {pk}, md5(t::text) FROM {_quoted(table.name)} AS t")  # noqa: S608
            return dict(cursor.fetchall())
        columns = ", ".join(_quoted(c) for c in table.columns)
        cursor.execute(f"SELECT {pk}, {columns} FROM {_quoted(table.name)}")  # noqa: S608
        return {row[0]: row[1:] for row in cursor.fetchall()}


def _read(table: Table, keys: list[Any]) -> Any:
    if not keys:
        return b"" if connection.vendor == "postgresql" else []
    columns = ", ".join(_quoted(c) for c in table.columns)
    if connection.vendor == "postgresql":
        from psycopg import sql

        query = sql.SQL("COPY (SELECT {columns} FROM {table} WHERE {pk} = ANY({keys})) TO STDOUT").format(
            columns=sql.SQL(columns),
            table=sql.Identifier(table.name),
            pk=sql.Identifier(table.pk),
            keys=sql.Literal(keys),
        )
        raw = connection.connection.cursor()
        with raw.copy(query) as copy:
            return b"".join(bytes(chunk) for chunk in copy)
    wanted = set(keys)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {_quoted(table.pk)}, {columns} FROM {_quoted(table.name)}")  # noqa: S608
        return [row[1:] for row in cursor.fetchall() if row[0] in wanted]


def _write(snapshot: Snapshot) -> None:
    for item in snapshot.tables:
        table = item.table
        name, pk, columns = (
            _quoted(table.name),
            _quoted(table.pk),
            ", ".join(_quoted(c) for c in table.columns),
        )
        with connection.cursor() as cursor:
            for start in range(0, len(item.drop), 500):
                chunk = item.drop[start : start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {name} WHERE {pk} IN ({marks})", chunk)  # noqa: S608
        if connection.vendor == "postgresql":
            raw = connection.connection.cursor()
            with raw.copy(f"COPY {name} ({columns}) FROM STDIN") as copy:
                copy.write(item.rows)
            if table.serial:
                raw.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, %s), (SELECT MAX({pk}) FROM {name}))",  # noqa: S608
                    [table.name, table.pk],
                )
        else:
            marks = ", ".join(["?"] * len(table.columns))
            raw = connection.connection.cursor()
            raw.executemany(f"INSERT INTO {name} ({columns}) VALUES ({marks})", item.rows)  # noqa: S608


def _layers(snapshots: Sequence[Snapshot]) -> Iterator[Snapshot]:
    for snapshot in snapshots:
        yield from _layers(snapshot.under)
        yield snapshot


def take(build: Callable[[], Any], *, under: Sequence[Snapshot] = ()) -> Snapshot:
    """Run `build()` on top of the `under` snapshots, keep what it wrote, and roll it all back."""
    snapshot = Snapshot(build=build, under=under)
    tables = list(_tables())
    try:
        with transaction.atomic():
            for layer in _layers(under):
                _write(layer)
            before = {table: _fingerprints(table) for table in tables}
            snapshot.result = build()
            for table in tables:
                after = _fingerprints(table)
                old = before[table]
                new = [key for key in after if key not in old]
                changed = [key for key in after if key in old and after[key] != old[key]]
                removed = [key for key in old if key not in after]
                if new or changed or removed:
                    snapshot.tables.append(TableRows(table, changed + removed, _read(table, new + changed)))
            raise _Rollback
    except _Rollback:
        pass
    cache.clear()
    COUNTS["built"] += 1
    return snapshot


def restore(snapshot: Snapshot) -> Any:
    """Write the snapshot's rows into the test database (on top of its `under` snapshots, restored
    first by the caller); return what `build()` returned."""
    try:
        with transaction.atomic():
            _write(snapshot)
            connection.check_constraints(table_names=[item.table.name for item in snapshot.tables])
    except (DatabaseError, connection.Database.Error):
        # The test's database already holds rows in the way: build the data set for real.
        COUNTS["rebuilt"] += 1
        return snapshot.build()
    finally:
        cache.clear()  # what was cached (census version, territory choices) described another database
    COUNTS["restored"] += 1
    return snapshot.result
