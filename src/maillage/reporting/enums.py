"""The reports' controlled values, with their French labels."""

from __future__ import annotations

from django.db import models


class Topic(models.TextChoices):
    """Where a figure comes from (the `topic` of `period_figures`, see docs/architecture.md)."""

    CENSUS = "census", "Recensement des lieux"
    MAP = "map", "Carte des lieux"
    OPENDATA = "opendata", "Données ouvertes"
    AGENDA = "agenda", "Agenda"
    LENDING = "lending", "Prêt de matériel"
    NETWORK = "network", "Demandes de partenariat"
    NEWSLETTERS = "newsletters", "Lettres d'information"
    WATCH = "watch", "Veille partagée"
    TERRITORY = "territory", "Territoire"
    ACTIVITY = "activity", "Actions du réseau"
