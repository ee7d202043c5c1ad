from django.apps import AppConfig


class NewslettersConfig(AppConfig):
    name = "maillage.newsletters"
    verbose_name = "Lettres d'information"
    default_auto_field = "django.db.models.BigAutoField"
