"""What the review of a possible duplicate shows: the two records side by side (no database access)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from maillage.core.geo import Point, haversine_km
from maillage.places.labels import field_label
from maillage.places.models import MatchPair

COMPARED_FIELDS = [
    "name", "address", "address_complement", "postal_code", "commune_name", "insee_code", "pivot", "latitude",
    "longitude", "phone", "emails", "websites", "opening_hours", "typologies", "services", "publics",
    "specific_support", "fees", "access_modes", "support_modes", "national_programmes", "training_labels",
    "summary", "description", "source_label", "updated_on",
]  # fmt: skip
LIST_DISPLAY_FIELDS = {
    "emails", "websites", "typologies", "services", "publics", "specific_support", "fees", "access_modes",
    "support_modes", "national_programmes", "training_labels",
}  # fmt: skip


def _display(name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return ""
    if name in LIST_DISPLAY_FIELDS:
        return " · ".join(str(item) for item in value)
    return str(value)


@dataclass(frozen=True)
class ComparedField:
    name: str
    label: str
    value_a: str
    value_b: str

    @property
    def differs(self) -> bool:
        return self.value_a != self.value_b

    @property
    def choosable(self) -> bool:
        """A person can pick a side only where both records say something different."""
        return self.differs and bool(self.value_a) and bool(self.value_b)


@dataclass(frozen=True)
class PairComparison:
    key_a: str
    key_b: str
    fields: list[ComparedField]
    distance_m: int | None

    @property
    def differing(self) -> int:
        return sum(field.differs for field in self.fields)


def pair_comparison(pair: MatchPair) -> PairComparison:
    a, b = pair.record_a, pair.record_b
    fa, fb = a.fields or {}, b.fields or {}
    fields = [
        ComparedField(name, field_label(name), _display(name, fa.get(name)), _display(name, fb.get(name)))
        for name in COMPARED_FIELDS
    ]
    distance = None
    if None not in (fa.get("latitude"), fb.get("latitude")) and not (
        a.position_approximate or b.position_approximate
    ):
        distance = round(
            haversine_km(Point(fa["latitude"], fa["longitude"]), Point(fb["latitude"], fb["longitude"]))
            * 1000
        )
    return PairComparison(a.key, b.key, fields, distance)
