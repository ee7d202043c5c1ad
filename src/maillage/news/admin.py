from django.contrib import admin

from maillage.news.models import Feed, FeedItem, NewsItem


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "url", "active", "checked_at", "last_error"]


@admin.register(FeedItem)
class FeedItemAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "feed", "published_at", "dismissed"]
    list_filter = ["feed", "dismissed"]


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["title", "kind", "published_at"]
    list_filter = ["kind"]
    search_fields = ["title", "body"]
    raw_id_fields = ["commune", "place", "event", "source", "author"]
