from django.urls import path

from maillage.news.views import public, watch

app_name = "news"
urlpatterns = [
    path("actualites/", public.item_list, name="item-list"),
    path("actualites.rss", public.feed_rss, name="feed-rss"),
    path("actualites/nouvelle/", watch.item_new, name="item-new"),
    path("actualites/<int:item_id>/", public.item_detail, name="item-detail"),
    path("animation/veille/", watch.watch, name="watch"),
    path("animation/veille/<int:entry_id>/retenir/", watch.entry_pick, name="entry-pick"),
    path("animation/veille/<int:entry_id>/ecarter/", watch.entry_dismiss, name="entry-dismiss"),
]
