"""Writing tens of thousands of rows at once (a national import), faster than the ORM's bulk methods.

`bulk_create` and `bulk_update` compile their SQL value by value (and `bulk_update` builds one CASE
expression per field and batch): at national scale that costs several times what the database itself
does. These two helpers prepare each value exactly as those methods do (`pre_save` on insert, then
`get_db_prep_save`) and hand the database one statement with many parameter rows (`executemany`).
They send no signals, like the ORM's bulk methods, and do not read back auto-incremented ids.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connections, router
from django.db.models import Field, Model
from django.db.models.fields import AutoFieldMixin

BATCH = 2000  # parameter rows per executemany: bounds the memory of one call


def _connection(model: type[Model]):  # type: ignore[no-untyped-def]
    return connections[router.db_for_write(model)]


def bulk_insert(objects: Sequence[Model]) -> None:
    """INSERT `objects` (all of one model, not yet saved). Auto-incremented primary keys are left to the
    database and not read back; other primary keys (UUIDs) must be set."""
    if not objects:
        return
    model = type(objects[0])
    connection = _connection(model)
    fields: list[Field[object, object]] = [
        f for f in model._meta.concrete_fields if not isinstance(f, AutoFieldMixin)
    ]
    quote = connection.ops.quote_name
    # Table and column names come from the model's metadata, quoted; every value is a parameter.
    table, columns = quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(objects), BATCH):
            rows = [
                [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                for obj in objects[start : start + BATCH]
            ]
            cursor.executemany(sql, rows)


def bulk_set(objects: Sequence[Model], field_names: Sequence[str]) -> None:
    """UPDATE the `field_names` of `objects` (all of one model) to their values in memory, row by row in
    one statement: what `bulk_update` does, without its CASE expressions."""
    if not objects:
        return
    model = type(objects[0])
    connection = _connection(model)
    meta = model._meta
    fields = [meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)  # type: ignore[union-attr]
    pk_column = quote(meta.pk.column)  # type: ignore[union-attr]
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {pk_column} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(objects), BATCH):
            rows = [
                [
                    *(f.get_db_prep_save(getattr(obj, f.attname), connection) for f in fields),  # type: ignore[union-attr]
                    meta.pk.get_db_prep_save(obj.pk, connection),  # type: ignore[union-attr]
                ]
                for obj in objects[start : start + BATCH]
            ]
            cursor.executemany(sql, rows)
