"""The newsletters' controlled values, with their French labels."""

from __future__ import annotations

from django.db import models


class SubscriptionStatus(models.TextChoices):
    PENDING = "pending", "En attente de confirmation"
    CONFIRMED = "confirmed", "Abonné"
    UNSUBSCRIBED = "unsubscribed", "Désabonné"


class SubscriptionSource(models.TextChoices):
    FORM = "form", "Formulaire public"
    PREFERENCES = "preferences", "Page de préférences"
    IMPORT = "import", "Import (consentement recueilli)"


class EndReason(models.TextChoices):
    NONE = "", "—"
    REQUEST = "request", "Demande de l'abonné"
    BOUNCE = "bounce", "Adresse en échec définitif"
    COMPLAINT = "complaint", "Signalement comme indésirable"


class LetterStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    SCHEDULED = "scheduled", "Programmée"
    SENDING = "sending", "En cours d'envoi"
    SENT = "sent", "Envoyée"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "À envoyer"
    SENDING = "sending", "En cours"
    SENT = "sent", "Envoyé"
    FAILED = "failed", "Refusé par le serveur"
    UNCERTAIN = "uncertain", "Incertain (envoi interrompu)"
