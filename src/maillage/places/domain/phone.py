"""French phone numbers as people read and dial them (pure Python).

The census stores numbers in the national standard's form (« +33684524784 »); a card shows them the
French way, in pairs (« 06 84 52 47 84 »), and links them as `tel:+33684524784` (RFC 3966). Numbers of
the overseas departments (+262, +590, +594, +596) are written in France as 0 + their nine digits.
A value that is not a French number (a short number, a foreign one, text) is shown as it is.
"""

from __future__ import annotations

import re

# National prefix (after the 0) → country code, for the overseas departments' numbers.
OVERSEAS = {
    "262": "262", "263": "262", "269": "262", "639": "262", "692": "262", "693": "262",
    "590": "590", "690": "590", "691": "590", "594": "594", "694": "594",
    "596": "596", "696": "596", "697": "596",
}  # fmt: skip
_NOT_DIGITS = re.compile(r"[^\d+]")


def _parse(value: str) -> tuple[str, str] | None:
    """(ten national digits « 0684524784 », international « +33684524784 »), or None."""
    compact = _NOT_DIGITS.sub("", (value or "").replace("(0)", ""))
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.startswith("+33") and len(compact) == 12 and compact[3] != "0":
        return "0" + compact[3:], compact
    for country in sorted(set(OVERSEAS.values())):
        if compact.startswith("+" + country) and len(compact) == 13:
            return "0" + compact[4:], compact
    if re.fullmatch(r"0[1-9]\d{8}", compact):
        country = OVERSEAS.get(compact[1:4], "33")
        return compact, f"+{country}{compact[1:]}"
    return None


def phone_display(value: str) -> str:
    """« +33684524784 » → « 06 84 52 47 84 » (a value that is not a French number is left as it is)."""
    parsed = _parse(value)
    if parsed is None:
        return value or ""
    digits = parsed[0]
    return " ".join(digits[i : i + 2] for i in range(0, 10, 2))


def phone_uri(value: str) -> str:
    """The `tel:` link of a number (« 06 84 52 47 84 » → « tel:+33684524784 »); "" when there is none."""
    parsed = _parse(value)
    if parsed is not None:
        return f"tel:{parsed[1]}"
    compact = _NOT_DIGITS.sub("", value or "")
    return f"tel:{compact}" if re.fullmatch(r"\+?\d{3,15}", compact) else ""
