from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "maillage.contributions"
    verbose_name = "Contributions et modération"
    default_auto_field = "django.db.models.BigAutoField"
