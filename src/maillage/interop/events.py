"""The one shape every agenda feed reads and writes (pure Python, no Django).

The agenda app turns its events into `EventRecord`s (agenda/presenters.py) and hands them to the feed
writers in `interop/` (iCalendar, RSS, JSON, schema.org JSON-LD, OpenAgenda); the OpenAgenda reader yields
`EventRecord`s that the agenda's services write. Writers never touch the database, readers never write.

Times are timezone-aware datetimes (the agenda works in Europe/Paris). Controlled vocabularies:
- `status`: "programme" | "reporte" | "complet" | "annule" (programmé, reporté, complet, annulé);
- `registration[].kind`: "link" | "phone" | "email" | "maillage" (Maillage's own registrations);
- `keywords`, `audience`: values of the national standard's `services` and `publics_specifiquement_adresses`
  lists where they fit (see agenda/domain/vocabularies.py), free words otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

EVENT_STATUSES = ("programme", "reporte", "complet", "annule")
REGISTRATION_KINDS = ("link", "phone", "email", "maillage")


@dataclass(frozen=True)
class SlotRecord:
    """One time slot of an event. `uid` is stable across exports (an ICS VEVENT UID is built from it)."""

    uid: str
    begin: datetime
    end: datetime


@dataclass(frozen=True)
class LocationRecord:
    """Where an event happens: a census place (`place_id` set) or a free address with its commune."""

    name: str
    address: str
    postal_code: str
    city: str
    insee_code: str = ""
    latitude: float | None = None
    longitude: float | None = None
    place_id: str = ""


@dataclass(frozen=True)
class RegistrationRecord:
    kind: str  # one of REGISTRATION_KINDS
    value: str  # URL, phone number, e-mail address, or the Maillage registration URL


@dataclass(frozen=True)
class EventRecord:
    """One event with its slots, as every feed sees it.

    `uid` is the event's stable identifier (Maillage's UUID); `external_id` the identifier in the file it
    was imported from (OpenAgenda `uid`), empty for events made in Maillage. `url` is the absolute URL of the
    event page. `description_html` is the sanitised rendering of `description_markdown`.
    """

    uid: str
    title: str
    summary: str
    slots: tuple[SlotRecord, ...]
    status: str = "programme"
    description_markdown: str = ""
    description_html: str = ""
    url: str = ""
    location: LocationRecord | None = None
    online_url: str = ""
    organiser: str = ""
    keywords: tuple[str, ...] = ()
    audience: tuple[str, ...] = ()
    accessibility: tuple[str, ...] = ()  # e.g. "fauteuil", "malentendant", "malvoyant", "mental"
    free: bool = True
    price: str = ""
    registration: tuple[RegistrationRecord, ...] = ()
    image_url: str = ""
    image_alt: str = ""
    updated_at: datetime | None = None
    created_at: datetime | None = None
    external_id: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def attendance_mode(self) -> str:
        """The attendance mode, offline, online or mixed (OpenAgenda's 1, 2, 3; schema.org's modes)."""
        if self.online_url and self.location is not None:
            return "mixed"
        if self.online_url:
            return "online"
        return "offline"
