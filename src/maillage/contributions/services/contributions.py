"""Contributions from outside: submit a proposal or a report, approve or reject it, the animators' digest.

A visitor never changes a card: a proposal waits as a `Contribution` until an animator approves it;
then it goes through `place_apply_changes` / `place_create` (history, survives re-imports). Notifications
(webhook, e-mails) leave only after the transaction commits, and their failures never undo a decision.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.crypto import salted_hmac

from maillage.census.services.cards import CARD_FIELDS, card_snapshot
from maillage.census.services.partner_push import partner_record_accept, partner_record_refuse
from maillage.census.services.rebuild import census_rebuild, pair_key
from maillage.contributions import notifications
from maillage.contributions.services.editing import EDIT_SOURCE, place_apply_changes, place_create
from maillage.places.enums import (
    ContributionKind,
    ContributionStatus,
    Decision,
    PairStatus,
    PlaceStatus,
    ReportReason,
    VersionOrigin,
)
from maillage.places.labels import PLACEHOLDER_PIVOT
from maillage.places.models import (
    Contribution,
    MatchDecision,
    MatchPair,
    Place,
    PlaceVersion,
    SourceRecord,
)

RATE_KEY = "maillage:contributions:rate:{client_key}"


class ContributionError(Exception):
    """A moderation action that cannot be done (the message is French, for the moderator)."""


# --- Who sends: a salted hash of the network address, and how many contributions it sent lately -------


def client_key_of(address: str) -> str:
    """A salted hash of a client's IP address (the address itself is never stored)."""
    return salted_hmac("maillage.contributions.client", address, algorithm="sha256").hexdigest()


def client_rate_limited(*, client_key: str) -> bool:
    """True when this client already sent `MAILLAGE_CONTRIBUTION_RATE_LIMIT` contributions in the window."""
    sent = cache.get(RATE_KEY.format(client_key=client_key), 0)
    return bool(sent >= settings.MAILLAGE_CONTRIBUTION_RATE_LIMIT)


def client_count(*, client_key: str) -> None:
    """Count one contribution for this client (a fixed window that starts with its first one)."""
    key = RATE_KEY.format(client_key=client_key)
    window = settings.MAILLAGE_CONTRIBUTION_RATE_WINDOW
    cache.add(key, 0, timeout=window)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)


# --- Submitting ---------------------------------------------------------------------------------------


@transaction.atomic
def contribution_submit(
    *,
    kind: ContributionKind,
    email: str,
    place: Place | None = None,
    data: dict[str, Any] | None = None,
    comment: str = "",
    report_reason: str = "",
    duplicate_of: Place | None = None,
    client_key: str = "",
) -> Contribution:
    """Store a proposal (new place, correction: `data` holds our field names → JSON values) or a report."""
    if (kind == ContributionKind.NEW_PLACE) != (place is None):
        raise ValueError("a new place has no place; a correction or a report needs one")
    unknown = sorted(set(data or {}) - set(CARD_FIELDS))
    if unknown:
        raise ValueError(f"champs inconnus : {', '.join(unknown)}")
    if kind == ContributionKind.REPORT and report_reason not in ReportReason.values:
        raise ValueError(f"motif inconnu : {report_reason!r}")
    contribution = Contribution.objects.create(
        kind=kind,
        place=place,
        data=data or {},
        comment=comment,
        email=email,
        report_reason=report_reason if kind == ContributionKind.REPORT else "",
        duplicate_of=duplicate_of if report_reason == ReportReason.DUPLICATE else None,
        client_key=client_key,
    )
    transaction.on_commit(functools.partial(notifications.contribution_announce, contribution), robust=True)
    return contribution


# --- Reading the queue ----------------------------------------------------------------------------------


def contributions_pending() -> QuerySet[Contribution]:
    return (
        Contribution.objects.filter(status=ContributionStatus.PENDING)
        .select_related("place", "duplicate_of")
        .order_by("created_at", "pk")
    )


def contributions_received(*, since: datetime.datetime, until: datetime.datetime) -> list[Contribution]:
    return list(
        Contribution.objects.filter(created_at__gte=since, created_at__lt=until)
        .select_related("place")
        .order_by("created_at", "pk")
    )


# --- Moderating -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    contribution: Contribution
    place: Place | None
    message: str  # French, for the moderator


def _pending(contribution: Contribution) -> Contribution:
    locked = Contribution.objects.select_for_update(of=("self",)).select_related(
        "place", "duplicate_of", "source_record"
    )
    current = locked.get(pk=contribution.pk)
    if current.status != ContributionStatus.PENDING:
        raise ContributionError(f"Cette contribution est déjà {current.get_status_display()}.")
    return current


