"""Shapes of the partners' write API (French field names, like the read API)."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import Field


class PushedOut(Schema):
    id: str = Field(description="L'identifiant `id` du lieu dans l'envoi")
    etat: str = Field(
        description="`en_moderation` (nouveau ou en attente : l'animation le relira), `mis_a_jour` (déjà "
        "accepté, modifié), `inchange`, `refuse_precedemment` (refusé par la modération et renvoyé sans "
        "changement)"
    )
    lieu: str | None = Field(None, description="Identifiant du lieu publié qu'alimente cette fiche")
    contribution: int | None = Field(None, description="Numéro de la contribution en modération")


class PushOut(Schema):
    source: str = Field(description="La source du recensement où entrent vos lieux : `partner:<nom>`")
    recus: int
    en_moderation: int
    mis_a_jour: int
    inchanges: int
    refuses_precedemment: int
    lieux: list[PushedOut]


class PushErrorItem(Schema):
    enregistrement: int = Field(description="Rang du lieu dans le tableau envoyé, à partir de 1")
    id: str = Field(description="Son identifiant `id`, s'il en a un")
    champ: str = Field(description="Le champ du standard en faute")
    message: str


class PushErrorOut(Schema):
    # A sentence when the records are refused; the list of ninja's body errors when the body itself is
    # not a list of objects (found by tests/fuzz: that 422 did not match the documented schema).
    detail: str | list[dict[str, Any]]
    erreurs: list[PushErrorItem] = Field(default_factory=list)


class DetailOut(Schema):
    detail: str


class PartnerOut(Schema):
    partenaire: str
    source: str
    droits: list[str]
    envois_par_heure: int
    envois_derniere_heure: int = Field(description="Envois (acceptés ou refusés) de la dernière heure")
