"""Dates of the agenda in French, as people read them: « Mardi 3 mars 2026, 14 h – 16 h ».

Pure Python, shared by the feeds and the agenda's pages. Every datetime is shown in Europe/Paris, whatever
its own timezone; naive datetimes are refused (the agenda only handles aware ones).
"""

from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo

from maillage.core.french import DAYS as WEEKDAYS
from maillage.core.french import MONTHS

PARIS: Final = ZoneInfo("Europe/Paris")

DASH: Final = " – "


def to_paris(moment: datetime) -> datetime:
    """The same instant on the Paris clock. Naive datetimes are refused: their instant is unknown."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"datetime sans fuseau horaire : {moment.isoformat()}")
    return moment.astimezone(PARIS)


def format_date_fr(day: date, *, capitalize: bool = True) -> str:
    """« Mardi 3 mars 2026 », « dimanche 1er mars 2026 » (the first of the month is « 1er »)."""
    number = "1er" if day.day == 1 else str(day.day)
    text = f"{WEEKDAYS[day.weekday()]} {number} {MONTHS[day.month - 1]} {day.year}"
    return text[0].upper() + text[1:] if capitalize else text


def format_time_fr(moment: datetime) -> str:
    """« 14 h », « 9 h 05 », « 0 h » — the time on the Paris clock."""
    local = to_paris(moment)
    return f"{local.hour} h" if local.minute == 0 else f"{local.hour} h {local.minute:02d}"


def format_slot_fr(begin: datetime, end: datetime) -> str:
    """A slot in French, on the Paris clock.

    Same day: « Mardi 3 mars 2026, 14 h – 16 h »; over several days:
    « Mardi 3 mars 2026, 14 h – mercredi 4 mars 2026, 16 h »; no duration: « Mardi 3 mars 2026, 14 h ».
    """
    local_begin, local_end = to_paris(begin), to_paris(end)
    start = f"{format_date_fr(local_begin.date())}, {format_time_fr(local_begin)}"
    if local_end <= local_begin:
        return start
    if local_end.date() == local_begin.date():
        return f"{start}{DASH}{format_time_fr(local_end)}"
    return f"{start}{DASH}{format_date_fr(local_end.date(), capitalize=False)}, {format_time_fr(local_end)}"
