"""Privacy-safe page counters: a number per page and day, nothing about who asked (no IP address, no
cookie, no user agent stored). `PageCountMiddleware` counts successful GETs of the routes in COUNTED;
obvious robots (user agent naming itself a bot) are not counted, and a failure never breaks the page."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from maillage.reporting.models import DailyCount

logger = logging.getLogger(__name__)

# URL name → counter key; a key ending with ":" gets the `key` URL argument appended.
COUNTED = {
    "publishing:map": "map.page",
    "publishing:place-detail": "map.place",
    "opendata:opendata-list": "opendata.page",
    "opendata:opendata-download": "opendata.download:",
}
ROBOT_MARKS = ("bot", "spider", "crawl", "slurp", "preview")


def count_add(key: str, *, day: datetime.date | None = None) -> None:
    """Add one to today's (or `day`'s) counter `key`."""
    today = day or timezone.localdate()
    with transaction.atomic():
        if DailyCount.objects.filter(day=today, key=key).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                DailyCount.objects.create(day=today, key=key, count=1)
        except IntegrityError:  # created meanwhile by a concurrent request
            DailyCount.objects.filter(day=today, key=key).update(count=F("count") + 1)


def counter_key(request: HttpRequest, response: HttpResponse) -> str | None:
    match = request.resolver_match
    if request.method != "GET" or response.status_code != 200 or match is None:
        return None
    key = COUNTED.get(match.view_name)
    if key is None:
        return None
    agent = request.headers.get("user-agent", "").lower()
    if any(mark in agent for mark in ROBOT_MARKS) or request.headers.get("hx-request"):
        return None
    return key + str(match.kwargs.get("key", "")) if key.endswith(":") else key


class PageCountMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        key = counter_key(request, response)
        if key is not None:
            try:
                count_add(key)
            except DatabaseError:  # pragma: no cover - the page matters more than its counter
                logger.exception("Compteur %s non incrémenté", key)
        return response
