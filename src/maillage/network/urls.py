from django.urls import path

from maillage.network.views import animation, editing, gathering, public

app_name = "network"
urlpatterns = [
    path("reseau/", public.directory, name="directory"),
    path("reseau/structures/<int:structure_id>/", public.structure_detail, name="structure-detail"),
    path("reseau/structures/<int:structure_id>/modifier/", editing.structure_edit, name="structure-edit"),
    path("reseau/groupes/", public.groups, name="groups"),
    path("reseau/inscription/", public.signup, name="signup"),
    path("reseau/inscription/merci/", public.signup_done, name="signup-done"),
    path("reseau/inscription/confirmer/<str:token>/", public.confirm, name="actor-confirm"),
    path("reseau/ma-fiche/<str:token>/", public.manage, name="actor-manage"),
    path("reseau/ma-fiche/<str:token>/mes-donnees.json", public.export, name="actor-export"),
    path("reseau/demande/", public.request_new, name="request-new"),
    path("reseau/demande/merci/", public.request_done, name="request-done"),
    path("reseau/reponse/<str:token>/", public.answer, name="routing-answer"),
    path("reseau/rencontre/<int:gathering_id>/", gathering.programme, name="gathering"),
    path("animation/rencontres/<int:gathering_id>/", gathering.attendance, name="gathering-attendance"),
    path(
        "animation/rencontres/<int:gathering_id>/presences/",
        gathering.attendance_save,
        name="gathering-attendance-save",
    ),
    path("animation/rencontres/<int:gathering_id>/badges.pdf", gathering.badges_pdf, name="gathering-badges"),
    path(
        "animation/rencontres/<int:gathering_id>/emargement.pdf",
        gathering.attendance_pdf,
        name="gathering-attendance-pdf",
    ),
    path("animation/demandes/", animation.inbox, name="inbox"),
    path("animation/demandes/chiffres/", animation.figures, name="figures"),
    path("animation/demandes/<int:request_id>/", animation.detail, name="request-detail"),
    path("animation/demandes/<int:request_id>/orienter/", animation.route, name="request-route"),
    path("animation/demandes/<int:request_id>/clore/", animation.close, name="request-close"),
]
