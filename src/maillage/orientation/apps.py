from django.apps import AppConfig


class OrientationConfig(AppConfig):
    name = "maillage.orientation"
    label = "orientation"
    verbose_name = "Orientation"
