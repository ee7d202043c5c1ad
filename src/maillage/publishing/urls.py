"""Routes of the published census (namespace `publishing`): a place's public page, the map and its data,
printed documents, the map for other sites' `<iframe>`s and the page that writes its code."""

from django.urls import path

from maillage.publishing.views import embed, printing, public
from maillage.publishing.views import map as map_views

app_name = "publishing"
urlpatterns = [
    path("lieux/<uuid:place_id>/", public.place_detail, name="place-detail"),
    path("carte/", map_views.place_map, name="map"),
    path("carte/lieux.geojson", map_views.map_points, name="map-points"),
    path("carte/contours.geojson", map_views.map_outlines, name="map-outlines"),
    path("lieux/<uuid:place_id>/fiche.pdf", printing.place_card_pdf, name="place-card-pdf"),
    path("carte/livret.pdf", printing.map_booklet_pdf, name="map-booklet-pdf"),
    path("embed/carte/", embed.embed_map, name="embed-map"),
    path("carte/integrer/", embed.embed_builder, name="embed-builder"),
]
