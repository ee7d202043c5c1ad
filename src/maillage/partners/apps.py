from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "maillage.partners"
    label = "partners"
    verbose_name = "Partenaires (API d'écriture)"
    default_auto_field = "django.db.models.BigAutoField"
