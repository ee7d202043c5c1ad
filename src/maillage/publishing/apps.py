from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "maillage.publishing"
    verbose_name = "Publication (carte, API, impression, intégration)"
    default_auto_field = "django.db.models.BigAutoField"
