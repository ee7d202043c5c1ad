"""Reads for the accounts pages: structures with their members and places, invitations from links."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet

from maillage.accounts.models import Invitation, Membership, Structure
from maillage.accounts.tokens import InvitationLinkError, TokenProblem, email_tag, invitation_token_read

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def structures_with_members() -> QuerySet[Structure]:
    """Every structure by name, with its members (people) and counts of places and pending invitations."""
    members = Membership.objects.select_related("user").order_by("user__email", "user__username")
    return (
        Structure.objects.order_by("name", "pk")
        .annotate(
            places_count=Count("places", distinct=True),
            pending_invitations=Count("invitations", filter=Q(invitations__accepted_at=None), distinct=True),
        )
        .prefetch_related(Prefetch("memberships", queryset=members))
    )


def structures_of_member_with_places(*, user: Any) -> QuerySet[Structure]:
    """The structures `user` belongs to, each with its places by name (`Place` through its app label)."""
    places = apps.get_model("places", "Place")._default_manager.order_by("name", "pk")
    return (
        Structure.objects.filter(memberships__user=user)
        .order_by("name", "pk")
        .prefetch_related(Prefetch("places", queryset=places))
    )


def structure_has_member_email(*, structure: Structure, email: str) -> bool:
    return Membership.objects.filter(structure=structure, user__email__iexact=email.strip()).exists()


def user_active_by_email(*, email: str) -> User | None:
    """The active account with this e-mail address (case-insensitive), the oldest when several share it."""
    accounts = get_user_model()._default_manager.filter(email__iexact=email.strip(), is_active=True)
    return accounts.order_by("pk").first()  # type: ignore[return-value]


def invitation_from_token(*, token: str) -> Invitation:
    """The pending invitation a link points to; raises `InvitationLinkError` saying why it cannot be used."""
    invitation_id, tag = invitation_token_read(token)
    invitation = Invitation.objects.select_related("structure", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or email_tag(invitation.email) != tag:
        raise InvitationLinkError(TokenProblem.REVOKED)
    if invitation.accepted_at is not None:
        raise InvitationLinkError(TokenProblem.USED)
    return invitation
