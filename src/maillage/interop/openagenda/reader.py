"""Read OpenAgenda event exports into `EventRecord`s (`external_id` = the OpenAgenda `uid`).

Accepted: `{"events": [...]}` (the export and API v2 shape) or a bare list of events, from a path, an open
file, or already-parsed JSON. Multilingual fields take French, else the first language given. Timings need
an offset (« 2026-03-03T14:00:00+01:00 » or « …Z »); they are brought to the Paris clock. The event's
`uid` is Maillage's uid kept in `extIds` (key « maillage-uid ») when the file came from Maillage, else a
UUID derived from the OpenAgenda uid; slot uids are derived from the OpenAgenda uid and the slot's start,
so a re-import gives the same uids. A file that is not such an export raises `NotAnOpenAgendaFile`.
"""

import json
import os
import uuid
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Final

from maillage.interop.event_feeds.dates import PARIS
from maillage.interop.events import EventRecord, LocationRecord, RegistrationRecord, SlotRecord
from maillage.interop.openagenda.errors import EventFieldError, NotAnOpenAgendaFile, OpenAgendaEventError
from maillage.interop.openagenda.mapping import (
    ACCESSIBILITY_CODES,
    ACCESSIBILITY_FROM_OPENAGENDA,
    LANGUAGE,
    MAILLAGE_EXT_ID_KEY,
    REGISTRATION_TYPES,
    STATUS_FROM_OPENAGENDA,
    free_and_price,
)

Source = str | os.PathLike[str] | IO[str] | IO[bytes] | Mapping[str, object] | Sequence[object]
UID_NAMESPACE: Final = uuid.UUID("6f1d0c6e-5a3b-4f4e-9a55-0a9e7b1c2d3e")
NOT_OPENAGENDA: Final = (
    "Ce fichier n'est pas un export d'événements OpenAgenda : il faut un objet JSON "
    "{« events » : [...]} ou une liste d'événements ayant chacun « uid », « title » et « timings »."
)


@dataclass(frozen=True, slots=True)
class ParsedEvent:
    """One event of the file: `record` is None exactly when `errors` is not empty."""

    index: int
    uid: str
    raw: Mapping[str, object]
    record: EventRecord | None
    errors: list[EventFieldError] = field(default_factory=list)


