"""Partner feeds fetched with a conditional GET (ETag, Last-Modified) and a timeout; a broken feed is
recorded on the feed, never raised; entries already known (same GUID) are left alone."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from maillage.interop.feeds.reader import parse_feed
from maillage.news.models import Feed, FeedItem

MAX_BYTES = 5_000_000
USER_AGENT = "Maillage (veille partagée ; +https://example.invalid/maillage)"


@dataclass(frozen=True)
class Fetched:
    status: int  # 200, 304
    content: bytes
    etag: str
    last_modified: str


Fetcher = Callable[[str, dict[str, str], float], Fetched]


def http_fetch(url: str, headers: dict[str, str], timeout: float) -> Fetched:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **headers})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            content = response.read(MAX_BYTES + 1)
            if len(content) > MAX_BYTES:
                raise ValueError(f"flux de plus de {MAX_BYTES // 1_000_000} Mo")
            return Fetched(
                status=response.status,
                content=content,
                etag=response.headers.get("ETag", ""),
                last_modified=response.headers.get("Last-Modified", ""),
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(status=304, content=b"", etag="", last_modified="")
        raise


@dataclass(frozen=True)
class FeedReport:
    feed: str
    new: int = 0
    not_modified: bool = False
    error: str = ""


def feed_fetch(feed: Feed, *, fetcher: Fetcher = http_fetch, timeout: float = 10.0) -> FeedReport:
    """Fetch one feed and store its new entries; every failure ends as `feed.last_error`."""
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    feed.checked_at = timezone.now()
    try:
        fetched = fetcher(feed.url, headers, timeout)
    except urllib.error.HTTPError as exc:
        return _failed(feed, f"le site a répondu HTTP {exc.code}")
    except TimeoutError:
        return _failed(feed, f"pas de réponse en {timeout:g} s")
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return _failed(feed, f"lecture impossible ({reason})")
    if fetched.status == 304:
        feed.last_error = ""
        feed.save(update_fields=["checked_at", "last_error"])
        return FeedReport(feed=feed.name, not_modified=True)
    parsed = parse_feed(fetched.content)
    if parsed.error:
        return _failed(feed, parsed.error)
    with transaction.atomic():
        known = set(FeedItem.objects.filter(feed=feed).values_list("guid", flat=True))
        known_links = set(FeedItem.objects.filter(feed=feed).exclude(link="").values_list("link", flat=True))
        fresh = [
            FeedItem(
                feed=feed,
                guid=entry.guid,
                link=entry.link,
                title=entry.title,
                summary=entry.summary,
                published_at=entry.published,
            )
            for entry in parsed.entries
            if entry.guid not in known and not (entry.link and entry.link in known_links)
        ]
        FeedItem.objects.bulk_create(fresh)
        feed.etag, feed.last_modified, feed.last_error = fetched.etag, fetched.last_modified, ""
        feed.save(update_fields=["checked_at", "etag", "last_modified", "last_error"])
    return FeedReport(feed=feed.name, new=len(fresh))


def _failed(feed: Feed, reason: str) -> FeedReport:
    feed.last_error = reason
    feed.save(update_fields=["checked_at", "last_error"])
    return FeedReport(feed=feed.name, error=reason)


def feeds_fetch_all(*, fetcher: Fetcher = http_fetch, timeout: float = 10.0) -> list[FeedReport]:
    return [feed_fetch(f, fetcher=fetcher, timeout=timeout) for f in Feed.objects.filter(active=True)]
