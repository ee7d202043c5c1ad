"""News items written, edited, picked from a partner feed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from maillage.news.enums import ItemKind
from maillage.news.models import FeedItem, NewsItem

ITEM_FIELDS = ("kind", "title", "body", "url", "tags", "commune", "place", "event")


@transaction.atomic
def news_item_create(*, author: Any, data: dict[str, Any]) -> NewsItem:
    item = NewsItem(author=author, published_at=data.get("published_at") or timezone.now())
    for name in ITEM_FIELDS:
        if name in data:
            setattr(item, name, data[name])
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def feed_item_pick(*, feed_item: FeedItem, author: Any, comment: str, tags: list[str]) -> NewsItem:
    """The animator keeps a partner's entry in the watch, as a commented link (once: picking twice returns
    the same item)."""
    existing = NewsItem.objects.filter(source=feed_item).first()
    if existing is not None:
        return existing
    item = NewsItem(
        kind=ItemKind.LINK,
        title=feed_item.title[:200],
        body=comment or feed_item.summary[:1000],
        url=feed_item.link,
        tags=tags,
        source=feed_item,
        author=author,
        published_at=timezone.now(),
    )
    item.full_clean()
    item.save()
    return item


def feed_item_dismiss(*, feed_item: FeedItem) -> None:
    FeedItem.objects.filter(pk=feed_item.pk).update(dismissed=True)
