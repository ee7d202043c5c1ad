"""Reads for a place's history and for the freshness loop (which cards nobody has checked for too long)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import DateField, DateTimeField, F, Max, OrderBy, QuerySet
from django.db.models.functions import Coalesce

from maillage.census.formats import FORMAT_LABELS
from maillage.places.enums import PlaceStatus, VersionOrigin
from maillage.places.labels import field_label
from maillage.places.models import Place, PlaceVersion

IMPORT_ORIGINS = {VersionOrigin.IMPORT, VersionOrigin.MERGE}
LIST_VALUE_SEPARATOR = " · "
LONG_VALUE = 400  # characters of a long text shown in the history before it is cut
SOURCES_PREFIX = "sources : "
UNNAMED_MEMBER = "un membre du réseau"
ANIMATION = "l'animation du réseau"
DATE_FIELDS = {"updated_on", "verified_on"}


def person_label(user: AbstractBaseUser | AnonymousUser | None) -> str:
    """How a person is named in a public history: their full name, else "l'animation du réseau" for an
    animator, else their login unless it is an e-mail address (never shown publicly)."""
    if user is None or not user.is_authenticated:
        return ""
    full_name = str(getattr(user, "get_full_name", lambda: "")()).strip()
    if full_name:
        return full_name
    if getattr(user, "is_staff", False):
        return ANIMATION
    username = user.get_username()
    return UNNAMED_MEMBER if "@" in username else username


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryLine:
    version: PlaceVersion
    who: str
    origin: str
    changes: list[FieldChange]
    comment: str
    is_current: bool

    @property
    def is_import(self) -> bool:
        return self.version.origin in IMPORT_ORIGINS


def _display(name: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return LIST_VALUE_SEPARATOR.join(str(item) for item in value)
    text = str(value)
    if name in DATE_FIELDS:
        try:
            return datetime.date.fromisoformat(text).strftime("%d/%m/%Y")
        except ValueError:
            return text
    return text if len(text) <= LONG_VALUE else text[:LONG_VALUE] + "…"


def _who(version: PlaceVersion) -> str:
    if version.origin in IMPORT_ORIGINS:
        codes = version.author_label.removeprefix(SOURCES_PREFIX).split(", ")
        names = [FORMAT_LABELS.get(code, code) for code in codes if code]
        return "import : sources " + (", ".join(names) if names else "ouvertes")
    if version.author is not None:
        return person_label(version.author) or UNNAMED_MEMBER
    label = version.author_label
    if not label:
        return "Maillage"
    return UNNAMED_MEMBER if "@" in label else label


def versions_of_place(*, place: Place) -> QuerySet[PlaceVersion]:
    """A place's versions, newest first, with their authors."""
    return PlaceVersion.objects.filter(place=place).select_related("author").order_by("-created_at", "-pk")


def history_lines(versions: Iterable[PlaceVersion], *, newest_pk: int | None) -> list[HistoryLine]:
    """What the public history shows of each version: who, origin, each field old → new, comment."""
    lines = []
    for version in versions:
        changes = [
            FieldChange(name, field_label(name), _display(name, pair[0]), _display(name, pair[1]))
            for name, pair in (version.changes or {}).items()
            if isinstance(pair, list) and len(pair) == 2  # [old, new]
        ]
        lines.append(
            HistoryLine(
                version=version,
                who=_who(version),
                origin=version.get_origin_display(),
                changes=changes,
                comment=version.comment,
                is_current=version.pk == newest_pk,
            )
        )
    return lines


def version_of_place(*, place: Place, version_id: int) -> PlaceVersion | None:
    return PlaceVersion.objects.filter(place=place, pk=version_id).first()


# --- Freshness ------------------------------------------------------------------------------------


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    last_day = (following - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last_day))


def stale_before(*, today: datetime.date) -> datetime.date:
    """Cards last checked before this day are stale."""
    return months_before(today, settings.MAILLAGE_FRESHNESS_MONTHS)


STALE_ORDERS: dict[str, list[str | OrderBy]] = {
    "anciennete": ["checked_on", "quality_score", "name"],
    "qualite": ["quality_score", "checked_on", "name"],
    "-qualite": ["-quality_score", "checked_on", "name"],
    "relance": [F("last_reminder").asc(nulls_first=True), "checked_on", "name"],
    "nom": ["name"],
}


def places_stale(*, today: datetime.date, order: str = "anciennete") -> QuerySet[Place]:
    """Published places whose card was last verified (or, never verified, updated) too long ago, with
    `checked_on` (that date) and `last_reminder` (when its contact was last e-mailed)."""
    ordering = STALE_ORDERS.get(order, STALE_ORDERS["anciennete"])
    return (
        Place.objects.filter(status=PlaceStatus.PUBLISHED)
        .annotate(
            checked_on=Coalesce("verified_on", "updated_on", output_field=DateField()),
            last_reminder=Max("reminders__sent_at", output_field=DateTimeField()),
        )
        .filter(checked_on__lt=stale_before(today=today))
        .order_by(*ordering)
    )


def place_reminded_since(*, place: Place, since: datetime.datetime) -> bool:
    return place.reminders.filter(sent_at__gte=since).exists()
