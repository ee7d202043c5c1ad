"""Kits of shared equipment, their units and item checklists, bookings, the days a unit is held,
hand-over checks, trainings and event support requests.

No two holding bookings of one unit overlap: each holds its days (buffer days included) as `UnitDay`
rows, unique per (unit, day) — a database constraint, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from maillage.accounts.models import Structure
from maillage.agenda.models import Event
from maillage.core.fields import StringListField
from maillage.lending.enums import BookingStatus, Phase, SupportStatus, Theme
from maillage.territories.models import Commune


def kit_photo_path(instance: Kit, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else "img"
    return f"pret/{instance.slug}/{uuid.uuid4().hex[:8]}.{suffix}"


class Kit(models.Model):
    slug = models.SlugField("identifiant d'adresse", max_length=80, unique=True)
    name = models.CharField("nom", max_length=200)
    theme = models.CharField("thème", max_length=20, choices=Theme.choices)
    summary = models.CharField("résumé", max_length=300)
    description = models.TextField("description", blank=True)
    photo = models.FileField("photo", upload_to=kit_photo_path, blank=True)
    photo_alt = models.CharField("texte alternatif de la photo", max_length=300, blank=True)
    conditions = models.TextField("conditions de prêt", blank=True)
    deposit = models.CharField("caution", max_length=200, blank=True)
    who_may_borrow = models.CharField("qui peut emprunter", max_length=300, blank=True)
    pickup_place = models.CharField("lieu de retrait", max_length=300, blank=True)
    training_required = models.BooleanField("prise en main obligatoire avant le premier prêt", default=True)
    accompanied = models.BooleanField("part avec un membre de l'équipe (prêt accompagné)", default=False)
    buffer_days = models.PositiveSmallIntegerField(
        "jours de battement après un retour", default=1, help_text="nettoyage, recharge, vérification"
    )
    max_days = models.PositiveSmallIntegerField("durée maximale d'un prêt (jours)", default=14)
    active = models.BooleanField("au catalogue", default=True)
    is_sample = models.BooleanField("contenu d'exemple", default=False)
    # Written by every booking decision on this kit: the write that serialises them (see services).
    bookings_changed_at = models.DateTimeField("réservations modifiées le", null=True, blank=True)
    created_at = models.DateTimeField("créé le", auto_now_add=True)

    class Meta:
        verbose_name = "kit"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=models.Q(max_days__gte=1), name="kit_max_days_positive")
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("lending:kit-detail", args=[self.slug])


class KitItem(models.Model):
    """One line of a kit's checklist: what is inside, how many."""

    kit = models.ForeignKey(Kit, on_delete=models.CASCADE, related_name="items", verbose_name="kit")
    label = models.CharField("élément", max_length=200)
    quantity = models.PositiveSmallIntegerField("quantité", default=1)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "élément d'un kit"
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.kit} · {self.quantity} × {self.label}"


class Unit(models.Model):
    """One of a kit's identical units (two video projectors: two units)."""

    kit = models.ForeignKey(Kit, on_delete=models.CASCADE, related_name="units", verbose_name="kit")
    label = models.CharField("nom de l'unité", max_length=100)
    blocked_reason = models.TextField("bloquée pour", blank=True)
    blocked_at = models.DateTimeField("bloquée le", null=True, blank=True)

    class Meta:
        verbose_name = "unité"
        ordering = ["kit", "pk"]
        constraints = [models.UniqueConstraint(fields=["kit", "label"], name="unit_label_unique")]

    def __str__(self) -> str:
        return f"{self.kit} · {self.label}"

    @property
    def blocked(self) -> bool:
        return self.blocked_at is not None


