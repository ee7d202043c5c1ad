from django.apps import AppConfig


class LendingConfig(AppConfig):
    name = "maillage.lending"
    verbose_name = "Prêt de matériel"
    default_auto_field = "django.db.models.BigAutoField"
