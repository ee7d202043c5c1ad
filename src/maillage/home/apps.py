from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "maillage.home"
    label = "home"
    verbose_name = "Accueil"
