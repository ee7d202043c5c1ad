"""Reads of the watch: published items (with filters), partner feeds and their entries to pick."""

from __future__ import annotations

from django.db.models import QuerySet

from maillage.news.models import Feed, FeedItem, NewsItem


def news_items(*, kind: str = "", tag: str = "", limit: int = 100) -> QuerySet[NewsItem]:
    items = NewsItem.objects.select_related("commune").order_by("-published_at", "-pk")
    if kind:
        items = items.filter(kind=kind)
    if tag:
        items = items.filter(tags__has=tag)
    return items[:limit]


def feeds_with_entries(*, per_feed: int = 20) -> list[tuple[Feed, list[FeedItem]]]:
    """Each feed and its latest entries neither picked nor dismissed."""
    return [
        (
            feed,
            list(
                FeedItem.objects.filter(feed=feed, dismissed=False, picked__isnull=True).order_by(
                    "-published_at", "-pk"
                )[:per_feed]
            ),
        )
        for feed in Feed.objects.order_by("name")
    ]
