"""Reference data of the territory: département, EPCI, communes and their digital fragility index."""

from __future__ import annotations

from django.db import models


class Department(models.Model):
    code = models.CharField("code", max_length=3, primary_key=True)
    name = models.CharField("nom", max_length=100)
    outline = models.JSONField("contour (GeoJSON)", null=True, blank=True)

    class Meta:
        verbose_name = "département"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Epci(models.Model):
    siren = models.CharField("SIREN", max_length=9, primary_key=True)
    name = models.CharField("nom", max_length=200)
    kind = models.CharField("type", max_length=10, help_text="METRO, CA, CC…")
    population = models.PositiveIntegerField("population municipale", null=True, blank=True)
    commune_count = models.PositiveIntegerField("nombre de communes", null=True, blank=True)
    ifn_total = models.FloatField("indice de fragilité numérique", null=True, blank=True)
    outline = models.JSONField("contour (GeoJSON)", null=True, blank=True)

    class Meta:
        verbose_name = "EPCI"
        verbose_name_plural = "EPCI"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Commune(models.Model):
    """A commune of the Code officiel géographique (COG 2026)."""

    insee_code = models.CharField("code INSEE", max_length=5, primary_key=True)
    name = models.CharField("nom", max_length=200)
    search_name = models.CharField("nom normalisé", max_length=200, db_index=True)
    postal_codes = models.JSONField("codes postaux", default=list, blank=True)
    department_code = models.CharField("département", max_length=3, db_index=True)
    population = models.PositiveIntegerField("population municipale", null=True, blank=True)
    epci = models.ForeignKey(
        Epci, verbose_name="EPCI", on_delete=models.SET_NULL, null=True, blank=True, related_name="communes"
    )
    # Only the communes of the served territory carry the detailed fields below.
    in_territory = models.BooleanField("dans le territoire", default=False, db_index=True)
    latitude = models.FloatField("latitude du centre", null=True, blank=True)
    longitude = models.FloatField("longitude du centre", null=True, blank=True)
    area_km2 = models.FloatField("superficie (km²)", null=True, blank=True)
    density_class = models.PositiveSmallIntegerField("grille de densité INSEE (1 à 7)", null=True, blank=True)
    density_label = models.CharField("grille de densité", max_length=60, blank=True)
    ifn_no_thd = models.FloatField("IFN : absence de très haut débit", null=True, blank=True)
    ifn_no_4g = models.FloatField("IFN : absence de 4G", null=True, blank=True)
    ifn_poverty = models.FloatField("IFN : pauvreté", null=True, blank=True)
    ifn_older_65 = models.FloatField("IFN : 65 ans et plus", null=True, blank=True)
    ifn_no_diploma = models.FloatField("IFN : sans diplôme", null=True, blank=True)
    ifn_total = models.FloatField("indice de fragilité numérique", null=True, blank=True)
    outline = models.JSONField("contour (GeoJSON)", null=True, blank=True)

    class Meta:
        verbose_name = "commune"
        ordering = ["name"]
        indexes = [models.Index(fields=["in_territory", "name"], name="commune_territory_name_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.insee_code})"
