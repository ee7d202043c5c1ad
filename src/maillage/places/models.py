"""The census of places, field for field the national standard v1.0.2, plus our own fields.

Field names are English; `interop.mediation_numerique.mapping` maps them to the standard's names.
Multi-valued fields are `StringListField`s: JSON lists filterable in SQL with `__has` / `__has_any`.
"""

from __future__ import annotations

import uuid

from django.db import models

from maillage.core.fields import StringListField
from maillage.places.enums import PlaceStatus
from maillage.territories.models import Commune


class Place(models.Model):
    # Our own fields.
    id = models.UUIDField("identifiant", primary_key=True, default=uuid.uuid4, editable=False)
    status = models.CharField("statut", max_length=10, choices=PlaceStatus.choices, default=PlaceStatus.DRAFT)
    commune = models.ForeignKey(
        Commune,
        verbose_name="commune (COG)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="places",
    )
    search_text = models.TextField("texte de recherche", blank=True, editable=False)
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    # The standard's fields, in the standard's order.
    pivot = models.CharField("SIRET ou RNA (pivot)", max_length=14)
    name = models.CharField("nom", max_length=250)
    commune_name = models.CharField("commune", max_length=200)
    postal_code = models.CharField("code postal", max_length=5)
    insee_code = models.CharField("code INSEE", max_length=5, blank=True)
    address = models.CharField("adresse", max_length=300)
    address_complement = models.CharField("complément d'adresse", max_length=300, blank=True)
    latitude = models.FloatField("latitude", null=True, blank=True)
    longitude = models.FloatField("longitude", null=True, blank=True)
    typologies = StringListField("typologie")
    phone = models.CharField("téléphone", max_length=20, blank=True)
    emails = StringListField("courriels")
    websites = StringListField("sites web")
    opening_hours = models.CharField("horaires (OSM)", max_length=1000, blank=True)
    summary = models.CharField("présentation résumée", max_length=280, blank=True)
    description = models.TextField("présentation détaillée", blank=True)
    source_label = models.CharField("source", max_length=200, blank=True)
    mobility = StringListField("itinérance")
    parent_structure = models.CharField("structure parente", max_length=250, blank=True)
    updated_on = models.DateField("date de mise à jour")
    services = StringListField("services")
    publics = StringListField("publics spécifiquement adressés")
    specific_support = StringListField("prise en charge spécifique")
    fees = StringListField("frais à charge")
    national_programmes = StringListField("dispositifs et programmes nationaux")
    training_labels = StringListField("formations et labels")
    other_labels = models.TextField("autres formations et labels", blank=True)
    access_modes = StringListField("modalités d'accès")
    support_modes = StringListField("modalités d'accompagnement")
    acceslibre_url = models.URLField("fiche Accès Libre", max_length=500, blank=True)
    booking_url = models.URLField("prise de rendez-vous", max_length=500, blank=True)

    class Meta:
        verbose_name = "lieu"
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "name"], name="place_status_name_idx"),
            models.Index(fields=["insee_code"], name="place_insee_idx"),
            models.Index(fields=["latitude", "longitude"], name="place_lat_lon_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="place_lat_lon_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.commune_name})"


class SourceRecord(models.Model):
    """One row of one imported file, kept as it came, and the place it feeds."""

    source = models.CharField("source", max_length=60)
    source_id = models.CharField("identifiant dans la source", max_length=200)
    place = models.ForeignKey(
        Place,
        verbose_name="lieu",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_records",
    )
    raw = models.JSONField("ligne brute")
    fingerprint = models.CharField("empreinte", max_length=64)
    first_seen = models.DateTimeField("vu la première fois", auto_now_add=True)
    last_seen = models.DateTimeField("vu la dernière fois")

    class Meta:
        verbose_name = "enregistrement source"
        verbose_name_plural = "enregistrements sources"
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="source_record_unique_id"),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.source_id}"
