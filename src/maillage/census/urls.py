"""Routes of the census's review by animators (namespace `census`): possible duplicates, splitting a
record off a place, the places by quality."""

from django.urls import path

from maillage.census.views import review

app_name = "census"
urlpatterns = [
    path("animation/doublons/", review.review_list, name="review-list"),
    path("animation/doublons/<int:pair_id>/", review.review_pair, name="review-pair"),
    path(
        "animation/lieux/<uuid:place_id>/sources/<int:record_id>/detacher/",
        review.place_split_record,
        name="place-split",
    ),
    path("animation/lieux/", review.quality_list, name="quality-list"),
]
