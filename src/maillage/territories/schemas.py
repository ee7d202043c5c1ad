"""API schemas of territory reference data (communes and EPCI of the served territory)."""

from __future__ import annotations

from ninja import Schema
from pydantic import Field


class CommuneOut(Schema):
    code_insee: str = Field(validation_alias="insee_code")
    nom: str = Field(validation_alias="name")
    codes_postaux: list[str] = Field(validation_alias="postal_codes")
    departement: str = Field(validation_alias="department_code")
    epci: str | None = Field(None, validation_alias="epci_id", description="SIREN de l'EPCI")
    population: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    grille_densite: str = Field("", validation_alias="density_label")
    indice_fragilite_numerique: float | None = Field(None, validation_alias="ifn_total")


class EpciOut(Schema):
    siren: str
    nom: str = Field(validation_alias="name")
    type: str = Field(validation_alias="kind")
    population: int | None = None
    nombre_communes: int | None = Field(None, validation_alias="commune_count")
    indice_fragilite_numerique: float | None = Field(None, validation_alias="ifn_total")


class Page(Schema):
    count: int
    limit: int
    offset: int


class CommunesPage(Page):
    items: list[CommuneOut]


class EpcisPage(Page):
    items: list[EpciOut]


class Pagination(Schema):
    limit: int = Field(100, ge=1, le=500, description="Nombre d'éléments par page (500 au plus)")
    # Bounded: a larger OFFSET overflows the database's 64-bit integer (a 500 found by schemathesis).
    offset: int = Field(0, ge=0, le=1_000_000, description="Rang du premier élément renvoyé")
