"""A list of strings stored as JSON, filterable in SQL on SQLite and PostgreSQL alike.

`Place.objects.filter(services__has="Aide aux démarches administratives")` keeps the rows whose list
holds that value; `services__has_any=[...]` those holding at least one of the values. On PostgreSQL this
is jsonb containment (GIN-indexable); on SQLite an EXISTS over json_each().
"""

from __future__ import annotations

import json
from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.lookups import Lookup
from django.db.models.sql.compiler import SQLCompiler


class StringListField(models.JSONField):
    """A JSON array of strings; Python side always a list."""

    description = "Liste de chaînes"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("default") is list:
            del kwargs["default"]
        if kwargs.get("blank") is True:
            del kwargs["blank"]
        return name, path, args, kwargs

    def from_db_value(self, value: Any, expression: Any, connection: BaseDatabaseWrapper) -> Any:
        result = super().from_db_value(value, expression, connection)
        return [] if result is None else result


class _ListLookup(Lookup):  # type: ignore[type-arg]
    def _values(self) -> list[str]:
        raise NotImplementedError

    def get_db_prep_lookup(self, value: Any, connection: BaseDatabaseWrapper) -> Any:
        return ("%s", [value])

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> Any:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = self._values()
        if not values:
            return "1 = 0", []
        if connection.vendor == "postgresql":
            clauses = " OR ".join([f"{lhs} @> %s::jsonb"] * len(values))
            params: list[Any] = []
            for value in values:
                params.extend([*lhs_params, json.dumps([value])])
            return f"({clauses})", params
        placeholders = ", ".join(["%s"] * len(values))
        # lhs is the column SQL compiled by Django; values only travel as parameters.
        sql = f"EXISTS (SELECT 1 FROM json_each({lhs}) WHERE json_each.value IN ({placeholders}))"  # noqa: S608
        return sql, [*lhs_params, *values]


@StringListField.register_lookup
class Has(_ListLookup):
    lookup_name = "has"

    def _values(self) -> list[str]:
        return [str(self.rhs)]


@StringListField.register_lookup
class HasAny(_ListLookup):
    lookup_name = "has_any"

    def _values(self) -> list[str]:
        return [str(value) for value in self.rhs]
