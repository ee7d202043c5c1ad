"""Controlled lists for events: keywords and audience from the national standard, accessibility.

Keywords are the standard's `services` (what a person comes to learn or do), plus the network's own
kinds of meetings; audience values are the standard's `publics_specifiquement_adresses`, plus the
professionals the network's trainings address.
"""

from __future__ import annotations

from typing import Final

from maillage.interop.mediation_numerique.schema import ENUMERATIONS

NETWORK_KEYWORDS: Final = (
    "Atelier",
    "Formation des professionnels",
    "Rencontre du réseau",
    "Tiers-lieu",
    "Événement départemental",
)
KEYWORDS: Final[tuple[str, ...]] = (*ENUMERATIONS["services"], *NETWORK_KEYWORDS)
AUDIENCES: Final[tuple[str, ...]] = (
    "Tout public",
    *ENUMERATIONS["publics_specifiquement_adresses"],
    "Professionnels de la médiation numérique",
    "Travailleurs sociaux",
)
ACCESSIBILITY: Final = {
    "fauteuil": "Accessible en fauteuil roulant",
    "malentendant": "Adapté aux personnes sourdes ou malentendantes",
    "malvoyant": "Adapté aux personnes aveugles ou malvoyantes",
    "mental": "Adapté aux personnes avec un handicap mental",
}
