"""The VTIMEZONE of Europe/Paris (RFC 5545 §3.6.5), as the EU summer-time rules define it since 1996.

Summer time from the last Sunday of March at 02:00 (CET, UTC+1) to the last Sunday of October at 03:00
(CEST, UTC+2) — Directive 2000/84/EC. Calendars that know the Olson name use their own data; the block
is here for the others.
"""

from typing import Final

TZID: Final = "Europe/Paris"

VTIMEZONE_LINES: Final = (
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    f"X-LIC-LOCATION:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
)
