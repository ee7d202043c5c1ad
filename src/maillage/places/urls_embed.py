"""Routes of one feature of the places app (included by places/urls.py, namespace `places`): the map for
other sites' `<iframe>`s and the page that writes its code."""

from django.urls import URLPattern, path

from maillage.places.views import embed

urlpatterns: list[URLPattern] = [
    path("embed/carte/", embed.embed_map, name="embed-map"),
    path("carte/integrer/", embed.embed_builder, name="embed-builder"),
]
