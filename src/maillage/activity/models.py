"""An action of the network (training, meeting, workshop...) with its missions, dates, place, people
and counts; `source` names the Maillage object it was prefilled from (never typed twice)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from maillage.accounts.models import Structure
from maillage.activity.enums import ActionKind, Audience
from maillage.places.models import Place
from maillage.territories.models import Commune


class Action(models.Model):
    title = models.CharField("intitulé", max_length=250)
    kind = models.CharField("type d'action", max_length=20, choices=ActionKind.choices)
    missions = models.ManyToManyField(
        "reporting.Mission", verbose_name="missions", related_name="actions", blank=True
    )
    date_start = models.DateField("date de début", db_index=True)
    date_end = models.DateField("date de fin")
    sessions = models.PositiveSmallIntegerField("nombre de séances", default=1)
    duration_hours = models.DecimalField(
        "durée totale (heures)", max_digits=6, decimal_places=1, null=True, blank=True
    )
    place = models.ForeignKey(
        Place, verbose_name="lieu", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    online = models.BooleanField("en ligne", default=False)
    organisers = models.ManyToManyField(
        Structure, verbose_name="structures organisatrices", related_name="organised_actions", blank=True
    )
    partners = models.ManyToManyField(
        Structure, verbose_name="partenaires", related_name="partnered_actions", blank=True
    )
    audience = models.CharField("public", max_length=20, choices=Audience.choices, default=Audience.PUBLIC)
    participants = models.PositiveIntegerField("participants", default=0)
    women = models.PositiveIntegerField("dont femmes", null=True, blank=True)
    men = models.PositiveIntegerField("dont hommes", null=True, blank=True)
    professionals = models.PositiveIntegerField("dont professionnels", null=True, blank=True)
    age_range = models.CharField("âges", max_length=100, blank=True)
    links = models.TextField("liens (un par ligne)", blank=True)
    narrative = models.TextField("récit court", blank=True)
    source = models.CharField("prérempli depuis", max_length=80, blank=True, db_index=True)
    structure = models.ForeignKey(
        Structure,
        verbose_name="consignée par la structure",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="logged_actions",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)

    class Meta:
        verbose_name = "action"
        ordering = ["-date_start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(date_end__gte=models.F("date_start")), name="action_dates_ordered"
            ),
            models.UniqueConstraint(
                fields=["source"], condition=~models.Q(source=""), name="action_source_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("activity:action-edit", args=[self.pk])

    @property
    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]