class Booking(models.Model):
    """A member structure's request for a kit over a range of days, and the loan it becomes."""

    kit = models.ForeignKey(Kit, on_delete=models.PROTECT, related_name="bookings", verbose_name="kit")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings", verbose_name="unité"
    )
    structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, related_name="bookings", verbose_name="structure"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    start = models.DateField("retrait le", db_index=True)
    end = models.DateField("retour le")
    purpose = models.TextField("pour quoi faire")
    audience = models.CharField("public attendu", max_length=300, blank=True)
    expected_people = models.PositiveIntegerField("nombre de personnes attendues", null=True, blank=True)
    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="événement"
    )
    commune = models.ForeignKey(
        Commune, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="commune"
    )
    status = models.CharField(
        "statut", max_length=10, choices=BookingStatus.choices, default=BookingStatus.REQUESTED, db_index=True
    )
    proposed_start = models.DateField("retrait proposé le", null=True, blank=True)
    proposed_end = models.DateField("retour proposé le", null=True, blank=True)
    answer = models.TextField("réponse de l'animation", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    out_on = models.DateField("sorti le", null=True, blank=True)
    back_on = models.DateField("rendu le", null=True, blank=True)
    late_reminded_at = models.DateTimeField("relance de retard le", null=True, blank=True)
    offered_at = models.DateTimeField("place libérée proposée le", null=True, blank=True)
    is_sample = models.BooleanField("exemple fictif", default=False)
    created_at = models.DateTimeField("demandée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "réservation"
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="booking_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kit} · {self.structure} · {self.start:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("lending:booking-detail", args=[self.pk])


class UnitDay(models.Model):
    """A day a unit is held by a confirmed booking (its buffer days included): one holder a day."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="days", verbose_name="unité")
    day = models.DateField("jour")
    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="days")
    buffer = models.BooleanField("jour de battement", default=False)

    class Meta:
        verbose_name = "jour réservé"
        verbose_name_plural = "jours réservés"
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="unitday_one_holder")]
        indexes = [models.Index(fields=["day"], name="unitday_day_idx")]

    def __str__(self) -> str:
        return f"{self.unit} · {self.day:%d/%m/%Y}"


class ItemCheck(models.Model):
    """One checklist line at the hand-over or the return: how many were there, broken or not."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="checks")
    item = models.ForeignKey(KitItem, on_delete=models.CASCADE, related_name="+", verbose_name="élément")
    phase = models.CharField("moment", max_length=7, choices=Phase.choices)
    expected = models.PositiveSmallIntegerField("attendu")
    present = models.PositiveSmallIntegerField("présent")
    broken = models.BooleanField("abîmé", default=False)
    note = models.CharField("remarque", max_length=300, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    checked_at = models.DateTimeField("vérifié le", auto_now_add=True)

    class Meta:
        verbose_name = "vérification d'un élément"
        constraints = [models.UniqueConstraint(fields=["booking", "item", "phase"], name="itemcheck_unique")]

    def __str__(self) -> str:
        return f"{self.booking} · {self.item.label} · {self.get_phase_display()}"

    @property
    def problem(self) -> bool:
        return self.present < self.expected or self.broken


class Training(models.Model):
    """A hands-on training to a kit given to people of a structure (required before a first loan)."""

    kit = models.ForeignKey(Kit, on_delete=models.CASCADE, related_name="trainings", verbose_name="kit")
    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, related_name="kit_trainings", verbose_name="structure"
    )
    day = models.DateField("le")
    trainees = models.CharField("personnes formées", max_length=500)
    done = models.BooleanField("faite", default=False)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    booking = models.ForeignKey(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="trainings"
    )
    created_at = models.DateTimeField("enregistrée le", auto_now_add=True)

    class Meta:
        verbose_name = "prise en main"
        ordering = ["-day", "-pk"]

    def __str__(self) -> str:
        return f"{self.kit} · {self.structure} · {self.day:%d/%m/%Y}"


class SupportRequest(models.Model):
    """A member asks the hub to support an event: the CMI, animators, logistics, mobilising actors."""

    structure = models.ForeignKey(
        Structure, on_delete=models.PROTECT, related_name="support_requests", verbose_name="structure"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField("événement", max_length=200)
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="dans l'agenda",
    )
    start = models.DateField("premier jour")
    end = models.DateField("dernier jour")
    commune = models.ForeignKey(
        Commune, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="commune"
    )
    needs = StringListField("besoins")
    description = models.TextField("description")
    audience = models.CharField("public attendu", max_length=300, blank=True)
    status = models.CharField(
        "statut", max_length=10, choices=SupportStatus.choices, default=SupportStatus.REQUESTED, db_index=True
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name="équipe"
    )
    booking = models.OneToOneField(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="support", verbose_name="kit"
    )
    answer = models.TextField("réponse de l'animation", blank=True)
    is_sample = models.BooleanField("exemple fictif", default=False)
    created_at = models.DateTimeField("demandé le", auto_now_add=True)

    class Meta:
        verbose_name = "demande de soutien à un événement"
        verbose_name_plural = "demandes de soutien à des événements"
        ordering = ["start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="support_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} · {self.structure}"
