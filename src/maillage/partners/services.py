"""Partner tokens: creation (the secret shown once), revocation, authentication, hourly limit; pushes."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from maillage.census.services.partner_push import PushRefused, PushReport, partner_records_push
from maillage.partners.models import PartnerPush, PartnerToken, Scope

TOKEN_PREFIX = "mlg_"  # noqa: S105 (a visible prefix, not a secret)
PREFIX_LENGTH = 12


class TokenRefused(Exception):
    """The token cannot be used: unknown, revoked, or without the scope. `status` is the HTTP status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class PushLimited(Exception):
    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


@dataclass(frozen=True)
class NewToken:
    token: PartnerToken
    secret: str  # shown once; only its hash is stored


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _unique_slug(name: str) -> str:
    base = slugify(name)[:50] or "partenaire"
    slug, number = base, 2
    while PartnerToken.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


@transaction.atomic
def partner_token_create(
    *,
    name: str,
    created_by: User | None,
    contact_email: str = "",
    scopes: list[str] | None = None,
    pushes_per_hour: int = 60,
) -> NewToken:
    """A new token for a partner; its records will be the census source `partner:<slug>`."""
    chosen = list(scopes) if scopes is not None else [Scope.PLACES_WRITE.value]
    unknown = sorted(set(chosen) - set(Scope.values))
    if unknown:
        raise ValueError(f"droits inconnus : {', '.join(unknown)}")
    if not name.strip():
        raise ValueError("le nom du partenaire est obligatoire")
    if pushes_per_hour < 1:
        raise ValueError("au moins un envoi par heure")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = PartnerToken.objects.create(
        name=name.strip(),
        slug=_unique_slug(name),
        contact_email=contact_email,
        prefix=secret[:PREFIX_LENGTH],
        secret_hash=secret_hash(secret),
        scopes=chosen,
        pushes_per_hour=pushes_per_hour,
        created_by=created_by,
    )
    return NewToken(token, secret)


def partner_token_revoke(*, token: PartnerToken) -> PartnerToken:
    """Revoke at once and for good (a new token is needed); what the partner sent stays in the census."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def partner_token_authenticate(secret: str, *, scope: str) -> PartnerToken:
    """The token of this secret, if it is valid and carries `scope`; TokenRefused otherwise."""
    token = PartnerToken.objects.filter(secret_hash=secret_hash(secret)).first()
    if token is None:
        raise TokenRefused("Jeton inconnu : vérifiez l'en-tête « Authorization: Bearer <jeton> ».", 401)
    if token.revoked_at is not None:
        when = timezone.localtime(token.revoked_at).strftime("%d/%m/%Y à %H:%M")
        raise TokenRefused(f"Ce jeton a été révoqué le {when} : demandez-en un nouveau à l'animation.", 401)
    if scope not in token.scopes:
        raise TokenRefused(f"Ce jeton n'a pas le droit « {scope} ».", 403)
    return token


def _check_rate(token: PartnerToken, now: datetime.datetime) -> None:
    window_start = now - datetime.timedelta(hours=1)
    recent = token.pushes.filter(received_at__gt=window_start)
    if recent.count() >= token.pushes_per_hour:
        oldest = recent.order_by("received_at").values_list("received_at", flat=True).first() or now
        retry_after = max(1, int((oldest + datetime.timedelta(hours=1) - now).total_seconds()) + 1)
        raise PushLimited(
            f"Limite atteinte : {token.pushes_per_hour} envois par heure pour ce jeton. "
            f"Réessayez dans {retry_after} s.",
            retry_after,
        )


def partner_push(*, token: PartnerToken, records: list[Any], max_records: int) -> PushReport:
    """Log the call, apply the hourly limit and the size limit, then push (PushRefused: nothing stored)."""
    now = timezone.now()
    _check_rate(token, now)
    PartnerToken.objects.filter(pk=token.pk).update(last_used_at=now)
    log = PartnerPush.objects.create(token=token, records=len(records))
    if len(records) > max_records:
        error = PushRefused(f"Trop de lieux dans un envoi : {len(records)} (au plus {max_records}).")
        log.summary = {"refus": error.message}
        log.save(update_fields=["summary"])
        raise error
    try:
        report = partner_records_push(
            source=token.source,
            records=records,
            partner_label=token.name,
            contact_email=token.contact_email,
        )
    except PushRefused as error:
        # PostgreSQL keeps no NUL character in JSON: a refusal may quote a sender's NUL-laden column name
        log.summary = {"refus": error.message.replace("\x00", ""), "erreurs": len(error.errors)}
        log.save(update_fields=["summary"])
        raise
    log.accepted = True
    states = ("pending", "updated", "unchanged", "refused_before")
    log.summary = {state: report.count(state) for state in states}
    log.save(update_fields=["accepted", "summary"])
    return report
