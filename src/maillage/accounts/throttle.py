"""Throttled log-in: after too many failures for one (e-mail, client address), refuse for a while.

`MAILLAGE_LOGIN_MAX_FAILURES` failures within `MAILLAGE_LOGIN_THROTTLE_MINUTES` lock that pair for the
same number of minutes. State lives in Django's cache under a hash of the pair: no e-mail in clear, no
password ever. Each process has its own cache with the default LocMemCache; several server processes
need a shared cache (CACHES) for the limit to hold across them.
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

PREFIX = "maillage:login"


def _now() -> float:
    """Seconds since the epoch (the tests move this clock rather than wait)."""
    return time.time()


def _window() -> float:
    return settings.MAILLAGE_LOGIN_THROTTLE_MINUTES * 60.0


def client_address(request: HttpRequest | None) -> str:
    """The address the request came from, as the server saw it (a proxy's header is not trusted)."""
    if request is None:
        return "-"
    return str(request.META.get("REMOTE_ADDR") or "-")


def _keys(email: str, address: str) -> tuple[str, str]:
    digest = hashlib.sha256(f"{email.strip().lower()}|{address}".encode()).hexdigest()
    return f"{PREFIX}:failures:{digest}", f"{PREFIX}:locked:{digest}"


def login_locked(*, email: str, address: str) -> bool:
    """Whether log-in attempts for this e-mail from this address are refused right now."""
    _, locked_key = _keys(email, address)
    until = cache.get(locked_key)
    return until is not None and float(until) > _now()


def login_failure_record(*, email: str, address: str) -> bool:
    """Count one failed attempt; True when it locks the pair (the limit is reached)."""
    failures_key, locked_key = _keys(email, address)
    now = _now()
    window = _window()
    recent = [moment for moment in cache.get(failures_key, []) if moment > now - window]
    recent.append(now)
    if len(recent) >= settings.MAILLAGE_LOGIN_MAX_FAILURES:
        cache.set(locked_key, now + window, timeout=int(window) + 1)
        cache.delete(failures_key)
        return True
    cache.set(failures_key, recent, timeout=int(window) + 1)
    return False


def login_failures_clear(*, email: str, address: str) -> None:
    """A successful log-in forgets the earlier failures of the pair."""
    failures_key, _ = _keys(email, address)
    cache.delete(failures_key)
