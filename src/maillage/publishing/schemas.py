"""API schemas: a place as the national standard v1.0.2 spells it."""

from __future__ import annotations

import datetime
from typing import Any

from ninja import Schema
from pydantic import model_validator

from maillage.interop.mediation_numerique import Lieu
from maillage.interop.mediation_numerique.mapping import PLACE_FIELD_NAMES, place_fields_to_lieu
from maillage.places.models import Place


def place_to_lieu(place: Place, *, with_private_contact: bool = False) -> Lieu:
    """A Place in the national standard (the interop model validates it).

    A place whose contact is reserved to professionals (`contact_private`) loses its phone and e-mails,
    unless `with_private_contact` (only for readers who may see them).
    """
    fields = {name: getattr(place, name) for name in PLACE_FIELD_NAMES if name != "id"}
    fields["id"] = str(place.pk)
    if place.contact_private and not with_private_contact:
        fields["phone"], fields["emails"] = "", []
    return place_fields_to_lieu(fields)


class LieuOut(Schema):
    """Un lieu de médiation numérique, champs du Standard v1.0.2 (listes en tableaux JSON)."""

    id: str
    pivot: str
    nom: str
    commune: str
    code_postal: str
    code_insee: str | None = None
    adresse: str
    complement_adresse: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    typologie: list[str] = []
    telephone: str | None = None
    courriels: list[str] = []
    site_web: list[str] = []
    horaires: str | None = None
    presentation_resume: str | None = None
    presentation_detail: str | None = None
    source: str | None = None
    itinerance: list[str] = []
    structure_parente: str | None = None
    date_maj: datetime.date
    services: list[str] = []
    publics_specifiquement_adresses: list[str] = []
    prise_en_charge_specifique: list[str] = []
    frais_a_charge: list[str] = []
    dispositif_programmes_nationaux: list[str] = []
    formations_labels: list[str] = []
    autres_formations_labels: str | None = None
    modalites_acces: list[str] = []
    modalites_accompagnement: list[str] = []
    fiche_acces_libre: str | None = None
    prise_rdv: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_place(cls, data: Any) -> Any:
        # django-ninja hands over its DjangoGetter wrapper; the Place is inside.
        obj = getattr(data, "_obj", data)
        return place_to_lieu(obj).model_dump() if isinstance(obj, Place) else data
