"""Writing tens of thousands of rows at once (a national import), faster than the ORM's bulk methods.

`bulk_create` and `bulk_update` compile their SQL value by value (and `bulk_update` builds one CASE
expression per field and batch): at national scale that costs several times what the database itself
does. These two helpers prepare each value exactly as those methods do (`pre_save` on insert, then
`get_db_prep_save`) and hand the database one statement with many parameter rows (`executemany`).
They send no signals, like the ORM's bulk methods, and do not read back auto-incremented ids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, router
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models import (
    BooleanField,
    CharField,
    Field,
    FloatField,
    IntegerField,
    JSONField,
    Model,
    TextField,
)
from django.db.models.fields import AutoFieldMixin

BATCH = 2000  # parameter rows per executemany: bounds the memory of one call


def _connection(model: type[Model]):  # type: ignore[no-untyped-def]
    return connections[router.db_for_write(model)]


JSON_PLAIN = (dict, list, str, int, float, bool)
_PREP_METHODS = ("pre_save", "to_python", "get_prep_value", "get_db_prep_value", "get_db_prep_save")


def _prepares_as(field: Field[object, object], base: type[Field[Any, Any]]) -> bool:
    """`field` is a `base` (or a subclass) that prepares values exactly as `base` does."""
    return isinstance(field, base) and all(
        getattr(type(field), name) is getattr(base, name) for name in _PREP_METHODS
    )


def _preparer(field: Field[object, object], connection: Any, *, add: bool) -> Callable[[Model], object]:
    """What `get_db_prep_save(pre_save(obj, add))` (insert) or `get_db_prep_save(value)` (update) gives
    for one field. For a plain JSONField holding None or plain JSON data it is the database's JSON
    adaptation of the value, and for a plain text field holding a string the string itself, reached
    without the field's chain of calls (most of a national import's values); anything else takes
    Django's own path."""
    if _prepares_as(field, CharField) or _prepares_as(field, TextField):
        attname = field.attname

        def text_value(obj: Model) -> object:
            value = getattr(obj, attname)
            if type(value) is str:  # a string is stored as it is
                return value
            return field.get_db_prep_save(value, connection)

        return text_value
    if _prepares_as(field, JSONField):
        attname, encoder, adapt = field.attname, field.encoder, connection.ops.adapt_json_value  # type: ignore[attr-defined]

        def json_value(obj: Model) -> object:
            value = getattr(obj, attname)
            if value is None:
                return None
            if type(value) in JSON_PLAIN:
                return adapt(value, encoder)
            return field.get_db_prep_save(value, connection)

        return json_value
    for base, kind in SCALARS:
        if _prepares_as(field, base) and (base is not IntegerField or _plain_integers(connection)):
            return _scalar_preparer(field, kind, connection)
    if add:
        return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), connection)
    return lambda obj: field.get_db_prep_save(getattr(obj, field.attname), connection)


# Fields whose preparation of a value of exactly this type gives the value itself (`int(value)`,
# `float(value)`, `bool(value)`; an integer on a database that adapts none); their `pre_save` reads the
# attribute, whether inserting or updating.
SCALARS: tuple[tuple[type[Field[Any, Any]], type], ...] = (
    (BooleanField, bool),
    (IntegerField, int),
    (FloatField, float),
)


def _plain_integers(connection: Any) -> bool:
    """The database takes integers as they are (PostgreSQL's backend wraps them in typed values)."""
    return type(connection.ops).adapt_integerfield_value is BaseDatabaseOperations.adapt_integerfield_value


def _scalar_preparer(field: Field[object, object], kind: type, connection: Any) -> Callable[[Model], object]:
    attname = field.attname

    def scalar_value(obj: Model) -> object:
        value = getattr(obj, attname)
        if type(value) is kind:
            return value
        return field.get_db_prep_save(value, connection)

    return scalar_value


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
    prepare = [_preparer(f, connection, add=True) for f in fields]
    with connection.cursor() as cursor:
        for start in range(0, len(objects), BATCH):
            rows = [[value(obj) for value in prepare] for obj in objects[start : start + BATCH]]
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
    prepare = [_preparer(f, connection, add=False) for f in fields]  # type: ignore[arg-type]
    with connection.cursor() as cursor:
        for start in range(0, len(objects), BATCH):
            rows = [
                [
                    *(value(obj) for value in prepare),
                    meta.pk.get_db_prep_save(obj.pk, connection),  # type: ignore[union-attr]
                ]
                for obj in objects[start : start + BATCH]
            ]
            cursor.executemany(sql, rows)
