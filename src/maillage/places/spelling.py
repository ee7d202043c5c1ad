"""The words of the published census, for a search that forgives typos (`places.domain.spelling`).

Read once per census version in each process (a few thousand words nationally), never stale after a
publish: the version changes with every published place added, changed or withdrawn.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import Counter
from dataclasses import dataclass, field

from maillage.core.text import normalize
from maillage.places.domain.search import SearchFilters, query_words
from maillage.places.domain.spelling import Correction, corrected_query, corrections, shown_word
from maillage.places.selectors import census_version, places_published

SHOWN_FIELDS = ("name", "commune_name", "address")


@dataclass(frozen=True)
class Vocabulary:
    words: dict[str, int]  # normalised word → number of published places whose search text has it
    forms: dict[str, str] = field(default_factory=dict)  # normalised word → as the cards write it
    ordered: list[str] = field(default_factory=list)  # the words, sorted (prefix lookups by bisection)


@dataclass(frozen=True)
class ShownCorrection:
    typed: str  # the word as the search read it (normalised)
    shown: str  # the word it searched instead, as the cards write it


_lock = threading.Lock()
_cached: dict[str, Vocabulary] = {}


def search_vocabulary() -> Vocabulary:
    tag = census_version().tag
    with _lock:
        found = _cached.get(tag)
    if found is None:
        found = _read()
        with _lock:
            _cached.clear()
            _cached[tag] = found
    return found


def _read() -> Vocabulary:
    words: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for text, *shown in places_published().values_list("search_text", *SHOWN_FIELDS).iterator():
        words.update(set(text.split()))
        for part in shown:
            for word in (part or "").replace("-", " ").replace("'", " ").replace("’", " ").split():
                forms.setdefault(normalize(word), Counter())[word] += 1
    shown = {key: counter.most_common(1)[0][0] for key, counter in forms.items()}
    return Vocabulary(dict(words), shown, sorted(words))


def search_corrected(filters: SearchFilters) -> tuple[SearchFilters, list[ShownCorrection]]:
    """`filters` with each word of `q` found nowhere in the census replaced by its nearest spelling."""
    if not filters.q.strip():
        return filters, []
    words = query_words(filters.q)
    vocabulary = search_vocabulary()
    found: list[Correction] = corrections(words, vocabulary.words, vocabulary.ordered)
    if not found:
        return filters, []
    shown = [
        ShownCorrection(item.word, shown_word(item.spelling, vocabulary.words, vocabulary.forms))
        for item in found
    ]
    return dataclasses.replace(filters, q=corrected_query(words, found)), shown
