"""The freshness loop: stale cards' contacts get a signed, expiring link to check their card without an
account; one click says "all is right" (`verified_on`), an edit there publishes like an editor's.

A reminder is remembered (`FreshnessReminder`): no second e-mail goes to the same place while its last
link is still valid (`MAILLAGE_FRESHNESS_LINK_DAYS`), so running the command twice sends nothing new.
"""

from __future__ import annotations

import datetime
import logging
import smtplib
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from maillage.census.services.cards import card_snapshot
from maillage.contributions.selectors import place_reminded_since, places_stale
from maillage.contributions.services.editing import place_apply_changes
from maillage.places.enums import VersionOrigin
from maillage.places.models import FreshnessReminder, Place, PlaceVersion

logger = logging.getLogger(__name__)

SALT = "maillage.places.freshness"
CONTACT_LABEL = "contact du lieu"


class FreshnessLinkError(Exception):
    """The link is not one we signed for this place (HTTP 400)."""


class FreshnessLinkExpired(FreshnessLinkError):
    """The link was ours but is older than `MAILLAGE_FRESHNESS_LINK_DAYS` days (HTTP 410)."""


def link_validity() -> datetime.timedelta:
    return datetime.timedelta(days=settings.MAILLAGE_FRESHNESS_LINK_DAYS)


def freshness_token(*, place: Place) -> str:
    """A signed, timestamped token carrying the place's id."""
    return signing.dumps({"place": str(place.pk)}, salt=SALT, compress=True)


def freshness_url(*, place: Place) -> str:
    path = reverse("contributions:place-verify", args=[place.pk, freshness_token(place=place)])
    return settings.MAILLAGE_PUBLIC_URL.rstrip("/") + path


def freshness_token_check(*, token: str, place_id: Any) -> None:
    """Raise `FreshnessLinkExpired` or `FreshnessLinkError` unless `token` is a valid link to this place."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=link_validity())
    except signing.SignatureExpired as error:
        raise FreshnessLinkExpired(str(error)) from error
    except signing.BadSignature as error:
        raise FreshnessLinkError(str(error)) from error
    if not isinstance(payload, dict) or payload.get("place") != str(place_id):
        raise FreshnessLinkError("this link was signed for another place")


@dataclass
class FreshnessReport:
    stale: int = 0
    sent: list[tuple[Place, str]] = field(default_factory=list)
    by_phone: list[Place] = field(default_factory=list)
    already_reminded: list[Place] = field(default_factory=list)
    failed: list[tuple[Place, str]] = field(default_factory=list)


def _reminder_message(place: Place, url: str) -> tuple[str, str]:
    context = {
        "place": place,
        "url": url,
        "days": settings.MAILLAGE_FRESHNESS_LINK_DAYS,
        "network_name": settings.MAILLAGE_NETWORK_NAME,
    }
    subject = f"Les informations de « {place.name} » sont-elles à jour ?"
    return subject, render_to_string("contributions/freshness_email.txt", context)


@transaction.atomic
def _remind(place: Place, email: str) -> None:
    FreshnessReminder.objects.create(place=place, email=email)
    subject, body = _reminder_message(place, freshness_url(place=place))
    send_mail(subject, body, None, [email], fail_silently=False)


def freshness_remind(*, dry_run: bool = False, today: datetime.date | None = None) -> FreshnessReport:
    """E-mail each stale place's contact (first e-mail of the card) its link, once per link validity;
    places without an e-mail address are listed for a phone call. `dry_run` sends and records nothing."""
    today = today or timezone.localdate()
    recent = timezone.now() - link_validity()
    report = FreshnessReport()
    for place in places_stale(today=today, order="anciennete"):
        report.stale += 1
        if not place.emails:
            report.by_phone.append(place)
            continue
        if place_reminded_since(place=place, since=recent):
            report.already_reminded.append(place)
            continue
        email = place.emails[0]
        if not dry_run:
            try:
                _remind(place, email)
            except (smtplib.SMTPException, OSError) as error:
                logger.warning("freshness reminder to %s failed: %s", email, error)
                report.failed.append((place, str(error)))
                continue
        report.sent.append((place, email))
    return report


@transaction.atomic
def place_verify(*, place: Place, today: datetime.date | None = None) -> PlaceVersion:
    """The place's contact says the card is right: `verified_on` becomes today, with a history line."""
    today = today or timezone.localdate()
    place = Place.objects.select_for_update().get(pk=place.pk)
    old = place.verified_on
    place.verified_on = today
    place.save(update_fields=["verified_on", "updated_at"])
    return PlaceVersion.objects.create(
        place=place,
        author=None,
        author_label=CONTACT_LABEL,
        origin=VersionOrigin.FRESHNESS,
        changes={"verified_on": [old.isoformat() if old else None, today.isoformat()]},
        snapshot=card_snapshot(place),
        comment="le contact du lieu confirme que la fiche est à jour",
    )


@transaction.atomic
def place_contact_edit(
    *, place: Place, changes: dict[str, Any], comment: str = "", today: datetime.date | None = None
) -> PlaceVersion:
    """The place's contact corrects the card through the link: published at once, like an editor's edit,
    and the card counts as verified today. With nothing changed, it is a plain confirmation."""
    today = today or timezone.localdate()
    if not changes:
        return place_verify(place=place, today=today)
    version = place_apply_changes(
        place=place,
        changes=changes,
        author=None,
        origin=VersionOrigin.FRESHNESS,
        author_label=CONTACT_LABEL,
        comment=comment,
        today=today,
    )
    if version is None:
        return place_verify(place=place, today=today)
    fresh = Place.objects.get(pk=place.pk)
    old = fresh.verified_on
    Place.objects.filter(pk=place.pk).update(verified_on=today)
    version.changes = {
        **version.changes,
        "verified_on": [old.isoformat() if old else None, today.isoformat()],
    }
    version.save(update_fields=["changes"])
    return version
