"""Signed links of the network: a person confirms or manages their card, an actor answers a routing.

Links carry an id and a tag of the e-mail address (a changed address voids the link), never the address.
"""

from __future__ import annotations

import datetime

from django.core import signing

from maillage.accounts.tokens import email_tag

ACTOR_SALT = "maillage.network.actor"
ROUTING_SALT = "maillage.network.routing"
LINK_DAYS = 90


def actor_token(*, actor_id: int, email: str) -> str:
    return signing.dumps({"a": actor_id, "t": email_tag(email)}, salt=ACTOR_SALT)


def routing_token(*, routing_id: int, email: str) -> str:
    return signing.dumps({"r": routing_id, "t": email_tag(email)}, salt=ROUTING_SALT)


def _read(token: str, salt: str, key: str) -> tuple[int, str] | None:
    try:
        data = signing.loads(token, salt=salt, max_age=datetime.timedelta(days=LINK_DAYS))
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get(key), int):
        return None
    return data[key], str(data.get("t", ""))


def actor_token_read(token: str) -> tuple[int, str] | None:
    """(actor id, e-mail tag), or None for a forged or expired link."""
    return _read(token, ACTOR_SALT, "a")


def routing_token_read(token: str) -> tuple[int, str] | None:
    return _read(token, ROUTING_SALT, "r")
