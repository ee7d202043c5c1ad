"""How useful a place's card is to a visitor: a score from 0 to 100, with its reasons (pure Python).

Weights (they add up to 100), for what a person needs to go to a place and get the right help:
- opening hours: 20 (the first question: "when can I go?")
- a way to reach the place: 15 (phone 10, e-mail or website 5)
- services: 15 (what help is given)
- a precise position: 10 (coordinates from the source, not a commune centre: 4 when approximate)
- access and support modes: 10 (5 each: how to get in, how help is given)
- publics and specific support: 10 (5 for publics, 5 for specific support)
- fees: 5
- a presentation: 5 (summary or description)
- typology: 5
- freshness: 5 when the newest source date is under 12 months old, 2 under 24 months, else 0
A field left empty on purpose by the standard ("tout public" leaves publics empty) still costs points:
the card is more useful when it says so explicitly, which an editor can do.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

WEIGHTS: dict[str, int] = {
    "opening_hours": 20,
    "phone": 10,
    "email_or_website": 5,
    "services": 15,
    "position": 10,
    "access_modes": 5,
    "support_modes": 5,
    "publics": 5,
    "specific_support": 5,
    "fees": 5,
    "presentation": 5,
    "typologies": 5,
    "freshness": 5,
}
APPROXIMATE_POSITION_POINTS = 4


@dataclass(frozen=True)
class Quality:
    score: int
    missing: tuple[str, ...]  # French labels of what would raise the score
    age_days: int | None


LABELS = {
    "opening_hours": "horaires",
    "phone": "téléphone",
    "email_or_website": "courriel ou site web",
    "services": "services proposés",
    "position": "position précise",
    "access_modes": "modalités d'accès",
    "support_modes": "modalités d'accompagnement",
    "publics": "publics accueillis",
    "specific_support": "prise en charge spécifique",
    "fees": "frais à charge",
    "presentation": "présentation",
    "typologies": "type de structure",
    "freshness": "mise à jour récente",
}


def quality_of(
    fields: Mapping[str, Any],
    *,
    position_approximate: bool,
    fresh_on: datetime.date | None,
    today: datetime.date,
) -> Quality:
    earned: dict[str, int] = {}
    has = {
        "opening_hours": bool(fields.get("opening_hours")),
        "phone": bool(fields.get("phone")),
        "email_or_website": bool(fields.get("emails")) or bool(fields.get("websites")),
        "services": bool(fields.get("services")),
        "access_modes": bool(fields.get("access_modes")),
        "support_modes": bool(fields.get("support_modes")),
        "publics": bool(fields.get("publics")),
        "specific_support": bool(fields.get("specific_support")),
        "fees": bool(fields.get("fees")),
        "presentation": bool(fields.get("summary")) or bool(fields.get("description")),
        "typologies": bool(fields.get("typologies")),
    }
    for name, present in has.items():
        earned[name] = WEIGHTS[name] if present else 0
    if fields.get("latitude") is not None and fields.get("longitude") is not None:
        earned["position"] = APPROXIMATE_POSITION_POINTS if position_approximate else WEIGHTS["position"]
    else:
        earned["position"] = 0
    age_days = (today - fresh_on).days if fresh_on is not None else None
    if age_days is not None and age_days <= 365:
        earned["freshness"] = WEIGHTS["freshness"]
    elif age_days is not None and age_days <= 730:
        earned["freshness"] = 2
    else:
        earned["freshness"] = 0
    missing = tuple(LABELS[name] for name, weight in WEIGHTS.items() if earned.get(name, 0) < weight)
    return Quality(score=sum(earned.values()), missing=missing, age_days=age_days)
