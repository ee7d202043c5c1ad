"""Lists, subscribers and their subscriptions, letters and their deliveries."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from maillage.newsletters.enums import (
    DeliveryStatus,
    EndReason,
    LetterStatus,
    SubscriptionSource,
    SubscriptionStatus,
)


class MailingList(models.Model):
    slug = models.SlugField("identifiant", max_length=80, unique=True)
    name = models.CharField("nom", max_length=200)
    description = models.TextField("présentation", blank=True)
    sample = models.BooleanField("exemple fictif", default=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "liste de diffusion"
        verbose_name_plural = "listes de diffusion"
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("newsletters:list-detail", args=[self.slug])


class Subscriber(models.Model):
    """An address; what it receives is its subscriptions. Nothing else is kept about the person."""

    email = models.EmailField("courriel", unique=True)
    created_at = models.DateTimeField("enregistré le", auto_now_add=True)

    class Meta:
        verbose_name = "abonné"

    def __str__(self) -> str:
        return self.email


class Subscription(models.Model):
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions", verbose_name="abonné"
    )
    mailing_list = models.ForeignKey(
        MailingList, on_delete=models.CASCADE, related_name="subscriptions", verbose_name="liste"
    )
    status = models.CharField(
        "statut", max_length=12, choices=SubscriptionStatus.choices, default=SubscriptionStatus.PENDING
    )
    source = models.CharField("origine", max_length=12, choices=SubscriptionSource.choices)
    requested_at = models.DateTimeField("demandé le", auto_now_add=True)
    confirmed_at = models.DateTimeField("confirmé le", null=True, blank=True)
    ended_at = models.DateTimeField("désabonné le", null=True, blank=True)
    end_reason = models.CharField(
        "motif du désabonnement", max_length=10, choices=EndReason.choices, blank=True, default=""
    )

    class Meta:
        verbose_name = "abonnement"
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "mailing_list"], name="subscription_unique")
        ]
        indexes = [models.Index(fields=["mailing_list", "status"], name="subscription_list_status")]

    def __str__(self) -> str:
        return f"{self.subscriber} · {self.mailing_list}"


class Letter(models.Model):
    """A letter: its blocks while composed, frozen into `content` when it is queued for sending."""

    mailing_list = models.ForeignKey(
        MailingList, on_delete=models.PROTECT, related_name="letters", verbose_name="liste"
    )
    subject = models.CharField("objet", max_length=200)
    intro = models.TextField("introduction (Markdown)", blank=True)
    blocks = models.JSONField("blocs", default=list, blank=True)
    content = models.JSONField("contenu figé à l'envoi", default=dict, blank=True)
    status = models.CharField(
        "statut", max_length=10, choices=LetterStatus.choices, default=LetterStatus.DRAFT, db_index=True
    )
    scheduled_at = models.DateTimeField("envoi prévu le", null=True, blank=True)
    queued_at = models.DateTimeField("mise en file le", null=True, blank=True)
    sent_at = models.DateTimeField("envoyée le", null=True, blank=True)
    web_views = models.PositiveIntegerField("vues de la version web", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "lettre"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        return reverse("newsletters:letter-web", args=[self.mailing_list.slug, self.pk])


class Delivery(models.Model):
    """One letter to one address, written before it is sent: the queue and its record."""

    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, related_name="deliveries", verbose_name="lettre"
    )
    subscription = models.ForeignKey(
        Subscription, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    email = models.EmailField("courriel")
    status = models.CharField(
        "statut", max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    claimed_at = models.DateTimeField("pris en charge le", null=True, blank=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True, db_index=True)
    error = models.CharField("erreur", max_length=500, blank=True)

    class Meta:
        verbose_name = "envoi"
        constraints = [models.UniqueConstraint(fields=["letter", "email"], name="delivery_once_per_address")]
        indexes = [models.Index(fields=["status", "letter"], name="delivery_status_letter")]

    def __str__(self) -> str:
        return f"{self.letter} → {self.email}"
