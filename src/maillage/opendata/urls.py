from django.urls import path

from maillage.opendata import views

app_name = "opendata"
urlpatterns = [
    path("donnees/", views.opendata_page, name="opendata-list"),
    path("donnees/<slug:key>/", views.opendata_download, name="opendata-download"),
]
