"""The census of places, field for field the national standard v1.0.2, plus our own fields.

Field names are English; `interop.mediation_numerique.mapping` maps them to the standard's names.
Multi-valued fields are `StringListField`s: JSON lists filterable in SQL with `__has` / `__has_any`.
"""

from __future__ import annotations

import uuid

from django.db import models

from maillage.core.fields import StringListField
from maillage.places.enums import (
    ContributionKind,
    ContributionStatus,
    Decision,
    PairStatus,
    PlaceStatus,
    RecordKind,
    VersionOrigin,
)
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
    structure = models.ForeignKey(
        "accounts.Structure",
        verbose_name="structure responsable",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="places",
    )
    verified_on = models.DateField("vérifié le", null=True, blank=True)
    contact_private = models.BooleanField("téléphone et courriels réservés aux professionnels", default=False)
    position_approximate = models.BooleanField("position approximative", default=False)
    provenance = models.JSONField("provenance des champs", default=dict, blank=True, editable=False)
    field_choices = models.JSONField("choix de source par champ", default=dict, blank=True)
    quality_score = models.PositiveSmallIntegerField("qualité (0 à 100)", default=0, db_index=True)
    fresh_on = models.DateField("date de la source la plus récente", null=True, blank=True)
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
    kind = models.CharField("nature", max_length=10, choices=RecordKind.choices, default=RecordKind.PLACE)
    row_number = models.PositiveIntegerField("rang dans le fichier", default=0)
    raw = models.JSONField("ligne brute")
    fields = models.JSONField("champs du standard (noms Maillage)", null=True, blank=True)
    attributes = models.JSONField("attributs propres à la source", default=dict, blank=True)
    rejected_reason = models.TextField("motif du rejet", blank=True)
    position_approximate = models.BooleanField("position approximative", default=False)
    source_date = models.DateField("date de mise à jour dans la source", null=True, blank=True)
    fingerprint = models.CharField("empreinte", max_length=64)
    first_seen = models.DateTimeField("vu la première fois", auto_now_add=True)
    last_seen = models.DateTimeField("vu la dernière fois")
    missing_since = models.DateTimeField("absent de la source depuis", null=True, blank=True)

    class Meta:
        verbose_name = "enregistrement source"
        verbose_name_plural = "enregistrements sources"
        constraints = [
            models.UniqueConstraint(fields=["source", "source_id"], name="source_record_unique_id"),
        ]
        indexes = [models.Index(fields=["kind", "missing_since"], name="source_record_active_idx")]

    def __str__(self) -> str:
        return self.key

    @property
    def key(self) -> str:
        return f"{self.source}:{self.source_id}"


class MatchPair(models.Model):
    """Two source records that may describe the same place, with their score and what became of them."""

    record_a = models.ForeignKey(
        SourceRecord, on_delete=models.CASCADE, related_name="+", verbose_name="fiche A"
    )
    record_b = models.ForeignKey(
        SourceRecord, on_delete=models.CASCADE, related_name="+", verbose_name="fiche B"
    )
    score = models.FloatField("score")
    components = models.JSONField("détail du score", default=dict)
    reasons = models.JSONField("raisons", default=list)
    status = models.CharField("état", max_length=12, choices=PairStatus.choices)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "paire de doublons possibles"
        verbose_name_plural = "paires de doublons possibles"
        constraints = [
            models.UniqueConstraint(fields=["record_a", "record_b"], name="match_pair_unique"),
            models.CheckConstraint(
                condition=models.Q(record_a__lt=models.F("record_b")), name="match_pair_ordered"
            ),
        ]
        indexes = [models.Index(fields=["status", "-score"], name="match_pair_status_idx")]

    def __str__(self) -> str:
        return f"{self.record_a_id} ~ {self.record_b_id} ({self.score:.2f})"


