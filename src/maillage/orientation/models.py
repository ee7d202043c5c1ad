"""Anonymous counts of completed orientations, for the hub's statistics: nothing personal is kept."""

from __future__ import annotations

from django.db import models


class OrientationCount(models.Model):
    """How many orientations ended on a results page, per need, commune and day.

    `insee_code` is empty (NULL) when the person gave a position rather than a commune: a position
    is never stored, not even as the nearest commune.
    """

    need = models.CharField("besoin (identifiant du catalogue)", max_length=60)
    insee_code = models.CharField("code INSEE de la commune", max_length=5, null=True, blank=True)
    date = models.DateField("jour")
    count = models.PositiveIntegerField("nombre d'orientations", default=0)

    class Meta:
        verbose_name = "décompte d'orientations"
        verbose_name_plural = "décomptes d'orientations"
        ordering = ["-date", "need", "insee_code"]
        constraints = [
            # NULL values are distinct in a plain unique constraint: one constraint per case.
            models.UniqueConstraint(
                fields=["need", "insee_code", "date"],
                condition=models.Q(insee_code__isnull=False),
                name="orientation_count_unique_commune",
            ),
            models.UniqueConstraint(
                fields=["need", "date"],
                condition=models.Q(insee_code__isnull=True),
                name="orientation_count_unique_no_commune",
            ),
        ]
        indexes = [models.Index(fields=["date"], name="orientation_count_date_idx")]

    def __str__(self) -> str:
        return f"{self.date} {self.need} {self.insee_code or '-'} : {self.count}"
