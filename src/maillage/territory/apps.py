from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    name = "maillage.territory"
    verbose_name = "Analyse du territoire"
    default_auto_field = "django.db.models.BigAutoField"
