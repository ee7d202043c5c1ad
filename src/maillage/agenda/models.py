"""Events of the network's agenda, their time slots, and the registrations Maillage itself takes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from maillage.accounts.models import Structure
from maillage.agenda.enums import EventStatus, LogAction, Publication, RegistrationKind, RegistrationStatus
from maillage.core.fields import StringListField
from maillage.places.models import Place
from maillage.territories.models import Commune


def event_image_path(instance: Event, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "img"
    return f"agenda/{instance.pk}/{uuid.uuid4().hex[:8]}.{suffix}"


class Event(models.Model):
    id = models.UUIDField("identifiant", primary_key=True, default=uuid.uuid4, editable=False)
    title = models.CharField("titre", max_length=200)
    summary = models.CharField("résumé", max_length=200)
    description = models.TextField("description (Markdown)", blank=True)
    status = models.CharField(
        "statut", max_length=10, choices=EventStatus.choices, default=EventStatus.PROGRAMMED
    )
    publication = models.CharField(
        "publication", max_length=10, choices=Publication.choices, default=Publication.DRAFT, db_index=True
    )
    place = models.ForeignKey(
        Place, verbose_name="lieu", on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    location_name = models.CharField("nom du lieu", max_length=250, blank=True)
    address = models.CharField("adresse", max_length=300, blank=True)
    postal_code = models.CharField("code postal", max_length=5, blank=True)
    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    latitude = models.FloatField("latitude", null=True, blank=True)
    longitude = models.FloatField("longitude", null=True, blank=True)
    online_url = models.URLField("lien de participation en ligne", max_length=500, blank=True)
    organiser = models.ForeignKey(
        Structure,
        verbose_name="organisateur",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )
    keywords = StringListField("mots-clés")
    audience = StringListField("publics")
    accessibility = StringListField("accessibilité")
    free = models.BooleanField("gratuit", default=True)
    price = models.CharField("tarif", max_length=200, blank=True)
    registration_kind = models.CharField(
        "inscription", max_length=10, choices=RegistrationKind.choices, default=RegistrationKind.NONE
    )
    registration_value = models.CharField(
        "lien, téléphone ou courriel d'inscription", max_length=500, blank=True
    )
    image = models.FileField("image", upload_to=event_image_path, blank=True)
    image_alt = models.CharField("texte alternatif de l'image", max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    proposer_email = models.EmailField("courriel de la personne qui propose", blank=True)
    client_key = models.CharField("empreinte du client", max_length=64, blank=True)
    rejection_reason = models.TextField("motif du refus", blank=True)
    external_source = models.CharField("source externe", max_length=50, blank=True)
    external_id = models.CharField("identifiant externe", max_length=200, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "événement"
        constraints = [
            models.UniqueConstraint(
                fields=["external_source", "external_id"],
                condition=~models.Q(external_id=""),
                name="event_external_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("agenda:event-detail", args=[self.pk])

    @property
    def is_online(self) -> bool:
        return bool(self.online_url)


class EventSlot(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="slots", verbose_name="événement")
    begin = models.DateTimeField("début", db_index=True)
    end = models.DateTimeField("fin")
    capacity = models.PositiveIntegerField("places", null=True, blank=True)
    # Written at every registration change: the write that serialises concurrent registrations.
    registrations_changed_at = models.DateTimeField("inscriptions modifiées le", null=True, blank=True)

    class Meta:
        verbose_name = "créneau"
        ordering = ["begin", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("begin")), name="slot_end_after_begin")
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.begin:%Y-%m-%d %H:%M}"


class Registration(models.Model):
    """Only what is needed: a name, an e-mail address, an optional phone; deleted after the event."""

    slot = models.ForeignKey(
        EventSlot, on_delete=models.CASCADE, related_name="registrations", verbose_name="créneau"
    )
    name = models.CharField("nom", max_length=200)
    email = models.EmailField("courriel", blank=True)  # empty: registered by the organiser, by phone
    phone = models.CharField("téléphone", max_length=30, blank=True)
    status = models.CharField("statut", max_length=10, choices=RegistrationStatus.choices)
    position = models.PositiveIntegerField("rang d'inscription")
    reminder_sent_at = models.DateTimeField("rappel envoyé le", null=True, blank=True)
    created_at = models.DateTimeField("inscrit le", auto_now_add=True)

    class Meta:
        verbose_name = "inscription"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "position"], name="registration_position_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.slot}"


class EventLog(models.Model):
    """Who did what to an event (creation, edits, moderation, status changes)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="log", verbose_name="événement")
    action = models.CharField("action", max_length=10, choices=LogAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_label = models.CharField("auteur", max_length=250, blank=True)
    note = models.TextField("note", blank=True)
    created_at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "journal d'un événement"
        verbose_name_plural = "journal des événements"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event} · {self.get_action_display()}"
