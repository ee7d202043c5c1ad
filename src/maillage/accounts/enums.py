"""The roles a person may hold, with their French labels (shown on « Mon compte »)."""

from django.db import models


class Role(models.TextChoices):
    ANIMATOR = "animator", "Animation du réseau : tout le recensement, les structures et leurs membres"
    EDITOR = "editor", "Édition des fiches des lieux de vos structures"
    PROFESSIONAL = "professional", "Professionnel·le partenaire : coordonnées non publiques des lieux"
