"""Small pure functions that clean values found in the wild before they are validated.

They never raise: they return the cleaned value, or the input unchanged when they cannot help, and
the validation in `schema.py` then says what is wrong.
"""

import datetime
import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from urllib.parse import urlsplit

MULTI_VALUE_SEPARATOR = "|"
V01_MULTI_VALUE_SEPARATOR = ";"

_PHONE_NOISE = re.compile(r"[\s.\-/()\u00a0\u202f]")
_NATIONAL_PHONE = re.compile(r"^0[1-9]\d{8}$")
_TRUNK_ZERO = re.compile(r"\(0\)")
# National prefixes of overseas departments and their international codes (the schema's regex allows
# these codes). Mayotte uses +262 since 2007.
_OVERSEAS_PREFIXES = {
    "0590": "+590", "0690": "+590", "0691": "+590",
    "0594": "+594", "0694": "+594",
    "0262": "+262", "0263": "+262", "0692": "+262", "0693": "+262",
    "0269": "+262", "0639": "+262",
    "0596": "+596", "0696": "+596", "0697": "+596",
}  # fmt: skip
_EMAIL = re.compile(r"^[^@\s|,;<>]+@[^@\s|,;<>]+\.[^@\s|,;<>]+$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$")
_FRENCH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def clean_text(value: str) -> str:
    """NFC-normalise and trim a text value; line breaks inside it become `\\n`."""
    text = value if value.isascii() else unicodedata.normalize("NFC", value)  # ASCII is already NFC
    return (normalise_line_breaks(text) if "\r" in text else text).strip()


def normalise_line_breaks(value: str) -> str:
    """`\\r\\n` and a lone `\\r` become `\\n` (Python's CSV writer would not quote a lone `\\r`)."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def lookup_key(value: str) -> str:
    """Key used to match a value against a vocabulary, insensitive to case, spaces and apostrophes.

    It makes « Étapes numériques(La Poste) » (the v1.0.2 regex) and « Étapes numériques (La Poste) »
    (the canonical label) the same value, and tolerates non-breaking spaces and typographic apostrophes.
    """
    text = clean_text(value).replace("\u2019", "'").casefold()
    return "".join(text.split())


def split_multi(value: object, separator: str = MULTI_VALUE_SEPARATOR) -> object:
    """Turn a `|`-joined string, or a list of such strings, into a clean list without duplicates.

    Items are trimmed, empty items dropped, duplicates removed (first occurrence kept). A value of
    another type is returned unchanged so that validation reports it.
    """
    if value is None:
        return []
    if isinstance(value, str):
        parts: Iterable[object] = [value]
    elif isinstance(value, list | tuple):
        parts = value
    else:
        return value
    items: list[str] = []
    for part in parts:
        if not isinstance(part, str):
            return value
        for item in part.split(separator):
            cleaned = clean_text(item)
            if cleaned and cleaned not in items:
                items.append(cleaned)
    return items


def normalise_phone(value: str) -> str:
    """Put an obvious French phone number in the international form the standard requires.

    « 04 77 55 72 72 », « 04.77.55.72.72 », « 0477557272 », « +33 (0)4 77 55 72 72 » and
    « 0033 4 77 55 72 72 » all become « +33477557272 »; overseas numbers get their own code
    (« 0262 12 34 56 » → « +262262123456 »). Anything else is returned trimmed but unchanged.
    """
    compact = _PHONE_NOISE.sub("", _TRUNK_ZERO.sub("", clean_text(value)))
    if compact.startswith("00") and compact[2:3] != "0":
        compact = "+" + compact[2:]
    if compact.startswith("+330") and len(compact) == 13:
        compact = "+33" + compact[4:]
    if _NATIONAL_PHONE.match(compact):
        code = _OVERSEAS_PREFIXES.get(compact[:4], "+33")
        return code + compact[1:]
    if compact.startswith("+") and compact[1:].isdigit():
        return compact
    return clean_text(value)


def parse_coordinate(value: object) -> object:
    """Read a latitude or longitude written with a `.` or a `,` decimal mark; other input is returned."""
    if isinstance(value, str):
        text = clean_text(value).replace(",", ".").replace(" ", "")
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            return value
    return value


def parse_date(value: object) -> object:
    """Read `YYYY-MM-DD` (an ISO datetime is cut to its date) or the French `DD/MM/YYYY`."""
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    iso = _ISO_DATE.match(text)
    french = _FRENCH_DATE.match(text)
    try:
        if iso:
            return datetime.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if french:
            return datetime.date(int(french[3]), int(french[2]), int(french[1]))
    except ValueError:
        return value
    return value


def is_http_url(value: str) -> bool:
    """True when the value is an absolute http(s) URL without spaces."""
    if any(char.isspace() for char in value):
        return False
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def is_email(value: str) -> bool:
    """A loose check: one `@`, a dot in the domain, no spaces or separators."""
    return bool(_EMAIL.match(value))


def format_float(value: float) -> str:
    """The shortest text that reads back as the same float, never in exponent notation."""
    text = format(Decimal(repr(value)), "f")
    return text if "." in text else text + ".0"
