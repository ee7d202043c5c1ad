"""What a search asks for and how its words match a place (pure Python, no Django).

Filters on enumerated fields: any of the values given for one field (OR), every field given (AND).
Text: each word of the query must begin a word of the place's search text, accents and case ignored
("st etienne", "mediatheque", "centre soc"); "st"/"ste" also match "saint"/"sainte".
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING

from maillage.core.geo import BBox, Point
from maillage.core.text import normalize

if TYPE_CHECKING:
    from maillage.places.domain.search_params import ParameterError, SearchVocabulary

# Enumerated fields of the standard that can filter a search: our field name → the API's parameter name.
FACET_PARAMETERS: dict[str, str] = {
    "services": "services",
    "publics": "publics",
    "specific_support": "prise_en_charge_specifique",
    "fees": "frais_a_charge",
    "access_modes": "modalites_acces",
    "support_modes": "modalites_accompagnement",
    "national_programmes": "dispositif_programmes_nationaux",
    "training_labels": "formations_labels",
    "typologies": "typologie",
    "mobility": "itinerance",
}
ABBREVIATIONS = {"st": "saint", "ste": "sainte"}


@dataclass(frozen=True)
class SearchFilters:
    q: str = ""
    services: tuple[str, ...] = ()
    publics: tuple[str, ...] = ()
    specific_support: tuple[str, ...] = ()
    fees: tuple[str, ...] = ()
    access_modes: tuple[str, ...] = ()
    support_modes: tuple[str, ...] = ()
    national_programmes: tuple[str, ...] = ()
    training_labels: tuple[str, ...] = ()
    typologies: tuple[str, ...] = ()
    mobility: tuple[str, ...] = ()
    insee_codes: tuple[str, ...] = ()
    epcis: tuple[str, ...] = ()
    point: Point | None = None
    distance_km: float | None = None
    open_at: datetime.datetime | None = None  # aware; "open now" is open_at=now
    bbox: BBox | None = None
    # A place that names no specific public welcomes everyone ("tout public" in the standard): when
    # true, such places also match a publics filter (what an orienting professional wants).
    all_publics_match: bool = False

    @classmethod
    def from_params(
        cls, params: Mapping[str, Sequence[str]], *, now: datetime.datetime, vocabulary: SearchVocabulary
    ) -> tuple[SearchFilters, tuple[ParameterError, ...]]:
        """The search a query string asks for, read by the one parser of search parameters
        (`search_params.parse_search`): the filters of the right values, and an error per wrong one."""
        from maillage.places.domain.search_params import parse_search

        parsed = parse_search(params, vocabulary)
        return parsed.filters(now), parsed.errors

    def list_filters(self) -> dict[str, tuple[str, ...]]:
        return {name: getattr(self, name) for name in FACET_PARAMETERS if getattr(self, name)}

    def is_empty(self) -> bool:
        return all(not getattr(self, f.name) for f in fields(self) if f.name != "all_publics_match")


def query_words(q: str) -> list[str]:
    """The words of a text query, normalised; abbreviations of saint/sainte expanded."""
    return [ABBREVIATIONS.get(word, word) for word in normalize(q).split()]


def search_text(parts: Iterable[str]) -> str:
    """The text a place is searched by: normalised words, each preceded by a space (prefix matching)."""
    return " " + " ".join(word for part in parts if part for word in normalize(part).split())


def text_matches(words: Sequence[str], text: str) -> bool:
    return all(f" {word}" in text for word in words)


@dataclass
class FacetCounts:
    """For each enumerated field, how many of the found places carry each value."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, values: Mapping[str, Sequence[str]]) -> None:
        for name, items in values.items():
            self.counts.setdefault(name, Counter()).update(set(items))

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {name: dict(counter.most_common()) for name, counter in self.counts.items()}
