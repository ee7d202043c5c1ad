"""Text normalisation shared by search, deduplication and commune lookup (pure Python)."""

from __future__ import annotations

import functools
import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SAINT = re.compile(r"\b(saint|sainte)\b")


def strip_accents(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize(value: str) -> str:
    """Lower-case, accent-free, punctuation folded to single spaces: 'Saint-Étienne' -> 'saint etienne'."""
    folded = strip_accents(value).lower().replace("œ", "oe").replace("æ", "ae")
    return _NON_ALNUM.sub(" ", folded).strip()


SHORT = 300  # characters: names and addresses, the strings deduplication normalises again and again


def normalize_commune(value: str) -> str:
    """Normalise a commune name so that 'St-Étienne', 'SAINT ETIENNE' and 'Saint-Étienne' compare equal.

    Short strings are remembered (a national dedup normalises the same names hundreds of thousands of
    times); long ones are not, so that the memory stays bounded."""
    if len(value) <= SHORT:
        return _normalize_commune_short(value)
    return _normalize_commune(value)


@functools.lru_cache(maxsize=1 << 16)
def _normalize_commune_short(value: str) -> str:
    return _normalize_commune(value)


def _normalize_commune(value: str) -> str:
    text = normalize(value)
    text = re.sub(r"\bste\b", "sainte", text)
    text = re.sub(r"\bst\b", "saint", text)
    text = _SAINT.sub(lambda match: match.group(1), text)
    return re.sub(r"\s+", " ", text)
