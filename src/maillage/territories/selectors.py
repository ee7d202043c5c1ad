"""Reads of territory reference data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from django.db.models import QuerySet

from maillage.core.text import normalize_commune
from maillage.territories import reference_data
from maillage.territories.models import Commune, Epci


@cache
def _aliases() -> tuple[tuple[str, str, str], ...]:
    return tuple(reference_data.read_france_aliases())


def communes_in_territory() -> QuerySet[Commune]:
    return Commune.objects.filter(in_territory=True)


@dataclass(frozen=True, eq=False)
class CommuneRef:
    """What address resolution needs of a commune (lighter than a model instance)."""

    insee_code: str
    name: str
    search_name: str
    postal_codes: list[str]
    department_code: str
    latitude: float | None = None
    longitude: float | None = None


class CommuneIndex:
    """Every commune in memory, for resolving thousands of addresses without a query per row."""

    def __init__(
        self, communes: Iterable[Commune | CommuneRef], aliases: Iterable[tuple[str, str, str]] = ()
    ) -> None:
        self.by_code: dict[str, Commune | CommuneRef] = {}
        self.by_name: dict[str, list[Commune | CommuneRef]] = {}
        self.by_postal_code: dict[str, list[Commune | CommuneRef]] = {}
        for commune in communes:
            self.by_code[commune.insee_code] = commune
            self.by_name.setdefault(commune.search_name, []).append(commune)
            for postal_code in commune.postal_codes:
                self.by_postal_code.setdefault(postal_code, []).append(commune)
        # Former codes and names (merged communes, arrondissements) lead to today's commune.
        for code, name, current in aliases:
            today = self.by_code.get(current)
            if today is None:
                continue
            self.by_code.setdefault(code, today)
            if name:
                same_name = self.by_name.setdefault(normalize_commune(name), [])
                if today not in same_name:
                    same_name.append(today)

    @classmethod
    def load(cls) -> CommuneIndex:
        fields = [
            "insee_code",
            "name",
            "search_name",
            "postal_codes",
            "department_code",
            "latitude",
            "longitude",
        ]
        rows = Commune.objects.values_list(*fields)
        return cls((CommuneRef(*row) for row in rows.iterator(chunk_size=5000)), _aliases())

    def __len__(self) -> int:
        return len(self.by_code)

    def resolve(
        self, *, name: str, postal_code: str = "", insee_code: str = ""
    ) -> Commune | CommuneRef | None:
        """The commune an address names: INSEE code first, then name with postal code, then postal code alone.

        An INSEE code that names another commune than the one written in the address (as happens when a
        source put the first commune of a shared postal code) loses to the written name.
        """
        code = insee_code.strip().zfill(5) if insee_code.strip() else ""
        by_name = self.by_name.get(normalize_commune(name), []) if name else []
        if code in self.by_code:
            found = self.by_code[code]
            if not by_name or found in by_name:
                return found
            name_has_code = any(postal_code in commune.postal_codes for commune in by_name)
            if postal_code and postal_code in found.postal_codes and not name_has_code:
                return found  # the written name is another commune's: trust code and postal code together
        if postal_code:
            with_code = [commune for commune in by_name if postal_code in commune.postal_codes]
            if with_code:
                return with_code[0]
            in_department = [
                commune for commune in by_name if postal_code.startswith(commune.department_code)
            ]
            if len(in_department) == 1:
                return in_department[0]
            if not by_name:
                sharing = self.by_postal_code.get(postal_code, [])
                if len(sharing) == 1:
                    return sharing[0]
        if len(by_name) == 1:
            return by_name[0]
        if code in self.by_code:
            return self.by_code[code]
        return None


def epcis_in_territory() -> QuerySet[Epci]:
    """The EPCI with at least one commune of the served territory."""
    return Epci.objects.filter(communes__in_territory=True).distinct()
