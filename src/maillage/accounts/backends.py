"""Log-in by e-mail address: case-insensitive, and only when one active account has that address.

`django.contrib.auth.backends.ModelBackend` stays after this one (settings.AUTHENTICATION_BACKENDS) for
the admin's accounts that log in with a username.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class EmailBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        email = (kwargs.get("email") or username or "").strip()
        if "@" not in email or password is None:
            return None  # not an e-mail address: the username backend answers
        user_model = get_user_model()
        matches = list(user_model._default_manager.filter(email__iexact=email, is_active=True)[:2])
        if len(matches) != 1:
            # No account, or an ambiguous address: refuse, after hashing like a real check would
            # (the time taken does not tell whether the address has an account).
            user_model().set_password(password)
            return None
        user = matches[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
