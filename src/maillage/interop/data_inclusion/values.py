"""Lenient reading of JSON values found in data·inclusion files, and of the standard's labels in texts.

Files from other producers do not always follow the schema: these helpers never raise, they keep what
is usable and drop the rest (the standard's `Lieu` then checks the record).
"""

import re
from collections.abc import Iterable
from typing import Final

from maillage.interop.mediation_numerique.normalise import lookup_key
from maillage.interop.mediation_numerique.schema import ENUMERATIONS

_ITEM_SEPARATORS: Final = re.compile(r"[,;|\n]")


def text_of(value: object) -> str | None:
    """A JSON scalar as trimmed text (None when empty or not a scalar)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value).strip() or None


def strings_of(value: object) -> list[str]:
    """A JSON list of strings, or a lone string, as a list of trimmed, non-empty, distinct strings."""
    items = value if isinstance(value, list) else [value]
    texts = (item.strip() for item in items if isinstance(item, str))
    return list(dict.fromkeys(text for text in texts if text))


def in_order(values: Iterable[str], field: str) -> list[str]:
    """The values in the standard's order of `field`, without duplicates (unknown values dropped)."""
    present = set(values)
    return [label for label in ENUMERATIONS[field] if label in present]


def labels_in(text: str | None, field: str) -> list[str]:
    """The standard's labels of `field` found in a `*_precisions` text (items split on , ; | or a line),
    in the standard's order; matching ignores case, spaces and apostrophe style."""
    if not text:
        return []
    lookup = {lookup_key(label): label for label in ENUMERATIONS[field]}
    found = {lookup.get(lookup_key(item)) for item in _ITEM_SEPARATORS.split(text) if item.strip()}
    return [label for label in ENUMERATIONS[field] if label in found]
