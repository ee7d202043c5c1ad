"""Writes of the accounts app: structures, invitations (sent by e-mail, accepted through a signed link).

Keyword-only and atomic; the invitation e-mail is sent inside the transaction, so that an invitation
whose message could not leave is not kept (the animator sees the error and tries again).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from maillage.accounts.models import Invitation, Membership, Structure
from maillage.accounts.permissions import structure_ids_forget
from maillage.accounts.selectors import user_active_by_email
from maillage.accounts.tokens import InvitationLinkError, TokenProblem, invitation_token_make

if TYPE_CHECKING:
    from django.contrib.auth.models import User

USERNAME_MAX = 150


class AccountExistsError(Exception):
    """An account already has the invitation's address: its owner logs in instead of choosing a password."""


class WrongAccountError(Exception):
    """The signed-in person is not the one the invitation was sent to."""


@transaction.atomic
def structure_create(*, name: str, siret: str = "", email: str = "") -> Structure:
    return Structure.objects.create(name=name.strip(), siret=siret.strip(), email=email.strip().lower())


def invitation_url(*, invitation: Invitation, base_url: str) -> str:
    token = invitation_token_make(invitation_id=invitation.pk, email=invitation.email)
    return urljoin(base_url, reverse("accounts:invitation-accept", args=[token]))


@transaction.atomic
def invitation_send(*, structure: Structure, email: str, invited_by: Any, base_url: str) -> Invitation:
    """Record an invitation to `structure` and e-mail its signed link (absolute, on `base_url`)."""
    invitation = Invitation.objects.create(
        email=email.strip().lower(), structure=structure, invited_by=invited_by
    )
    context = {
        "invitation": invitation,
        "structure": structure,
        "inviter": _display_name(invited_by),
        "url": invitation_url(invitation=invitation, base_url=base_url),
        "days": settings.MAILLAGE_INVITATION_DAYS,
        "network_name": settings.MAILLAGE_NETWORK_NAME,
    }
    subject = " ".join(render_to_string("accounts/email/invitation_subject.txt", context).split())
    body = render_to_string("accounts/email/invitation_body.txt", context)
    send_mail(subject, body, None, [invitation.email], fail_silently=False)
    return invitation


def _pending(invitation: Invitation) -> Invitation:
    """The invitation row, locked for this transaction; refused when it was accepted or deleted since."""
    locked = Invitation.objects.select_for_update().filter(pk=invitation.pk).first()
    if locked is None:
        raise InvitationLinkError(TokenProblem.REVOKED)
    if locked.accepted_at is not None:
        raise InvitationLinkError(TokenProblem.USED)
    return locked


def _join(*, invitation: Invitation, user: Any) -> Membership:
    membership, _ = Membership.objects.get_or_create(user=user, structure_id=invitation.structure_id)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    structure_ids_forget(user)
    return membership


@transaction.atomic
def invitation_accept_new_account(
    *, invitation: Invitation, password: str, first_name: str = "", last_name: str = ""
) -> User:
    """Create the invitee's account with `password` (validated by the caller's form) and join."""
    locked = _pending(invitation)
    existing = user_active_by_email(email=locked.email)
    if existing is not None and existing.has_usable_password():
        raise AccountExistsError(locked.email)
    if existing is None:
        user: User = get_user_model()._default_manager.create_user(  # type: ignore[attr-defined]
            username=_free_username(locked.email),
            email=locked.email,
            password=password,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
        )
    else:  # an account made without a password (by the admin): its owner chooses one now
        user = existing
        user.set_password(password)
        user.first_name = first_name.strip() or user.first_name
        user.last_name = last_name.strip() or user.last_name
        user.save(update_fields=["password", "first_name", "last_name"])
    _join(invitation=locked, user=user)
    return user


@transaction.atomic
def invitation_accept_as(*, invitation: Invitation, user: Any) -> Membership:
    """The signed-in owner of the invitation's address joins the structure."""
    locked = _pending(invitation)
    if (user.email or "").strip().lower() != locked.email.lower():
        raise WrongAccountError(locked.email)
    return _join(invitation=locked, user=user)


def _display_name(user: Any) -> str:
    if user is None:
        return "L'animation du réseau"
    return str(user.get_full_name() or user.email or user.get_username())


def _free_username(email: str) -> str:
    """The address itself as username when it is free and short enough, else a numbered variant."""
    user_model = get_user_model()
    base = email.lower()[:USERNAME_MAX]
    candidate, number = base, 1
    while user_model._default_manager.filter(username__iexact=candidate).exists():
        number += 1
        suffix = f"-{number}"
        candidate = base[: USERNAME_MAX - len(suffix)] + suffix
    return candidate
