from django.urls import path

from maillage.places import views

app_name = "places"
urlpatterns = [
    path("<uuid:place_id>/", views.place_detail, name="place-detail"),
]
