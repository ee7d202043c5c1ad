"""Writes of territory reference data: idempotent upserts from the shipped files."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from maillage.territories import reference_data
from maillage.territories.models import Commune, Department, Epci

BATCH = 2000


@dataclass(frozen=True)
class TerritoryLoadResult:
    communes: int
    territory_communes: int
    epcis: int


def _upsert(model: Any, rows: list[dict[str, Any]], key: str) -> None:
    if not rows:
        return
    fields = [name for name in rows[0] if name != key]
    model.objects.bulk_create(
        [model(**row) for row in rows],
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=[key],
        update_fields=fields,
    )


@transaction.atomic
def territories_load(*, with_france: bool = True) -> TerritoryLoadResult:
    """Load (or refresh) the département, its EPCI and communes, and optionally every French commune.

    Running it twice leaves the same rows: every write is an upsert on the official code.
    """
    epcis: dict[str, dict[str, Any]] = {}
    if with_france:
        epcis.update({row["siren"]: row for row in reference_data.read_france_epcis()})
    for row in reference_data.read_territory_epcis():
        epcis[row["siren"]] = {**epcis.get(row["siren"], {}), **row}
    # Every row must carry the same keys for one bulk upsert.
    epci_keys = ["siren", "name", "kind", "population", "commune_count", "ifn_total", "outline"]
    _upsert(Epci, [{key: row.get(key) for key in epci_keys} for row in epcis.values()], "siren")

    territory = list(reference_data.read_territory_communes())
    territory_codes = {row["insee_code"] for row in territory}
    known_epcis = set(epcis)
    if with_france:
        others = [
            row for row in reference_data.read_france_communes() if row["insee_code"] not in territory_codes
        ]
        for row in others:
            if row["epci_id"] not in known_epcis:
                row["epci_id"] = None
        _upsert(Commune, others, "insee_code")
    _upsert(Commune, territory, "insee_code")
    Department.objects.update_or_create(
        code=reference_data.read_department()["code"],
        defaults={k: v for k, v in reference_data.read_department().items() if k != "code"},
    )
    return TerritoryLoadResult(
        communes=Commune.objects.count(), territory_communes=len(territory), epcis=Epci.objects.count()
    )


def territories_ensure(*, announce: Callable[[str], None] | None = None) -> TerritoryLoadResult | None:
    """First use: load the shipped territory data when the database has none; None when it was there.

    A fresh instance (`maillage migrate`, no demo) can then import a source file straight away: without
    communes every row would be refused as « commune introuvable ».
    """
    if Commune.objects.exists():
        return None
    if announce is not None:
        announce("première utilisation : chargement des communes et EPCI livrés avec Maillage…")
    return territories_load()
