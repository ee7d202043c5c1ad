from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "maillage.reporting"
    verbose_name = "Bilans"
    default_auto_field = "django.db.models.BigAutoField"
