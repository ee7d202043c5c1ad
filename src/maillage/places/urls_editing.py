"""Routes of one feature of the places app (included by places/urls.py, namespace `places`): editing a
card, its history and restores, the freshness links and dashboard."""

from django.urls import URLPattern, path

from maillage.places.views import editing

urlpatterns: list[URLPattern] = [
    path("lieux/<uuid:place_id>/modifier/", editing.place_edit, name="place-edit"),
    path("lieux/modification/apercu-horaires/", editing.hours_preview, name="hours-preview"),
    path("lieux/<uuid:place_id>/historique/", editing.place_history, name="place-history"),
    path(
        "lieux/<uuid:place_id>/historique/<int:version_id>/restaurer/",
        editing.version_restore,
        name="version-restore",
    ),
    path("lieux/<uuid:place_id>/verifier/<str:token>/", editing.place_verify_link, name="place-verify"),
    path("animation/fraicheur/", editing.freshness_list, name="freshness-list"),
]
