from django.contrib import admin
from django.urls import include, path

from config.api import api

# The API first: its requests are the most frequent and each pattern tried before it costs them time.
urlpatterns = [
    path("api/", api.urls),
    path("", include("maillage.home.urls")),
    path("", include("maillage.publishing.urls")),
    path("", include("maillage.census.urls")),
    path("", include("maillage.contributions.urls")),
    path("", include("maillage.orientation.urls")),
    path("", include("maillage.accounts.urls")),
    path("", include("maillage.opendata.urls")),
    path("", include("maillage.partners.urls")),
    path("", include("maillage.agenda.urls")),
    path("", include("maillage.lending.urls")),
    path("", include("maillage.network.urls")),
    path("", include("maillage.news.urls")),
    path("", include("maillage.newsletters.urls")),
    path("", include("maillage.territory.urls")),
    path("", include("maillage.activity.urls")),
    path("", include("maillage.reporting.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "maillage.accounts.views.auth.permission_denied"