def _decide(contribution: Contribution, *, moderator: User, status: str, reason: str = "") -> None:
    contribution.status = status
    contribution.decided_by = moderator
    contribution.decided_at = timezone.now()
    contribution.decision_reason = reason
    contribution.save()
    transaction.on_commit(functools.partial(notifications.decision_email_send, contribution), robust=True)


def _label(contribution: Contribution) -> str:
    return f"proposition de {contribution.email}" if contribution.email else "proposition"


@transaction.atomic
def contribution_approve(
    *, contribution: Contribution, moderator: User, changes: dict[str, Any] | None = None
) -> Outcome:
    """Apply a proposal (or the moderator's edited version of it, `changes`), or act on a report."""
    contribution = _pending(contribution)
    place = contribution.place
    label = _label(contribution)
    note = f"contribution n° {contribution.pk}"
    if contribution.kind == ContributionKind.PARTNER:
        place, message = _partner_accept(contribution)
        contribution.place = place
    elif contribution.kind == ContributionKind.NEW_PLACE:
        fields = dict(changes if changes is not None else contribution.data)
        fields.setdefault("pivot", PLACEHOLDER_PIVOT)
        place = place_create(
            fields=fields, author=moderator, origin=VersionOrigin.CONTRIBUTION, author_label=label
        )
        contribution.place = place
        message = f"Proposition acceptée : « {place.name} » est publié."
    elif place is None:
        raise ContributionError("Le lieu de cette contribution n'existe plus.")
    elif contribution.kind == ContributionKind.REPORT and contribution.report_reason == ReportReason.CLOSED:
        _archive(place, moderator=moderator, label=label, comment=f"{note} : le lieu n'existe plus")
        message = f"Signalement accepté : « {place.name} » est archivé (il n'apparaît plus)."
    elif (
        contribution.kind == ContributionKind.REPORT and contribution.report_reason == ReportReason.DUPLICATE
    ):
        place = _merge(place, contribution.duplicate_of, moderator=moderator)
        message = f"Signalement accepté : les deux fiches sont réunies en « {place.name} »."
    else:
        proposed = changes if changes is not None else contribution.data
        version = None
        if proposed:
            version = place_apply_changes(
                place=place,
                changes=proposed,
                author=moderator,
                origin=VersionOrigin.CONTRIBUTION,
                author_label=label,
                comment=note,
            )
        place.refresh_from_db()
        if contribution.kind == ContributionKind.REPORT:
            message = "Signalement traité" + (" : la fiche est modifiée." if version else ".")
        else:
            message = "Proposition acceptée : " + (
                "la fiche est modifiée." if version else "la fiche avait déjà ces valeurs."
            )
    _decide(contribution, moderator=moderator, status=ContributionStatus.APPROVED)
    return Outcome(contribution, place, message)


@transaction.atomic
def contribution_reject(*, contribution: Contribution, moderator: User, reason: str) -> Outcome:
    """Refuse a proposal or a report; the reason is sent to the contributor."""
    if not reason.strip():
        raise ContributionError("Le motif du refus est obligatoire.")
    contribution = _pending(contribution)
    if contribution.kind == ContributionKind.PARTNER and contribution.source_record is not None:
        partner_record_refuse(contribution.source_record, reason=reason.strip())
    _decide(contribution, moderator=moderator, status=ContributionStatus.REJECTED, reason=reason.strip())
    return Outcome(contribution, contribution.place, "Contribution refusée ; la personne est prévenue.")


def _partner_accept(contribution: Contribution) -> tuple[Place | None, str]:
    record = contribution.source_record
    if record is None:
        raise ContributionError("La fiche envoyée par le partenaire n'existe plus.")
    record = partner_record_accept(record)
    place = Place.objects.filter(pk=record.place_id).first() if record.place_id else None
    if place is None:
        return None, "Fiche acceptée, mais elle n'alimente aucun lieu (voir l'écran Doublons)."
    others = place.source_records.exclude(pk=record.pk).count()
    if others:
        message = f"Fiche acceptée : réunie avec « {place.name} » (même lieu, {others} autre(s) source(s))."
    else:
        message = f"Fiche acceptée : « {place.name} » est publié."
    if MatchPair.objects.filter(Q(record_a=record) | Q(record_b=record), status=PairStatus.REVIEW).exists():
        message += " Un doublon possible attend sur l'écran Doublons."
    return place, message


