"""Signed links: confirm a subscription (expires), unsubscribe in one click, open one's preferences."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

CONFIRM_SALT = "maillage.newsletters.confirm"
UNSUBSCRIBE_SALT = "maillage.newsletters.unsubscribe"
PREFERENCES_SALT = "maillage.newsletters.preferences"


def absolute(path: str) -> str:
    return settings.MAILLAGE_PUBLIC_URL.rstrip("/") + path


def _dump(value: dict[str, object], salt: str) -> str:
    return signing.dumps(value, salt=salt, compress=True)


def _load(token: str, salt: str, max_age: int | None = None) -> dict[str, object] | None:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired:
        return {"expired": True}
    except signing.BadSignature:
        return None
    return data if isinstance(data, dict) else None


def confirm_url(subscription_id: int, email: str) -> str:
    token = _dump({"s": subscription_id, "e": email}, CONFIRM_SALT)
    return absolute(reverse("newsletters:subscription-confirm", args=[token]))


def confirm_read(token: str) -> dict[str, object] | None:
    """{"s": id, "e": email}, {"expired": True}, or None when forged."""
    days = settings.MAILLAGE_NEWSLETTER_CONFIRM_DAYS
    return _load(token, CONFIRM_SALT, max_age=days * 86400)


def unsubscribe_url(subscription_id: int) -> str:
    return absolute(
        reverse("newsletters:unsubscribe", args=[_dump({"s": subscription_id}, UNSUBSCRIBE_SALT)])
    )


def unsubscribe_read(token: str) -> int | None:
    data = _load(token, UNSUBSCRIBE_SALT)
    value = data.get("s") if data else None
    return value if isinstance(value, int) else None


def preferences_url(subscriber_id: int, email: str) -> str:
    token = _dump({"p": subscriber_id, "e": email}, PREFERENCES_SALT)
    return absolute(reverse("newsletters:preferences", args=[token]))


def preferences_read(token: str) -> tuple[int, str] | None:
    data = _load(token, PREFERENCES_SALT)
    if not data or not isinstance(data.get("p"), int):
        return None
    return int(data["p"]), str(data.get("e", ""))  # type: ignore[call-overload]
