from django.contrib import admin
from django.urls import include, path

from config.api import api

urlpatterns = [
    path("", include("maillage.home.urls")),
    path("lieux/", include("maillage.places.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
