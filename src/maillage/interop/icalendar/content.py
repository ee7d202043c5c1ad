"""RFC 5545 content lines: TEXT escaping (§3.3.11), parameter quoting (§3.2), folding at 75 octets (§3.1)."""

from datetime import UTC, datetime
from typing import Final

from maillage.interop.event_feeds.dates import to_paris

CRLF: Final = "\r\n"
MAX_OCTETS: Final = 75


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma; every line break becomes « \\n »."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def param_value(value: str) -> str:
    """A parameter value (e.g. CN): quoted when it holds « : ; , »; double quotes and controls dropped."""
    cleaned = "".join(char for char in value if char != '"' and (char == "\t" or ord(char) >= 0x20))
    return f'"{cleaned}"' if any(char in cleaned for char in ":;,") else cleaned


def fold(line: str) -> str:
    """Fold one content line: no physical line longer than 75 octets of UTF-8, never inside a character.

    The continuation lines start with one space, which counts in their 75 octets (RFC 5545 §3.1).
    """
    pieces: list[str] = []
    current: list[str] = []
    size, limit = 0, MAX_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, MAX_OCTETS - 1
        current.append(char)
        size += width
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


def utc_stamp(moment: datetime) -> str:
    """A DATE-TIME in UTC form, « 20260303T130000Z » (DTSTAMP, LAST-MODIFIED, CREATED)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"datetime sans fuseau horaire : {moment.isoformat()}")
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def paris_local(moment: datetime) -> str:
    """A DATE-TIME on the Paris clock, for « DTSTART;TZID=Europe/Paris: »."""
    return to_paris(moment).strftime("%Y%m%dT%H%M%S")


def content_line(name: str, value: str, **params: str) -> str:
    """One folded content line; `params` keys are written upper-case with « _ » as « - »."""
    head = name + "".join(f";{key.upper().replace('_', '-')}={val}" for key, val in params.items())
    return fold(f"{head}:{value}")
