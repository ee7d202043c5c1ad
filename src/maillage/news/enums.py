"""The watch's controlled values, with their French labels."""

from __future__ import annotations

from django.db import models


class ItemKind(models.TextChoices):
    NEWS = "news", "Actualité"
    LINK = "link", "Lien commenté"
    RESOURCE = "resource", "Ressource"
    INITIATIVE = "initiative", "Initiative locale"
