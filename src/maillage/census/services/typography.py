"""The official commune names a card is shown with (read from the territories' reference data).

`domain.typography` puts names and addresses in typographic case; it needs the communes' official names:
the card's commune by INSEE code, and the communes of its département, found inside a name or a street
(« MEDIATHEQUE SAINT ROMAIN EN JAREZ » → « Médiathèque Saint-Romain-en-Jarez »).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from maillage.places.domain.typography import NO_COMMUNES, CommuneNames
from maillage.territories.models import Commune


def department_of(insee_code: str) -> str:
    return insee_code[:3] if insee_code.startswith("97") else insee_code[:2]


class CommuneDirectory:
    """Official commune names of some départements: by INSEE code, and as `CommuneNames` per département."""

    def __init__(self, rows: Iterable[tuple[str, str]]) -> None:
        self.names: dict[str, str] = {}
        by_department: dict[str, list[str]] = {}
        for insee_code, name in rows:
            self.names[insee_code] = name
            by_department.setdefault(department_of(insee_code), []).append(name)
        self._lists = by_department
        self._built: dict[str, CommuneNames] = {}

    def communes_of(self, insee_code: str) -> CommuneNames:
        """The communes of `insee_code`'s département (none when the code is unknown)."""
        department = department_of(insee_code or "")
        if not insee_code or department not in self._lists:
            return NO_COMMUNES
        if department not in self._built:
            self._built[department] = CommuneNames(self._lists[department])
        return self._built[department]


def commune_directory(insee_codes: Iterable[str]) -> CommuneDirectory:
    """The communes of the départements of `insee_codes` (one query)."""
    departments = {department_of(code) for code in insee_codes if code}
    if not departments:
        return CommuneDirectory(())
    where = Q()
    for department in sorted(departments):
        where |= Q(insee_code__startswith=department)
    return CommuneDirectory(Commune.objects.filter(where).values_list("insee_code", "name"))
