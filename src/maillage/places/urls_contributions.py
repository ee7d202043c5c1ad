"""Routes of contributions and their moderation (included by places/urls.py, namespace `places`)."""

from django.urls import URLPattern, path

from maillage.places.views import contributions as views

urlpatterns: list[URLPattern] = [
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
]