def _archive(place: Place, *, moderator: User, label: str, comment: str) -> None:
    """Archive a place that no longer exists, with a history line.

    The place becomes "closed": unlike a place the census archived (no source feeds it), a closed place
    stays closed when a source still lists it; an animator can reopen it from the admin.
    """
    place = Place.objects.select_for_update().get(pk=place.pk)
    if place.status in {PlaceStatus.ARCHIVED, PlaceStatus.CLOSED}:
        return
    before = PlaceStatus(place.status).label
    place.status = PlaceStatus.CLOSED
    place.save(update_fields=["status", "updated_at"])
    PlaceVersion.objects.create(
        place=place,
        author=moderator,
        author_label=label,
        origin=VersionOrigin.CONTRIBUTION,
        changes={"status": [before, PlaceStatus.CLOSED.label]},
        snapshot=card_snapshot(place),
        comment=comment,
    )


def _record_of(place: Place) -> SourceRecord:
    """One record feeding `place`, an imported one rather than its own `maillage` record."""
    records = sorted(
        place.source_records.all(), key=lambda record: (record.source == EDIT_SOURCE, record.key)
    )
    if not records:
        raise ContributionError(f"« {place.name} » n'a aucune fiche source : fusion impossible ici.")
    return records[0]


def _merge(place: Place, other: Place | None, *, moderator: User) -> Place:
    """Record a person's "merge" decision between one record of each place and rebuild the census.

    The decision is a `MatchDecision`, like those taken on the duplicates screen: it survives re-imports.
    """
    if other is None:
        raise ContributionError("Le lieu signalé comme doublon n'existe plus.")
    first, second = _record_of(place), _record_of(other)
    key_a, key_b = pair_key(first.key, second.key)
    MatchDecision.objects.update_or_create(
        key_a=key_a,
        key_b=key_b,
        defaults={"decision": Decision.MERGE, "decided_by": moderator.get_username()},
    )
    census_rebuild()
    first.refresh_from_db()
    second.refresh_from_db()
    if first.place_id is None or first.place_id != second.place_id:
        raise ContributionError(
            "Fusion impossible : une décision « garder séparés » sépare déjà ces lieux (écran Doublons)."
        )
    return Place.objects.get(pk=first.place_id)


# --- The animators' digest ------------------------------------------------------------------------------


@dataclass
class Digest:
    since: datetime.datetime
    until: datetime.datetime
    contributions: list[Contribution] = field(default_factory=list)
    pending: int = 0
    recipients: list[str] = field(default_factory=list)
    sent: bool = False
    note: str = ""


def digest_recipients() -> list[str]:
    """`MAILLAGE_ANIMATOR_EMAILS`, or else the e-mail addresses of active staff members."""
    configured = list(settings.MAILLAGE_ANIMATOR_EMAILS)
    if configured:
        return configured
    staff = User.objects.filter(is_active=True, is_staff=True).exclude(email="").order_by("email")
    return list(dict.fromkeys(staff.values_list("email", flat=True)))


def day_window(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """From midnight to midnight, local time."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min))
    return start, end


def contributions_digest_send(
    *, since: datetime.datetime, until: datetime.datetime, recipients: list[str], dry_run: bool = False
) -> Digest:
    """E-mail the contributions received in [since, until) to the animators (nothing when none came)."""
    digest = Digest(since=since, until=until, recipients=recipients)
    digest.contributions = contributions_received(since=since, until=until)
    digest.pending = contributions_pending().count()
    if not digest.contributions:
        digest.note = "Aucune contribution reçue sur la période : rien n'est envoyé."
    elif not recipients:
        digest.note = (
            "Aucun destinataire : MAILLAGE_ANIMATOR_EMAILS est vide et aucun animateur n'a d'adresse."
        )
    elif dry_run:
        digest.note = "Essai : rien n'est envoyé."
    else:
        notifications.digest_email_send(digest)
        digest.sent = True
    return digest


def contributions_daily_digest(*, day: datetime.date, stamp: Path, force: bool = False) -> Digest:
    """The digest of one calendar day, sent once: `stamp` remembers the last day sent (a second run is a
    no-op unless `force`)."""
    since, until = day_window(day)
    last = stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else ""
    if last >= day.isoformat() and not force:
        return Digest(since=since, until=until, note=f"Résumé du {day:%d/%m/%Y} déjà envoyé : rien à faire.")
    digest = contributions_digest_send(since=since, until=until, recipients=digest_recipients())
    if digest.sent or not digest.contributions:
        stamp.parent.mkdir(parents=True, exist_ok=True)
        stamp.write_text(day.isoformat() + "\n", encoding="utf-8")
    return digest