def load_events(source: Source) -> list[Mapping[str, object]]:
    """The file's event objects; `NotAnOpenAgendaFile` when it is not an OpenAgenda events export."""
    data: object = source
    if isinstance(source, str | os.PathLike):
        try:
            data = json.loads(Path(source).read_text(encoding="utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise NotAnOpenAgendaFile(f"{NOT_OPENAGENDA} (JSON illisible : {exc})") from exc
    elif hasattr(source, "read"):
        content = source.read()
        try:
            data = json.loads(content.decode("utf-8-sig") if isinstance(content, bytes) else content)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise NotAnOpenAgendaFile(f"{NOT_OPENAGENDA} (JSON illisible : {exc})") from exc
    events = data.get("events") if isinstance(data, Mapping) else data
    if not isinstance(events, list) or not all(isinstance(item, Mapping) for item in events):
        raise NotAnOpenAgendaFile(NOT_OPENAGENDA)
    if events and not any({"uid", "title", "timings"} <= item.keys() for item in events):
        raise NotAnOpenAgendaFile(NOT_OPENAGENDA)
    return events


def registration_type(value: str) -> str:
    """« link », « email » or « phone » for a registration given as a bare string."""
    value = value.strip()
    if value.startswith(("http://", "https://")):
        return "link"
    return "email" if "@" in value else "phone"


class _EventReader:
    """Reads one event, collecting every fault instead of stopping at the first."""

    def __init__(self, index: int, raw: Mapping[str, object]) -> None:
        self.index, self.raw = index, raw
        self.uid = str(raw.get("uid") or "")
        self.errors: list[EventFieldError] = []

    def fail(self, name: str, message: str, value: object = None) -> None:
        self.errors.append(EventFieldError(self.index, self.uid, name, message, value))

    def text(self, name: str, *, required: bool = False) -> str:
        value = self.raw.get(name)
        if isinstance(value, Mapping):
            value = value.get(LANGUAGE) or next((item for item in value.values() if item), "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            self.fail(name, "texte attendu (ou objet {« fr » : texte})", value)
            return ""
        if required and not value.strip():
            self.fail(name, "champ obligatoire absent")
        return value.strip()

    def moment(self, name: str, value: object, *, required: bool) -> datetime | None:
        if value in (None, "") and not required:
            return None
        try:
            moment = datetime.fromisoformat(str(value)) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None:
            self.fail(name, "date et heure attendues au format ISO 8601 (2026-03-03T14:00:00+01:00)", value)
            return None
        if moment.utcoffset() is None:
            self.fail(name, "heure sans décalage horaire (+01:00, +02:00 ou Z attendu)", value)
            return None
        return moment.astimezone(PARIS)

    def keywords(self) -> tuple[str, ...]:
        value = self.raw.get("keywords")
        if isinstance(value, Mapping):
            value = value.get(LANGUAGE) or next((item for item in value.values() if item), [])
        if value is None:
            return ()
        if isinstance(value, str):
            value = value.split(",")
        if not isinstance(value, list) or not all(isinstance(word, str) for word in value):
            self.fail("keywords", "liste de mots-clés attendue", value)
            return ()
        return tuple(word.strip() for word in value if word.strip())

    def timings(self, oa_uid: str) -> tuple[SlotRecord, ...]:
        value = self.raw.get("timings")
        if not isinstance(value, list) or not value:
            self.fail("timings", "au moins un horaire {begin, end} attendu", value)
            return ()
        slots: list[SlotRecord] = []
        for rank, timing in enumerate(value, start=1):
            where = f"timings[{rank}]"
            if not isinstance(timing, Mapping):
                self.fail(where, "objet {begin, end} attendu", timing)
                continue
            begin = self.moment(f"{where}.begin", timing.get("begin", timing.get("start")), required=True)
            end = self.moment(f"{where}.end", timing.get("end"), required=True)
            if begin is None or end is None:
                continue
            if end < begin:
                self.fail(where, "la fin précède le début", dict(timing))
                continue
            slot_uid = uuid.uuid5(UID_NAMESPACE, f"openagenda:{oa_uid}:{begin.isoformat()}")
            slots.append(SlotRecord(str(slot_uid), begin, end))
        return tuple(slots)

    def coordinate(self, name: str, value: object, limit: float) -> float | None:
        if value in (None, ""):
            return None
        try:
            number = (
                float(value) if isinstance(value, int | float | str) and not isinstance(value, bool) else None
            )
        except ValueError:
            number = None
        if number is None or not -limit <= number <= limit:
            self.fail(f"location.{name}", f"nombre entre -{limit:g} et {limit:g} attendu", value)
            return None
        return number

    def location(self) -> LocationRecord | None:
        value = self.raw.get("location")
        if value is None or self.raw.get("attendanceMode") == 2:
            return None
        if not isinstance(value, Mapping):
            self.fail("location", "objet lieu attendu", value)
            return None
        strings = {key: value.get(key) for key in ("name", "address", "postalCode", "city", "insee")}
        text = {key: str(item).strip() if item is not None else "" for key, item in strings.items()}
        town = f"{text['postalCode']} {text['city']}".strip()
        address = text["address"]
        if town and address.endswith(town):
            address = address.removesuffix(town).rstrip(" ,")
        latitude = self.coordinate("latitude", value.get("latitude"), 90)
        longitude = self.coordinate("longitude", value.get("longitude"), 180)
        if (latitude is None) != (longitude is None):
            latitude = longitude = None
        return LocationRecord(
            name=text["name"],
            address=address,
            postal_code=text["postalCode"],
            city=text["city"],
            insee_code=text["insee"],
            latitude=latitude,
            longitude=longitude,
        )

    def registration(self) -> tuple[RegistrationRecord, ...]:
        value = self.raw.get("registration") or []
        if not isinstance(value, list):
            self.fail("registration", "liste de moyens d'inscription attendue", value)
            return ()
        found: list[RegistrationRecord] = []
        for rank, item in enumerate(value, start=1):
            kind: object
            text: object
            if isinstance(item, str):  # the write shape: the type is guessed from the value
                kind, text = registration_type(item), item
            else:
                kind = item.get("type") if isinstance(item, Mapping) else None
                text = item.get("value") if isinstance(item, Mapping) else None
            if kind not in REGISTRATION_TYPES or not isinstance(text, str) or not text.strip():
                self.fail(
                    f"registration[{rank}]", "objet {type : link, phone ou email ; value} attendu", item
                )
                continue
            found.append(RegistrationRecord(str(kind), text.strip()))
        return tuple(found)

    def status(self) -> str:
        value = self.raw.get("status", 1)
        if value is None:
            return "programme"
        if isinstance(value, bool) or not isinstance(value, int) or value not in STATUS_FROM_OPENAGENDA:
            self.fail("status", "code de statut OpenAgenda attendu (1 à 6)", value)
            return "programme"
        return STATUS_FROM_OPENAGENDA[value]

    def accessibility(self) -> tuple[str, ...]:
        value = self.raw.get("accessibility") or {}
        if isinstance(value, list):
            value = {code: True for code in value}
        if not isinstance(value, Mapping):
            self.fail("accessibility", "objet {hi, ii, mi, pi, vi : booléen} attendu", value)
            return ()
        return tuple(
            ACCESSIBILITY_FROM_OPENAGENDA[code] for code in ACCESSIBILITY_CODES if value.get(code) is True
        )

    def image(self) -> str:
        value = self.raw.get("image")
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, Mapping):
            if isinstance(value.get("url"), str):
                return str(value["url"]).strip()
            return f"{value.get('base') or ''}{value.get('filename') or ''}".strip()
        return ""

    def maillage_uid(self, oa_uid: str) -> str:
        ext_ids = self.raw.get("extIds")
        for item in ext_ids if isinstance(ext_ids, list) else []:
            if isinstance(item, Mapping) and item.get("key") == MAILLAGE_EXT_ID_KEY and item.get("value"):
                return str(item["value"])
        return str(uuid.uuid5(UID_NAMESPACE, f"openagenda:{oa_uid}"))

    def read(self) -> EventRecord | None:
        if not self.uid:
            self.fail("uid", "identifiant OpenAgenda absent")
        title = self.text("title", required=True)
        summary, markdown, conditions = (
            self.text("description"),
            self.text("longDescription"),
            self.text("conditions"),
        )
        slots = self.timings(self.uid)
        online = self.raw.get("onlineAccessLink") or ""
        if not isinstance(online, str):
            self.fail("onlineAccessLink", "adresse web attendue", online)
            online = ""
        free, price = free_and_price(conditions)
        record = EventRecord(
            uid=self.maillage_uid(self.uid),
            title=title,
            summary=summary,
            slots=slots,
            status=self.status(),
            description_markdown=markdown,
            location=self.location(),
            online_url=online.strip(),
            keywords=self.keywords(),
            accessibility=self.accessibility(),
            free=free,
            price=price,
            registration=self.registration(),
            image_url=self.image(),
            updated_at=self.moment("updatedAt", self.raw.get("updatedAt"), required=False),
            created_at=self.moment("createdAt", self.raw.get("createdAt"), required=False),
            external_id=self.uid,
        )
        return None if self.errors else record


def parse_openagenda(source: Source) -> Iterator[ParsedEvent]:
    """Every event of the file, read or with its faults. Raises `NotAnOpenAgendaFile` before the first."""
    events = load_events(source)
    return _parse(events)


def _parse(events: list[Mapping[str, object]]) -> Iterator[ParsedEvent]:
    for index, raw in enumerate(events, start=1):
        reader = _EventReader(index, raw)
        record = reader.read()
        yield ParsedEvent(index, reader.uid, raw, record, reader.errors)


def read_openagenda(source: Source) -> Iterator[EventRecord]:
    """The file's events as `EventRecord`s; `OpenAgendaEventError` at the first event that cannot be read.

    The file's shape is checked at once (`NotAnOpenAgendaFile`), before any event is yielded.
    """
    return _records(parse_openagenda(source))


def _records(parsed: Iterator[ParsedEvent]) -> Iterator[EventRecord]:
    for item in parsed:
        if item.record is None:
            raise OpenAgendaEventError(item.errors)
        yield item.record
