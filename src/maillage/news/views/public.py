"""`/actualites/`: the watch's items (filter by type or tag), one item, the RSS feed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.feedgenerator import Rss201rev2Feed
from django.views.decorators.http import require_safe

from maillage.agenda.domain.text import markdown_to_html
from maillage.news.enums import ItemKind
from maillage.news.models import NewsItem
from maillage.news.selectors import news_items


@require_safe
def item_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("type", "")
    kind = kind if kind in ItemKind.values else ""
    tag = request.GET.get("mot", "")[:100]
    context = {"items": news_items(kind=kind, tag=tag), "kinds": ItemKind.choices, "kind": kind, "tag": tag}
    return render(request, "news/item_list.html", context)


@require_safe
def item_detail(request: HttpRequest, item_id: int) -> HttpResponse:
    item = get_object_or_404(NewsItem.objects.select_related("commune", "place", "event"), pk=item_id)
    return render(request, "news/item_detail.html", {"item": item, "body_html": markdown_to_html(item.body)})


@require_safe
def feed_rss(request: HttpRequest) -> HttpResponse:
    feed = Rss201rev2Feed(
        title="Actualités et veille du réseau",
        link=request.build_absolute_uri("/actualites/"),
        description="Actualités, liens commentés, ressources et initiatives locales",
        language="fr",
    )
    for item in news_items(limit=50):
        url = request.build_absolute_uri(item.get_absolute_url())
        feed.add_item(
            title=item.title,
            link=item.url or url,
            description=markdown_to_html(item.body),
            pubdate=item.published_at,
            unique_id=url,
            categories=item.tags,
        )
    response = HttpResponse(content_type="application/rss+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
