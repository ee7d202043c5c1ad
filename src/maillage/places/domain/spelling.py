"""A search that forgives typos: a query word found nowhere in the census is read as its nearest spelling.

« mediateque » begins no word of any card, « mediatheque » begins several: the search then runs with
« mediatheque » and says so (« Résultats pour … »). A word that begins a word of some card is never
changed, so exact matches always win; only words found nowhere are corrected, each to the census word
(or word start) nearest by edit distance (one typo for 4 to 7 letters, two from 8; none under 4),
the most frequent at equal distance. The words compared are normalised (no accents, lower case).
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

MIN_LENGTH = 4
SUGGESTIONS = 3


def allowed_typos(word: str) -> int:
    if len(word) < MIN_LENGTH:
        return 0
    return 1 if len(word) < 8 else 2


@dataclass(frozen=True)
class Correction:
    word: str  # as the person typed it (normalised)
    spelling: str  # the census word start the search uses instead


def begins_a_word(word: str, ordered: Sequence[str]) -> bool:
    """Whether `word` begins a word of `ordered` (the census words, sorted): one binary search."""
    at = bisect.bisect_left(ordered, word)
    return at < len(ordered) and ordered[at].startswith(word)


def nearest_spellings(word: str, vocabulary: Mapping[str, int], *, limit: int = SUGGESTIONS) -> list[str]:
    """The census words (or word starts) nearest to `word`, best first: fewest edits, whole words
    first, then the most places.

    A word start is compared over the typed length give or take one letter (« mediateq » is near
    « mediatheque »'s start « mediatheq »)."""
    most = allowed_typos(word)
    if most == 0:
        return []
    scores: dict[str, list[int]] = {}  # word start → [fewest edits, places whose words begin so]
    for known, places in vocabulary.items():
        for length in (len(word) - 1, len(word), len(word) + 1):
            if length < MIN_LENGTH - 1 or length > len(known):
                continue
            start = known[:length]
            edits = Levenshtein.distance(word, start, score_cutoff=most)
            if edits > most:
                continue
            entry = scores.setdefault(start, [edits, 0])
            entry[0] = min(entry[0], edits)
            entry[1] += places
    ranked = sorted(
        scores.items(),
        # fewest edits; a whole word before a word start; the most places; the longest; A–Z
        key=lambda item: (item[1][0], item[0] not in vocabulary, -item[1][1], -len(item[0]), item[0]),
    )
    # A start that merely extends a better one (« mediathe », « mediathequ ») says nothing more.
    kept: list[str] = []
    for start, _ in ranked:
        if not any(start.startswith(other) or other.startswith(start) for other in kept):
            kept.append(start)
        if len(kept) == limit:
            break
    return kept


def corrections(
    words: Sequence[str], vocabulary: Mapping[str, int], ordered: Sequence[str] | None = None
) -> list[Correction]:
    """For each query word found nowhere in the census, its nearest spelling (words with none are kept).

    `ordered` is the vocabulary sorted (given by a caller that keeps it; sorted here otherwise)."""
    ordered = sorted(vocabulary) if ordered is None else ordered
    found = []
    for word in words:
        if begins_a_word(word, ordered):
            continue
        nearest = nearest_spellings(word, vocabulary, limit=1)
        if nearest:
            found.append(Correction(word, nearest[0]))
    return found


def shown_word(spelling: str, vocabulary: Mapping[str, int], forms: Mapping[str, str]) -> str:
    """How a person reads a spelling: the commonest census word it begins, as the cards write it
    (accents and all) when `forms` knows it."""
    words = [known for known in vocabulary if known.startswith(spelling)]
    best = min(words, key=lambda known: (-vocabulary[known], len(known), known), default=spelling)
    return forms.get(best, best)


def corrected_query(words: Sequence[str], found: Sequence[Correction]) -> str:
    """The query the search runs: each corrected word replaced by its spelling."""
    replace = {correction.word: correction.spelling for correction in found}
    return " ".join(replace.get(word, word) for word in words)