class MatchDecision(models.Model):
    """A person's decision on a pair, remembered by the records' keys so that it survives re-imports."""

    key_a = models.CharField("fiche A", max_length=270)
    key_b = models.CharField("fiche B", max_length=270)
    decision = models.CharField("décision", max_length=10, choices=Decision.choices)
    decided_by = models.CharField("décidé par", max_length=150, blank=True)
    decided_at = models.DateTimeField("décidé le", auto_now=True)

    class Meta:
        verbose_name = "décision de dédoublonnage"
        verbose_name_plural = "décisions de dédoublonnage"
        constraints = [
            models.UniqueConstraint(fields=["key_a", "key_b"], name="match_decision_unique"),
            models.CheckConstraint(
                condition=models.Q(key_a__lt=models.F("key_b")), name="match_decision_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key_a} / {self.key_b}: {self.decision}"


class PlaceVersion(models.Model):
    """One change of a place's card: who, when, from where, which fields (old → new), and the card after."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="versions", verbose_name="lieu")
    created_at = models.DateTimeField("le", auto_now_add=True, db_index=True)
    author = models.ForeignKey(
        "auth.User", verbose_name="par", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_label = models.CharField("auteur (texte)", max_length=250, blank=True)
    origin = models.CharField("origine", max_length=12, choices=VersionOrigin.choices)
    changes = models.JSONField("champs modifiés (ancienne valeur, nouvelle valeur)", default=dict)
    snapshot = models.JSONField("fiche après le changement", default=dict)
    comment = models.TextField("commentaire", blank=True)

    class Meta:
        verbose_name = "version d'un lieu"
        verbose_name_plural = "versions des lieux"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.place_id} · {self.get_origin_display()} · {self.created_at:%Y-%m-%d %H:%M}"


class Contribution(models.Model):
    """A proposal from outside (new place, correction) or a problem report, waiting for moderation."""

    kind = models.CharField("nature", max_length=12, choices=ContributionKind.choices)
    place = models.ForeignKey(
        Place,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name="lieu",
    )
    data = models.JSONField("champs proposés", default=dict, blank=True)
    report_reason = models.CharField("problème signalé", max_length=20, blank=True)
    duplicate_of = models.ForeignKey(
        Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="doublon de"
    )
    comment = models.TextField("commentaire", blank=True)
    email = models.EmailField("courriel pour le suivi", blank=True)
    author = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name="compte"
    )
    status = models.CharField(
        "état", max_length=10, choices=ContributionStatus.choices, default=ContributionStatus.PENDING
    )
    decided_by = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="décidé par",
    )
    decided_at = models.DateTimeField("décidé le", null=True, blank=True)
    decision_reason = models.TextField("motif de la décision", blank=True)
    client_key = models.CharField("empreinte du réseau d'origine", max_length=64, blank=True)
    source_record = models.ForeignKey(
        "SourceRecord",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name="fiche source d'un partenaire",
    )
    created_at = models.DateTimeField("reçue le", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "contribution"
        indexes = [models.Index(fields=["status", "created_at"], name="contribution_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.get_status_display()}"


class FreshnessReminder(models.Model):
    """A "is this card still right?" e-mail sent to a place's contact (so that a period sends one only)."""

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="reminders", verbose_name="lieu")
    email = models.EmailField("envoyé à")
    sent_at = models.DateTimeField("envoyé le", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "rappel de vérification"
        verbose_name_plural = "rappels de vérification"

    def __str__(self) -> str:
        return f"{self.place_id} → {self.email} ({self.sent_at:%Y-%m-%d})"


class CensusBuild(models.Model):
    """The last census rebuild: the fingerprint of everything it read, and its report's figures. A rebuild
    whose inputs have the same fingerprint would write nothing, so it stops there (census.services)."""

    fingerprint = models.CharField("empreinte des entrées", max_length=64)
    report = models.JSONField("bilan du recensement", default=dict)
    built_at = models.DateTimeField("calculé le", auto_now=True)

    class Meta:
        verbose_name = "calcul du recensement"
        verbose_name_plural = "calculs du recensement"

    def __str__(self) -> str:
        return f"{self.built_at:%Y-%m-%d %H:%M} ({self.fingerprint[:12]})"
