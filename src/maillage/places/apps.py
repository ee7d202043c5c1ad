from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "maillage.places"
    label = "places"
    verbose_name = "Lieux"
