from django.urls import path

from maillage.lending.views import animation, feeds, public, requests

app_name = "lending"
urlpatterns = [
    path("pret/", public.catalogue, name="catalogue"),
    path("pret/disponibilites/", public.availability, name="availability"),
    path("pret/bilan/", feeds.figures, name="figures"),
    path("pret/bilan.csv", feeds.figures_csv, name="figures-csv"),
    path("pret/reservations.ics", feeds.staff_ics, name="staff-ics"),
    path("pret/mes-demandes/", requests.my_requests, name="my-requests"),
    path("pret/soutien/", requests.support_new, name="support-new"),
    path("pret/reservations/<int:booking_id>/", requests.booking_detail, name="booking-detail"),
    path("pret/reservations/<int:booking_id>/annuler/", requests.booking_cancel, name="booking-cancel"),
    path("pret/reservations/<int:booking_id>/accepter/", requests.booking_accept, name="booking-accept"),
    path("pret/<slug:slug>/", public.kit_detail, name="kit-detail"),
    path("pret/<slug:slug>/demander/", requests.booking_new, name="booking-new"),
    path("animation/pret/", animation.queue, name="queue"),
    path("animation/pret/reservations/<int:booking_id>/valider/", animation.approve, name="booking-approve"),
    path("animation/pret/reservations/<int:booking_id>/proposer/", animation.propose, name="booking-propose"),
    path("animation/pret/reservations/<int:booking_id>/refuser/", animation.refuse, name="booking-refuse"),
    path("animation/pret/reservations/<int:booking_id>/depart/", animation.checkout, name="booking-checkout"),
    path("animation/pret/reservations/<int:booking_id>/retour/", animation.checkin, name="booking-checkin"),
    path("animation/pret/unites/<int:unit_id>/debloquer/", animation.unit_clear, name="unit-clear"),
    path("animation/pret/prises-en-main/", animation.training_new, name="training-new"),
    path("animation/pret/soutien/<int:support_id>/planifier/", animation.support_plan, name="support-plan"),
    path("animation/pret/soutien/<int:support_id>/refuser/", animation.support_refuse, name="support-refuse"),
]
