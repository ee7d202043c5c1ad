from django.apps import AppConfig


class CensusConfig(AppConfig):
    name = "maillage.census"
    verbose_name = "Recensement (import, doublons, fusion)"
    default_auto_field = "django.db.models.BigAutoField"
