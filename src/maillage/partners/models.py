"""Trusted partners' API tokens (only a hash is kept) and the log of what each push did."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from maillage.core.fields import StringListField


class Scope(models.TextChoices):
    PLACES_WRITE = "lieux:ecriture", "Envoyer des lieux (standard national)"


class PartnerToken(models.Model):
    """One partner's key to the write API. The secret is shown once, at creation; we keep its SHA-256."""

    name = models.CharField("partenaire", max_length=200)
    slug = models.SlugField("nom de la source", max_length=60, unique=True)
    contact_email = models.EmailField("courriel du partenaire", blank=True)
    prefix = models.CharField("début du jeton", max_length=16)
    secret_hash = models.CharField("empreinte du jeton", max_length=64, unique=True)
    scopes = StringListField("droits", default=list)
    pushes_per_hour = models.PositiveIntegerField("envois par heure au plus", default=60)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créé par",
    )
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    last_used_at = models.DateTimeField("dernier usage", null=True, blank=True)
    revoked_at = models.DateTimeField("révoqué le", null=True, blank=True)

    class Meta:
        verbose_name = "jeton de partenaire"
        verbose_name_plural = "jetons de partenaires"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def source(self) -> str:
        return f"partner:{self.slug}"


class PartnerPush(models.Model):
    """One call of the write API, accepted or refused (the hourly limit counts them)."""

    token = models.ForeignKey(PartnerToken, on_delete=models.CASCADE, related_name="pushes")
    received_at = models.DateTimeField("reçu le", auto_now_add=True, db_index=True)
    accepted = models.BooleanField("accepté", default=False)
    records = models.PositiveIntegerField("lieux envoyés", default=0)
    summary = models.JSONField("résultat", default=dict, blank=True)

    class Meta:
        verbose_name = "envoi d'un partenaire"
        verbose_name_plural = "envois des partenaires"
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["token", "received_at"], name="partner_push_recent_idx")]

    def __str__(self) -> str:
        return f"{self.token.name} · {self.received_at:%Y-%m-%d %H:%M}"
