"""The convention with the funder, its missions, the animator's text per mission and period, the
generated reports (figures frozen at each regeneration) and the privacy-safe page counters."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from maillage.core.fields import StringListField
from maillage.reporting.domain.periods import Period


class Convention(models.Model):
    """A (multi-year) agreement with a funder; one report per year of its period."""

    funder = models.CharField("financeur", max_length=250)
    title = models.CharField("intitulé", max_length=300)
    start_year = models.PositiveSmallIntegerField("première année")
    end_year = models.PositiveSmallIntegerField("dernière année")
    holder = models.CharField("structure conventionnée", max_length=250, blank=True)
    members_may_log = models.BooleanField(
        "les structures membres consignent leurs propres actions", default=False
    )
    is_sample = models.BooleanField("exemple (démonstration)", default=False)
    created_at = models.DateTimeField("créée le", auto_now_add=True)

    class Meta:
        verbose_name = "convention"
        ordering = ["-end_year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year")), name="convention_period_ordered"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.start_year}–{self.end_year})"

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))


class Mission(models.Model):
    convention = models.ForeignKey(
        Convention, on_delete=models.CASCADE, related_name="missions", verbose_name="convention"
    )
    position = models.PositiveSmallIntegerField("rang", default=0)
    axis = models.CharField("axe", max_length=200, blank=True)
    title = models.CharField("intitulé", max_length=300)
    objective = models.TextField("objectif", blank=True)
    indicators = models.TextField("indicateurs attendus (un par ligne)", blank=True)
    topics = StringListField("chiffres des modules rattachés")

    class Meta:
        verbose_name = "mission"
        ordering = ["convention", "position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def indicator_list(self) -> list[str]:
        return [line.strip() for line in self.indicators.splitlines() if line.strip()]


class MissionText(models.Model):
    """The animator's own text for a mission in a period: kept, never touched by a regeneration."""

    mission = models.ForeignKey(
        Mission, on_delete=models.CASCADE, related_name="texts", verbose_name="mission"
    )
    year = models.PositiveSmallIntegerField("année")
    month = models.PositiveSmallIntegerField("mois (0 : l'année)", default=0)
    text = models.TextField("texte")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        verbose_name = "texte d'une mission"
        verbose_name_plural = "textes des missions"
        constraints = [
            models.UniqueConstraint(fields=["mission", "year", "month"], name="mission_text_period_unique")
        ]

    def __str__(self) -> str:
        return f"{self.mission} · {self.year}{f'-{self.month:02d}' if self.month else ''}"


class Report(models.Model):
    """A generated report of a convention over a year (month 0) or a month: its frozen figures."""

    convention = models.ForeignKey(
        Convention, on_delete=models.CASCADE, related_name="reports", verbose_name="convention"
    )
    year = models.PositiveSmallIntegerField("année")
    month = models.PositiveSmallIntegerField("mois (0 : bilan annuel)", default=0)
    snapshot = models.JSONField("chiffres figés", default=dict, blank=True)
    generated_at = models.DateTimeField("généré le", null=True, blank=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField("publié le", null=True, blank=True)

    class Meta:
        verbose_name = "bilan"
        ordering = ["-year", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["convention", "year", "month"], name="report_period_unique")
        ]

    def __str__(self) -> str:
        return f"Bilan {self.year}{f'-{self.month:02d}' if self.month else ''} · {self.convention}"

    @property
    def label(self) -> str:
        period = Period(self.year, self.month)
        return f"Synthèse mensuelle {period.label}" if self.month else f"Bilan annuel {self.year}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class DailyCount(models.Model):
    """How many times a counted page was served on a day: a number, nothing about who asked."""

    day = models.DateField("jour")
    key = models.CharField("page comptée", max_length=80)
    count = models.PositiveIntegerField("nombre", default=0)

    class Meta:
        verbose_name = "compteur quotidien"
        verbose_name_plural = "compteurs quotidiens"
        constraints = [models.UniqueConstraint(fields=["day", "key"], name="daily_count_unique")]

    def __str__(self) -> str:
        return f"{self.day} {self.key} {self.count}"
