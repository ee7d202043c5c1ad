"""Routes of one feature of the places app (included by places/urls.py, namespace `places`): printed
documents (a place's card, the booklet of a map selection)."""

from django.urls import URLPattern, path

from maillage.places.views import printing

urlpatterns: list[URLPattern] = [
    path("lieux/<uuid:place_id>/fiche.pdf", printing.place_card_pdf, name="place-card-pdf"),
    path("carte/livret.pdf", printing.map_booklet_pdf, name="map-booklet-pdf"),
]
