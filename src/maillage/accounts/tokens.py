"""Signed invitation links: the invitation's id and a tag of its e-mail, timestamped, valid
`MAILLAGE_INVITATION_DAYS`. The address itself is not in the link (links end up in server logs); its
tag makes a link void when the invitation's address is changed.

No database here: `selectors.invitation_from_token` turns a token into its invitation.
"""

from __future__ import annotations

import enum
import hashlib
from datetime import timedelta

from django.conf import settings
from django.core import signing

SALT = "maillage.accounts.invitation"


class TokenProblem(enum.Enum):
    """Why an invitation link cannot be used; each has its own page and HTTP status."""

    FORGED = "forged"  # not a link Maillage signed (altered, truncated, another site's key)
    EXPIRED = "expired"  # signed, but older than MAILLAGE_INVITATION_DAYS
    USED = "used"  # already accepted
    REVOKED = "revoked"  # the invitation was deleted (or its e-mail changed) since it was sent

    @property
    def http_status(self) -> int:
        """400 Bad Request for a link we never made; 410 Gone for one that served its time."""
        return 400 if self is TokenProblem.FORGED else 410


class InvitationLinkError(Exception):
    def __init__(self, problem: TokenProblem) -> None:
        super().__init__(problem.name)
        self.problem = problem


def invitation_max_age() -> timedelta:
    return timedelta(days=settings.MAILLAGE_INVITATION_DAYS)


def email_tag(email: str) -> str:
    """A short digest of the address (the signature, not this digest, is what cannot be forged)."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:16]


def invitation_token_make(*, invitation_id: int, email: str) -> str:
    signer = signing.TimestampSigner(salt=SALT)
    return signer.sign_object({"id": invitation_id, "tag": email_tag(email)})


def invitation_token_read(token: str) -> tuple[int, str]:
    """The (invitation id, e-mail tag) a token carries; raises `InvitationLinkError` (forged, expired)."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        payload = signer.unsign_object(token, max_age=invitation_max_age())
    except signing.SignatureExpired as exc:
        raise InvitationLinkError(TokenProblem.EXPIRED) from exc
    except (signing.BadSignature, ValueError) as exc:
        raise InvitationLinkError(TokenProblem.FORGED) from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("id"), int):
        raise InvitationLinkError(TokenProblem.FORGED)
    return payload["id"], str(payload.get("tag", ""))
