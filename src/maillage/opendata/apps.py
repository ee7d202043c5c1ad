from django.apps import AppConfig


class OpendataConfig(AppConfig):
    name = "maillage.opendata"
    label = "opendata"
    verbose_name = "Données ouvertes"
