"""API schemas of the directory: listed people (no e-mail unless they chose a public contact), structures."""

from __future__ import annotations

from ninja import Schema

from maillage.territories.schemas import Page


class ActorOut(Schema):
    id: int
    nom: str
    role: str
    role_libelle: str
    structure: str
    structure_id: int | None
    thematiques: list[str]
    communes: list[str]
    epci: list[str]
    tout_le_departement: bool
    langues: list[str]
    courriel: str | None
    telephone: str | None
    exemple_fictif: bool


class StructureOut(Schema):
    id: int
    nom: str
    presentation: str
    thematiques: list[str]
    site_web: str


class ActorsPage(Page):
    items: list[ActorOut]


class StructuresPage(Page):
    items: list[StructureOut]
