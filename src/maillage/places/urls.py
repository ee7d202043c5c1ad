from django.urls import path

from maillage.places import urls_contributions, urls_editing, urls_embed, urls_print
from maillage.places.views import map as map_views
from maillage.places.views import public, review

app_name = "places"
urlpatterns = [
    path("lieux/<uuid:place_id>/", public.place_detail, name="place-detail"),
    path("animation/doublons/", review.review_list, name="review-list"),
    path("animation/doublons/<int:pair_id>/", review.review_pair, name="review-pair"),
    path(
        "animation/lieux/<uuid:place_id>/sources/<int:record_id>/detacher/",
        review.place_split_record,
        name="place-split",
    ),
    path("animation/lieux/", review.quality_list, name="quality-list"),
    path("carte/", map_views.place_map, name="map"),
    path("carte/lieux.geojson", map_views.map_points, name="map-points"),
    path("carte/contours.geojson", map_views.map_outlines, name="map-outlines"),
]

# Contributions and moderation, editing and history: each feature keeps its routes in its own module.
urlpatterns += (
    urls_contributions.urlpatterns
    + urls_editing.urlpatterns
    + urls_print.urlpatterns
    + urls_embed.urlpatterns
)
