from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "maillage.places"
    label = "places"
    verbose_name = "Lieux"

    def ready(self) -> None:
        # Every process connects the search index's receivers, the ones that never search too (a command
        # that publishes a place must tell the web workers: search_index.py).
        from maillage.places import search_index  # noqa: F401
