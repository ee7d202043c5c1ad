import logging

from django.apps import AppConfig


class OrientationConfig(AppConfig):
    name = "maillage.orientation"
    label = "orientation"
    verbose_name = "Orientation"

    def ready(self) -> None:
        # WeasyPrint (the orientation sheet) announces each rendering step at INFO level, even on
        # import: not worth a log line each time.
        logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
