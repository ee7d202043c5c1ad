from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "maillage.network"
    verbose_name = "Réseau des acteurs"
    default_auto_field = "django.db.models.BigAutoField"
