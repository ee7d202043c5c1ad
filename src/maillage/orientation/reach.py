"""How a person can reach a place before going there (pure Python, no Django).

A place "asks to be called first" when its card says so: hours unknown or unreadable (« appeler
avant »), an access condition to check by phone, or « Téléphoner » among its access modes. Such a place
must show its number; when none is known, the card says so and offers what is left (its e-mails, its
page).
"""

from __future__ import annotations

from collections.abc import Iterable

from maillage.core.text import normalize

PHONE_ACCESS_MODE = "Téléphoner"
CALL_WORDS = ("appeler", "telephoner")


def asks_to_call(texts: Iterable[str], access_modes: Iterable[str]) -> bool:
    """True when one of the card's texts tells the person to call, or calling is an access mode."""
    if PHONE_ACCESS_MODE in access_modes:
        return True
    return any(word in normalize(text).split() for text in texts for word in CALL_WORDS)
