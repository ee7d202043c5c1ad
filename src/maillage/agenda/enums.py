"""The agenda's controlled values, with their French labels."""

from __future__ import annotations

from django.db import models


class EventStatus(models.TextChoices):
    PROGRAMMED = "programme", "Programmé"
    POSTPONED = "reporte", "Reporté"
    FULL = "complet", "Complet"
    CANCELLED = "annule", "Annulé"


class Publication(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    PROPOSED = "proposed", "Proposé, en attente de modération"
    PUBLISHED = "published", "Publié"
    REJECTED = "rejected", "Refusé"


class RegistrationKind(models.TextChoices):
    NONE = "none", "Sans inscription"
    LINK = "link", "Inscription sur un site (lien)"
    PHONE = "phone", "Inscription par téléphone"
    EMAIL = "email", "Inscription par courriel"
    MAILLAGE = "maillage", "Inscription sur Maillage (places limitées, liste d'attente)"


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmée"
    WAITING = "waiting", "En liste d'attente"
    CANCELLED = "cancelled", "Annulée"


class LogAction(models.TextChoices):
    CREATED = "created", "Création"
    UPDATED = "updated", "Modification"
    PROPOSED = "proposed", "Proposition"
    PUBLISHED = "published", "Publication"
    REJECTED = "rejected", "Refus"
    STATUS = "status", "Changement de statut"
    IMPORTED = "imported", "Import"
