from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "maillage.agenda"
    verbose_name = "Agenda du réseau"
    default_auto_field = "django.db.models.BigAutoField"
