"""Write places of the national standard as data·inclusion v1 `structures` and `services` JSON files.

Each file is a JSON array (UTF-8, non-ASCII characters as such, 2-space indent, a final line break) of
objects holding every field of the v1.0.8 schema, in the order of the upstream documentation, `null`
when empty. One place gives one structure and one service (see `mapping.py`). The output validates
against the packaged `reference/structure.json` and `reference/service.json`.
"""

import json
from collections.abc import Callable, Iterable
from typing import IO, Final

from maillage.interop.data_inclusion.mapping import DEFAULT_SOURCE, lieu_to_service, lieu_to_structure
from maillage.interop.data_inclusion.schema import Service, Structure
from maillage.interop.mediation_numerique.schema import Lieu

JSON_INDENT: Final = 2

LinkOf = Callable[[Lieu], str | None]
"""Gives the public page of a place on the producer's site (the d·i `lien_source`), or None."""


def to_json_record(item: Structure | Service) -> dict[str, object]:
    """A JSON-ready mapping of a structure or a service, every field in schema order."""
    return item.model_dump(mode="json")


def structures_of(
    lieux: Iterable[Lieu], *, source: str = DEFAULT_SOURCE, lien_source: LinkOf | None = None
) -> list[Structure]:
    return [
        lieu_to_structure(lieu, source=source, lien_source=lien_source(lieu) if lien_source else None)
        for lieu in lieux
    ]


def services_of(lieux: Iterable[Lieu], *, source: str = DEFAULT_SOURCE) -> list[Service]:
    return [lieu_to_service(lieu, source=source) for lieu in lieux]


def _dump(items: Iterable[Structure | Service], stream: IO[str]) -> None:
    json.dump([to_json_record(item) for item in items], stream, ensure_ascii=False, indent=JSON_INDENT)
    stream.write("\n")


def write_structures(
    lieux: Iterable[Lieu], stream: IO[str], *, source: str = DEFAULT_SOURCE, lien_source: LinkOf | None = None
) -> None:
    """Write one d·i structure per place; `source` is our producer identifier (the ids' prefix)."""
    _dump(structures_of(lieux, source=source, lien_source=lien_source), stream)


def write_services(lieux: Iterable[Lieu], stream: IO[str], *, source: str = DEFAULT_SOURCE) -> None:
    """Write one d·i service per place (its offer of digital mediation), linked to its structure."""
    _dump(services_of(lieux, source=source), stream)
