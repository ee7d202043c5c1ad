from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "maillage.news"
    verbose_name = "Actualités et veille"
    default_auto_field = "django.db.models.BigAutoField"
