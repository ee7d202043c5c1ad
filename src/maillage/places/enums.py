"""Our own choices for places (the standard's enumerations live in interop.mediation_numerique)."""

from django.db import models


class PlaceStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PUBLISHED = "published", "Publié"
    ARCHIVED = "archived", "Archivé"
