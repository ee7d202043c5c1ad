from django.apps import AppConfig


class ActivityConfig(AppConfig):
    name = "maillage.activity"
    verbose_name = "Activité du réseau"
    default_auto_field = "django.db.models.BigAutoField"
