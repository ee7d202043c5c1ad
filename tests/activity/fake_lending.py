"""A stand-in for the lending module's `activity_prefill` (issue 13 writes the real one): loan 12 only."""

from __future__ import annotations

import datetime


def activity_prefill(pk: int) -> dict[str, object] | None:
    if pk != 12:
        return None
    return {
        "title": "Exemple fictif : prêt du Centre Multimédia Itinérant",
        "kind": "event_support",
        "date_start": datetime.date(2026, 5, 4),
        "date_end": datetime.date(2026, 5, 8),
        "commune_insee": "42187",
        "place_id": None,
        "structure_ids": [],
        "narrative": "Prêt de cinq jours avec une séance de prise en main.",
        "source": "lending.loan:12",
    }
