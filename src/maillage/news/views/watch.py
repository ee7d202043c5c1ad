"""The animators' watch: write an item, pick or dismiss the partner feeds' entries."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from maillage.accounts.permissions import animator_required, editor_required
from maillage.news.forms import NewsItemForm, PickForm, tags_parse
from maillage.news.models import FeedItem
from maillage.news.selectors import feeds_with_entries
from maillage.news.services.items import feed_item_dismiss, feed_item_pick, news_item_create


@editor_required
def item_new(request: HttpRequest) -> HttpResponse:
    form = NewsItemForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        item = news_item_create(author=request.user, data=form.cleaned_data)
        messages.success(request, f"« {item.title} » est publié dans la veille.")
        return redirect(item.get_absolute_url())
    return render(request, "news/item_form.html", {"form": form}, status=400 if form.errors else 200)


@animator_required
@require_safe
def watch(request: HttpRequest) -> HttpResponse:
    return render(request, "news/watch.html", {"feeds": feeds_with_entries(), "form": PickForm()})


@animator_required
@require_POST
def entry_pick(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = get_object_or_404(FeedItem, pk=entry_id)
    form = PickForm(request.POST)
    form.is_valid()
    data = form.cleaned_data
    item = feed_item_pick(
        feed_item=entry,
        author=request.user,
        comment=data.get("comment", ""),
        tags=tags_parse(data.get("tags_text", "")),
    )
    messages.success(request, f"« {item.title} » est retenu dans la veille.")
    return redirect("news:watch")


@animator_required
@require_POST
def entry_dismiss(request: HttpRequest, entry_id: int) -> HttpResponse:
    feed_item_dismiss(feed_item=get_object_or_404(FeedItem, pk=entry_id))
    return redirect("news:watch")
