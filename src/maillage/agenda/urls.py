from django.urls import path

from maillage.agenda.views import editing, feeds, moderation, public, registrations

app_name = "agenda"
urlpatterns = [
    path("agenda/", public.event_list, name="event-list"),
    path("agenda/calendrier/", public.event_calendar, name="event-calendar"),
    path("agenda/carte/", public.event_map, name="event-map"),
    path("agenda/carte/donnees.json", public.map_data, name="map-data"),
    path("agenda.ics", feeds.feed_ics, name="feed-ics"),
    path("agenda.rss", feeds.feed_rss, name="feed-rss"),
    path("agenda.json", feeds.feed_json, name="feed-json"),
    path("agenda/openagenda.json", feeds.feed_openagenda, name="feed-openagenda"),
    path("agenda/nouveau/", editing.event_new, name="event-new"),
    path("agenda/propose/", editing.event_proposed, name="event-proposed"),
    path("agenda/inscription/merci/", registrations.registration_done, name="registration-done"),
    path(
        "agenda/inscription/annuler/<str:token>/",
        registrations.registration_cancel_view,
        name="registration-cancel",
    ),
    path("agenda/<uuid:event_id>/", public.event_detail, name="event-detail"),
    path("agenda/<uuid:event_id>/evenement.ics", feeds.event_ics, name="event-ics"),
    path("agenda/<uuid:event_id>/image", public.event_image, name="event-image"),
    path("agenda/<uuid:event_id>/modifier/", editing.event_edit, name="event-edit"),
    path("agenda/<uuid:event_id>/statut/", editing.event_status, name="event-status"),
    path("agenda/<uuid:event_id>/inscription/", registrations.event_register, name="event-register"),
    path("agenda/<uuid:event_id>/participants/", registrations.participants, name="participants"),
    path(
        "agenda/<uuid:event_id>/participants/ajouter/",
        registrations.participant_add,
        name="participant-add",
    ),
    path(
        "agenda/<uuid:event_id>/participants/<int:registration_id>/annuler/",
        registrations.participant_remove,
        name="participant-remove",
    ),
    path("agenda/<uuid:event_id>/participants.csv", registrations.participants_csv, name="participants-csv"),
    path("animation/agenda/", moderation.moderation_list, name="moderation-list"),
    path(
        "animation/agenda/<uuid:event_id>/publier/", moderation.moderation_publish, name="moderation-publish"
    ),
    path("animation/agenda/<uuid:event_id>/refuser/", moderation.moderation_reject, name="moderation-reject"),
]
