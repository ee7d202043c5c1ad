"""Routes of the changes people make to cards (namespace `contributions`): proposals, reports and their
moderation; editors' edits, the history and restores; the freshness links and dashboard."""

from django.urls import path

from maillage.contributions.views import contributions as views
from maillage.contributions.views import editing

app_name = "contributions"
urlpatterns = [
    path("lieux/proposer/", views.contribution_new, name="contribution-new"),
    path("lieux/merci/", views.contribution_thanks, name="contribution-thanks"),
    path("lieux/horaires/apercu/", views.contribution_hours_preview, name="contribution-hours-preview"),
    path("lieux/<uuid:place_id>/corriger/", views.contribution_correct, name="contribution-correct"),
    path("lieux/<uuid:place_id>/signaler/", views.contribution_report, name="contribution-report"),
    path(
        "lieux/<uuid:place_id>/signaler/doublons/",
        views.contribution_duplicate_search,
        name="contribution-duplicate-search",
    ),
    path("animation/moderation/", views.moderation_list, name="moderation-list"),
    path("animation/moderation/<int:contribution_id>/", views.moderation_item, name="moderation-item"),
    path(
        "animation/moderation/<int:contribution_id>/accepter/",
        views.moderation_approve,
        name="moderation-approve",
    ),
    path(
        "animation/moderation/<int:contribution_id>/refuser/",
        views.moderation_reject,
        name="moderation-reject",
    ),
    path(
        "animation/moderation/<int:contribution_id>/modifier/",
        views.moderation_edit,
        name="moderation-edit",
    ),
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
